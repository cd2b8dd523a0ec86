"""Filtered queries over signals and quotes, as parameterised SQL (never string-built values).

The command line, the dashboard, the JSON API, the timeline and the report all select
through ``Filters``, so one filter means the same thing on every surface.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from ..errors import UsageError
from ..model import STANCES

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Filters:
    """What to select. Every field is optional; given fields combine with AND.

    ``actor`` matches the holder (or speaker) by name, case-insensitively, as a substring
    (``exact=True``: the whole name, still case-insensitively); ``side`` and ``counterpart``
    likewise; ``since``/``until`` are ISO dates, inclusive, and may be partial (``2024-03``
    runs to the end of March); ``search`` is an FTS5 query over article titles and texts.

    On quotes, ``stance`` and ``counterpart`` select the quotes that overlap the evidence
    of a signal with that stance or counterpart: the words behind a signal.
    """

    actor: str | None = None
    side: str | None = None
    counterpart: str | None = None
    stance: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    search: str | None = None
    article: str | None = None
    exact: bool = False

    def check(self) -> Filters:
        """Raise ``UsageError`` (P400) for a stance or date no query could match; else self."""
        if self.stance and self.stance not in STANCES:
            raise UsageError("P400", f"stance must be one of {', '.join(STANCES)}, not {self.stance!r}")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and not ISO_DATE.match(value):
                raise UsageError("P400", f"{name} must be an ISO date (2024-03-09, 2024-03 or 2024), not {value!r}")
        return self

    def given(self) -> dict[str, Any]:
        """The fields that are set, for links and captions."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


class _Where:
    """WHERE clauses and their parameters, built together so values never enter the SQL."""

    def __init__(self, exact: bool = False) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []
        self.exact = exact

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def like(self, column: str, value: str, exact: bool = False) -> None:
        if exact:
            self.add(f"{column} = ? COLLATE NOCASE", value)
            return
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        self.add(f"{column} LIKE ? ESCAPE '\\'", f"%{escaped}%")


def _where(f: Filters, who: str, side: str, date_expr: str, signals: bool) -> _Where:
    w = _Where()
    if f.actor:
        w.like(who, f.actor, f.exact)
    if f.side:
        w.like(side, f.side)
    if signals:
        if f.counterpart:
            w.like("x.counterpart", f.counterpart, f.exact)
        if f.stance:
            w.add("x.stance = ?", f.stance)
    elif f.counterpart or f.stance:
        _behind_signal(w, f)
    if f.since:
        w.add(f"coalesce({date_expr}, '') >= ?", f.since)
    if f.until:
        # "\uffff" sorts after any date suffix, so a partial date includes its whole month or year
        w.add(f"coalesce({date_expr}, '9999') <= ?", f.until + "\uffff")
    if f.outlet:
        w.like("a.outlet", f.outlet)
    if f.article:
        w.add("a.id = ?", f.article)
    if f.search:
        w.add("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", f.search)
    return w


def _behind_signal(w: _Where, f: Filters) -> None:
    """Quotes overlapping the evidence of a signal with the wanted stance and counterpart."""
    inner = _Where()
    if f.stance:
        inner.add("s.stance = ?", f.stance)
    if f.counterpart:
        inner.like("s.counterpart", f.counterpart, f.exact)
    w.add(
        "EXISTS (SELECT 1 FROM signals s WHERE s.article_id = x.article_id"
        " AND s.clean_start < x.clean_end AND x.clean_start < s.clean_end AND "
        + " AND ".join(inner.clauses) + ")",
        *inner.params,
    )


# rows carry the clean text of their evidence or quote too: the raw slice of an HTML page carries markup
SIGNAL_SELECT = (
    "SELECT x.*, substr(a.text, x.clean_start + 1, x.clean_end - x.clean_start) AS evidence_text,"
    " a.title AS article_title, a.url AS article_url, a.outlet AS outlet, a.ref AS article_ref"
    " FROM signals x JOIN articles a ON a.id = x.article_id"
)
QUOTE_SELECT = (
    "SELECT x.*, substr(a.text, x.clean_start + 1, x.clean_end - x.clean_start) AS quote_text,"
    " a.date AS date, a.title AS article_title, a.url AS article_url, a.outlet AS outlet,"
    " a.ref AS article_ref FROM quotes x JOIN articles a ON a.id = x.article_id"
)
SIGNAL_DATE = "coalesce(x.date, a.date)"


def select_signals(f: Filters, limit: int | None = None, offset: int = 0) -> tuple[str, list[Any]]:
    """SQL and parameters for the signals ``f`` selects, oldest first."""
    w = _where(f, "x.holder", "x.holder_side", SIGNAL_DATE, True)
    return _finish(SIGNAL_SELECT, w, SIGNAL_DATE, limit, offset)


def select_quotes(f: Filters, limit: int | None = None, offset: int = 0) -> tuple[str, list[Any]]:
    """SQL and parameters for the quotes ``f`` selects, oldest first."""
    w = _where(f, "x.speaker", "x.speaker_side", "a.date", False)
    return _finish(QUOTE_SELECT, w, "a.date", limit, offset)


def _finish(sql: str, w: _Where, date_expr: str, limit: int | None, offset: int) -> tuple[str, list[Any]]:
    params = list(w.params)
    if w.clauses:
        sql += " WHERE " + " AND ".join(w.clauses)
    sql += f" ORDER BY {date_expr}, x.article_id, x.seq"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else int(limit), int(offset)]
    return sql, params


# an actor's counts: signals held and faced, direct quotes, reported statements, articles, first and
# last date. Each count is one pass over its table, grouped, then joined to the actors: a subquery
# per actor (a scan of signals and quotes for every actor) made /actors quadratic in the store.
ACTOR_SELECT = (
    "WITH seen(actor_id, article_id) AS ("
    " SELECT speaker_id, article_id FROM quotes"
    " UNION SELECT holder_id, article_id FROM signals"
    " UNION SELECT counterpart_id, article_id FROM signals),"
    " held(id, n) AS (SELECT holder_id, count(*) FROM signals GROUP BY holder_id),"
    " faced(id, n) AS (SELECT counterpart_id, count(*) FROM signals GROUP BY counterpart_id),"
    " said(id, direct, indirect) AS (SELECT speaker_id, sum(kind != 'indirect'), sum(kind = 'indirect')"
    "  FROM quotes GROUP BY speaker_id),"
    " span(id, n, first, last) AS (SELECT seen.actor_id, count(*), min(ar.date), max(ar.date)"
    "  FROM seen LEFT JOIN articles ar ON ar.id = seen.article_id GROUP BY seen.actor_id)"
    " SELECT a.id, a.name, a.kind, a.side,"
    " coalesce(held.n, 0) AS signals, coalesce(faced.n, 0) AS as_counterpart,"
    " coalesce(said.direct, 0) AS quotes, coalesce(said.indirect, 0) AS statements,"
    " coalesce(span.n, 0) AS articles, span.first AS first_seen, span.last AS last_seen"
    " FROM actors a LEFT JOIN held ON held.id = a.id LEFT JOIN faced ON faced.id = a.id"
    " LEFT JOIN said ON said.id = a.id LEFT JOIN span ON span.id = a.id"
)
ACTOR_ORDER = " ORDER BY signals + as_counterpart + quotes + statements DESC, a.name"


def select_table(table: str, columns: tuple[str, ...]) -> str:
    """SQL reading one store table's ``columns`` in a stable order, for exports.

    ``table`` and ``columns`` come from ``parley.tables``, never from the user.
    """
    order = {"actors": "name", "articles": "rowid"}.get(table, "rowid")
    return f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"
