"""Summaries of signal rows: who stands where now, what changed, and the strongest evidence.

Pure functions over the rows ``Store.signals`` returns, shared by ``parley report`` and
the dashboard's actor page, so both say the same thing about the same signals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]


@dataclass
class Dyad:
    """Everything one holder said about talks with one counterpart, oldest first."""

    holder: str
    counterpart: str | None
    rows: list[Row] = field(default_factory=list)

    @property
    def latest(self) -> Row:
        return self.rows[-1]

    @property
    def previous_stance(self) -> str | None:
        """The last stance before the latest one that differs from it, if any."""
        now = self.latest["stance"]
        return next((r["stance"] for r in reversed(self.rows) if r["stance"] != now), None)

    def history(self) -> list[str]:
        """The stances in order, with repeats collapsed: refuse -> conditional -> open."""
        out: list[str] = []
        for r in self.rows:
            if not out or out[-1] != r["stance"]:
                out.append(r["stance"])
        return out


@dataclass(frozen=True)
class Change:
    """A dyad's stance moved from one value to another, shown by the row that moved it."""

    holder: str
    counterpart: str | None
    before: str
    after: str
    row: Row


def _when(row: Row) -> tuple[str, str, int]:
    # undated signals sort first: they cannot be "the latest" while dated ones exist
    return (row.get("date") or "", str(row.get("article_id") or ""), int(row.get("seq") or 0))


def dyads(rows: Iterable[Row]) -> list[Dyad]:
    """Signals grouped by (holder, counterpart), each group in date order; most recent first."""
    groups: dict[tuple[str, str | None], Dyad] = {}
    for r in sorted(rows, key=_when):
        key = (r["holder"], r.get("counterpart"))
        groups.setdefault(key, Dyad(*key)).rows.append(r)
    return sorted(groups.values(), key=lambda d: _when(d.latest), reverse=True)


def changes(groups: Iterable[Dyad]) -> list[Change]:
    """Every change of stance within each dyad, oldest first."""
    out = []
    for d in groups:
        for before, after in zip(d.rows, d.rows[1:], strict=False):
            if before["stance"] != after["stance"]:
                out.append(Change(d.holder, d.counterpart, before["stance"], after["stance"], after))
    return sorted(out, key=lambda c: _when(c.row))


def conditions(rows: Iterable[Row]) -> list[tuple[str, Row]]:
    """Each condition phrase with the signal that stated it, in date order."""
    return [(c, r) for r in sorted(rows, key=_when) for c in r.get("conditions") or ()]


def reasons(rows: Iterable[Row]) -> list[tuple[str, int, Row]]:
    """Reason codes by how often they were given, each with its latest example."""
    counts: Counter[str] = Counter()
    example: dict[str, Row] = {}
    for r in sorted(rows, key=_when):
        for code in r.get("reasons") or ():
            counts[code] += 1
            example[code] = r
    return [(code, n, example[code]) for code, n in counts.most_common()]


def strength(row: Row) -> float:
    """How strong a piece of evidence is, for ranking: a heuristic, documented in docs/workbench.md.

    The extractor's confidence, plus credit for words that carry the stance in the
    holder's own voice (a quotation), for stated conditions or reasons, and for a named
    counterpart: the evidence an analyst can cite without reading the article first.
    """
    ev = row.get("evidence_text") or row.get("evidence") or ""
    score = float(row.get("confidence") or 0.0)
    score += 0.3 if any(m in ev for m in ('"', "\u201c", "\u201d")) else 0.0
    score += 0.2 if (row.get("conditions") or row.get("reasons")) else 0.0
    score += 0.1 if row.get("counterpart") else 0.0
    return round(score, 3)


def strongest(rows: Iterable[Row], n: int = 10) -> list[Row]:
    """The ``n`` strongest signals, most recent first among equals."""
    ranked = sorted(rows, key=_when, reverse=True)
    return sorted(ranked, key=strength, reverse=True)[:n]


def overlapping(quotes: Iterable[Row], signal: Row) -> list[Row]:
    """The quotes of the signal's article whose span overlaps its evidence: the words behind it."""
    return [
        q for q in quotes
        if q["article_id"] == signal["article_id"]
        and q["clean_start"] < signal["clean_end"] and signal["clean_start"] < q["clean_end"]
    ]
