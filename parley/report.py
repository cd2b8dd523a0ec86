"""``parley report``: a self-contained HTML briefing on a corpus or a dyad.

Who stands where now (the latest stance of every holder toward every counterpart), how it
changed (a timeline and the list of changes), the strongest evidence with the quotations
behind it, and links back to the articles. One file, styles inline, no scripts, nothing
fetched: it can be mailed or archived as it is.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import digest, timeline
from .store import Filters, Store
from .web.templating import record_href, render, safe_url

MAX_DYADS = 60
MAX_EVIDENCE = 10


def build_report(store: Store, filters: Filters | None = None, dashboard: str | None = None,
                 generated: str | None = None) -> str:
    """The briefing as an HTML page, for the signals ``filters`` selects.

    ``dashboard`` (the address of a running ``parley serve``) makes every evidence link
    open the article there with the evidence highlighted; without it links go to the
    article's URL, or to its file when it was ingested from one.
    """
    f = (filters or Filters()).check()
    rows = store.signals(f)
    groups = digest.dyads(rows)
    link = _linker(dashboard)
    chart = timeline.build(rows, _scope(f), "counterpart" if f.actor and not f.counterpart else "stance")
    evidence = [(r, digest.overlapping(store.quotes(Filters(article=r["article_id"])), r))
                for r in digest.strongest(rows, MAX_EVIDENCE)]
    return render(
        "report.html", scope=_scope(f), filters=f.given(), figures=_figures(rows), dyads=groups[:MAX_DYADS],
        more_dyads=max(0, len(groups) - MAX_DYADS), changes=digest.changes(groups), evidence=evidence,
        chart=Markup(timeline.svg(chart, href=lambda m: link({"id": m.signal_id, "article_id": m.article_id,
                                                                 "article_url": None, "article_ref": None}))),
        sources=_sources(rows, link), link=link, strength=digest.strength,
        generated=generated or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def _scope(f: Filters) -> str:
    if f.actor and f.counterpart:
        return f"{f.actor} and {f.counterpart}"
    if f.actor:
        return f"{f.actor} toward every counterpart"
    if f.counterpart:
        return f"every holder toward {f.counterpart}"
    return "the corpus"


def _figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    dates = sorted(r["date"] for r in rows if r.get("date"))
    return {
        "signals": len(rows), "articles": len({r["article_id"] for r in rows}),
        "holders": len({r["holder"] for r in rows}), "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None, "undated": sum(1 for r in rows if not r.get("date")),
    }


def _linker(dashboard: str | None):  # type: ignore[no-untyped-def]
    """How evidence links: to the dashboard when given, else to the article's URL or file."""
    base = safe_url(dashboard)
    if base:
        return lambda row: record_href("signal", row, base.rstrip("/"))
    return lambda row: _article_link(row)


def _article_link(row: dict[str, Any]) -> str | None:
    url = safe_url(row.get("article_url"))
    if url:
        return url
    ref = row.get("article_ref")
    if ref and Path(ref).is_absolute() and Path(ref).is_file():
        return Path(ref).as_uri()
    return None


def _sources(rows: list[dict[str, Any]], link) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Every article the signals come from, with how many signals each gave and its link."""
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        a = out.setdefault(r["article_id"], {
            "id": r["article_id"], "title": r.get("article_title") or r.get("article_ref") or r["article_id"],
            "outlet": r.get("outlet"), "date": r.get("date"), "signals": 0, "href": link(r),
        })
        a["signals"] += 1
    return sorted(out.values(), key=lambda a: a["date"] or "", reverse=True)
