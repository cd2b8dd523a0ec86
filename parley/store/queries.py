"""Filtered queries over signals and quotes, as parameterised SQL (never string-built values)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Filters:
    """What to select. Every field is optional; given fields combine with AND.

    ``actor`` matches the holder (or speaker) by name, case-insensitively, as a substring;
    ``side`` and ``counterpart`` likewise; ``since``/``until`` are ISO dates (inclusive);
    ``search`` is an FTS5 query over article titles and texts.
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


def _where(f: Filters, who: str, side: str, with_counterpart: bool) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def like(column: str, value: str) -> None:
        clauses.append(f"{column} LIKE ? ESCAPE '\\'")
        params.append("%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")

    if f.actor:
        like(who, f.actor)
    if f.side:
        like(side, f.side)
    if f.counterpart and with_counterpart:
        like("x.counterpart", f.counterpart)
    if f.stance and with_counterpart:
        clauses.append("x.stance = ?")
        params.append(f.stance)
    if f.since:
        clauses.append("coalesce(x_date, '') >= ?")
        params.append(f.since)
    if f.until:
        clauses.append("coalesce(x_date, '9999') <= ?")
        params.append(f.until + "\uffff")
    if f.outlet:
        like("a.outlet", f.outlet)
    if f.article:
        clauses.append("a.id = ?")
        params.append(f.article)
    if f.search:
        clauses.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(f.search)
    return clauses, params


def select_signals(f: Filters, limit: int | None = None) -> tuple[str, list[Any]]:
    clauses, params = _where(f, "x.holder", "x.holder_side", True)
    sql = (
        "SELECT x.*, substr(a.text, x.clean_start + 1, x.clean_end - x.clean_start) AS evidence_text,"
        " a.title AS article_title, a.url AS article_url, a.outlet AS outlet, a.ref AS article_ref"
        " FROM signals x JOIN articles a ON a.id = x.article_id"
    )
    return _finish(sql, clauses, params, "coalesce(x.date, a.date)", limit)


def select_quotes(f: Filters, limit: int | None = None) -> tuple[str, list[Any]]:
    clauses, params = _where(f, "x.speaker", "x.speaker_side", False)
    sql = (
        "SELECT x.*, substr(a.text, x.clean_start + 1, x.clean_end - x.clean_start) AS quote_text,"
        " a.date AS date, a.title AS article_title, a.url AS article_url, a.outlet AS outlet,"
        " a.ref AS article_ref FROM quotes x JOIN articles a ON a.id = x.article_id"
    )
    return _finish(sql, clauses, params, "a.date", limit)


def _finish(
    sql: str, clauses: list[str], params: list[Any], date_expr: str, limit: int | None
) -> tuple[str, list[Any]]:
    if clauses:
        sql += " WHERE " + " AND ".join(c.replace("x_date", date_expr) for c in clauses)
    sql += f" ORDER BY {date_expr}, x.article_id, x.seq"
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, int(limit)]
    return sql, params
