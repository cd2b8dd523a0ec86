"""The JSON API under /api/: the dashboard's queries, for scripts and notebooks.

Successful answers carry ``"ok": true``; failures have the one error shape (see ``app``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from .. import digest, timeline
from ..store import Filters, Store
from .deps import Paging, RecordId, get_filters, get_paging, get_store

router = APIRouter(prefix="/api")
StoreDep = Annotated[Store, Depends(get_store)]
FiltersDep = Annotated[Filters, Depends(get_filters)]
PagingDep = Annotated[Paging, Depends(get_paging)]

ENDPOINTS = {
    "/api/signals": "signals; filters actor, side, counterpart, stance, since, until, outlet, search; limit, offset",
    "/api/signals/{id}": "one signal",
    "/api/quotes": "quotes; the same filters",
    "/api/quotes/{id}": "one quote",
    "/api/actors": "actors with their counts",
    "/api/actors/{name}": "one actor: its signals, quotes, conditions and reasons",
    "/api/articles": "articles, newest first; limit, offset",
    "/api/articles/{id}": "one article: clean text, signals and quotes",
    "/api/timeline": "marks and monthly counts; actor (required), counterpart, lanes=stance|counterpart",
}


def _found(row: dict[str, Any] | None, what: str) -> dict[str, Any]:
    if row is None:
        raise HTTPException(404, f"no such {what}")
    return row


def _listing(rows: list[dict[str, Any]], total: int, paging: Paging) -> dict[str, Any]:
    return {"ok": True, "total": total, "count": len(rows), "limit": paging.limit, "offset": paging.offset,
            "rows": rows}


@router.get("")
@router.get("/")
def index() -> dict[str, Any]:
    return {"ok": True, "endpoints": ENDPOINTS}


@router.get("/signals")
def signals(store: StoreDep, f: FiltersDep, paging: PagingDep) -> dict[str, Any]:
    return _listing(store.signals(f, paging.limit, paging.offset), store.matches("signals", f), paging)


@router.get("/signals/{signal_id}")
def signal(signal_id: RecordId, store: StoreDep) -> dict[str, Any]:
    return {"ok": True, "signal": _found(store.signal(signal_id), f"signal {signal_id}")}


@router.get("/quotes")
def quotes(store: StoreDep, f: FiltersDep, paging: PagingDep) -> dict[str, Any]:
    return _listing(store.quotes(f, paging.limit, paging.offset), store.matches("quotes", f), paging)


@router.get("/quotes/{quote_id}")
def quote(quote_id: RecordId, store: StoreDep) -> dict[str, Any]:
    return {"ok": True, "quote": _found(store.quote(quote_id), f"quote {quote_id}")}


@router.get("/actors")
def actors(store: StoreDep) -> dict[str, Any]:
    rows = store.actors()
    return {"ok": True, "count": len(rows), "rows": rows}


@router.get("/actors/{name:path}")
def actor(name: str, store: StoreDep) -> dict[str, Any]:
    row = _found(store.actor(name), f"actor {name!r}")
    sigs = store.signals(Filters(actor=name, exact=True))
    return {
        "ok": True, "actor": row, "signals": sigs, "quotes": store.quotes(Filters(actor=name, exact=True)),
        "conditions": [{"condition": c, "signal": r["id"]} for c, r in digest.conditions(sigs)],
        "reasons": [{"reason": c, "count": n, "signal": r["id"]} for c, n, r in digest.reasons(sigs)],
    }


@router.get("/articles")
def articles(store: StoreDep, paging: PagingDep) -> dict[str, Any]:
    rows = store.article_index(paging.limit, paging.offset)
    return {"ok": True, "count": len(rows), "limit": paging.limit, "offset": paging.offset, "rows": rows}


@router.get("/articles/{article_id}")
def article(article_id: str, store: StoreDep) -> dict[str, Any]:
    row = _found(store.article(article_id), f"article {article_id!r}")
    row = {k: v for k, v in row.items() if k not in ("raw", "segments")}
    f = Filters(article=article_id)
    return {"ok": True, "article": row, "signals": store.signals(f), "quotes": store.quotes(f)}


@router.get("/timeline")
def timeline_(
    store: StoreDep, f: FiltersDep, actor: Annotated[str, Query(min_length=1, max_length=200)],
    lanes: Literal["stance", "counterpart"] = "stance",
) -> dict[str, Any]:
    tl = timeline.for_actor(store, actor, lanes=lanes, filters=f)
    return {
        "ok": True, "title": tl.title, "lanes": list(tl.lanes), "undated": tl.undated,
        "marks": [{"date": m.day.isoformat(), "stance": m.stance, "lane": m.lane, "holder": m.holder,
                   "counterpart": m.counterpart, "signal": m.signal_id, "article_id": m.article_id,
                   "evidence": m.evidence} for m in tl.marks],
        "months": [{"month": k, **dict(c)} for k, c in tl.months()],
    }
