"""The store: SQLite by default, one writer, numbered migrations, content-hash article ids.

An article and all its quotes, signals and errors are written in one transaction, so a
crash never leaves half an article; ingesting the same input again changes nothing. The
database runs in WAL mode so readers (the dashboard) never block the writer.

The file works as-is in Datasette and DuckDB: plain tables, foreign keys, FTS5.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import StoreError, UsageError
from ..model import Analysis, ErrorRecord
from . import near
from .queries import (
    ACTOR_ORDER,
    ACTOR_SELECT,
    QUOTE_SELECT,
    SIGNAL_SELECT,
    Filters,
    select_quotes,
    select_signals,
    select_table,
)

__all__ = ["Filters", "Store", "migrations"]


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every bundled migration, in order."""
    out = []
    for f in resources.files("parley.store").joinpath("migrations").iterdir():
        if f.name.endswith(".sql"):
            version, _, name = f.name[:-4].partition("_")
            out.append((int(version), name, f.read_text(encoding="utf-8")))
    return sorted(out)


class Store:
    """A parley database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path = "parley.db", *, readonly: bool = False, timeout: float = 30.0):
        self.path = str(path)
        self.readonly = readonly
        try:
            if readonly:
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.db = sqlite3.connect(
                    uri, uri=True, timeout=timeout, check_same_thread=False, isolation_level=None
                )
            else:
                # autocommit mode: transactions are explicit (BEGIN IMMEDIATE ... COMMIT), so a
                # migration's DDL and an article's rows commit or roll back as one
                self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError("P300", f"cannot open {self.path}: {exc}") from None
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if not readonly:
            self._setup()

    def _setup(self) -> None:
        try:
            if self.path != ":memory:":
                self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError("P300", f"{self.path} is not a parley database: {exc}") from None

    # --- schema ---------------------------------------------------------------------

    def migrate(self) -> list[int]:
        """Apply the migrations the database lacks; returns the versions applied."""
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        have = {r[0] for r in self.db.execute("SELECT version FROM schema_migrations")}
        known = migrations()
        if have and max(have) > known[-1][0]:
            raise StoreError("P301", f"{self.path} has schema {max(have)}; this parley knows {known[-1][0]}")
        applied = []
        for version, name, sql in known:
            if version in have:
                continue
            with self.transaction():
                self._apply(sql)
                self.db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, _now())
                )
            applied.append(version)
        return applied

    def _apply(self, sql: str) -> None:
        for statement in _statements(sql):
            self.db.execute(statement)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: everything inside commits together or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction: every query inside sees the same state of the store.

        Outside one, each SELECT is its own transaction, so a page's rows and its count of
        rows could come from either side of an ingest's commit.
        """
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            if self.db.in_transaction:  # nothing was written: ending the read is all
                self.db.execute("ROLLBACK")

    @property
    def schema_version(self) -> int:
        row = self.db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # --- writing --------------------------------------------------------------------

    def add(self, analysis: Analysis) -> str:
        """Store one analysed article with its records, atomically.

        Returns "added", "near_duplicate" (stored, and linked by ``duplicate_of`` to the
        first stored copy of nearly the same text), "duplicate" (already stored: nothing
        changes) or "failed" (the input had no article; its errors are stored).
        """
        a = analysis.article
        try:
            with self.transaction():
                if not a.raw:
                    for e in analysis.errors:
                        self._error(e, None)
                    return "failed"
                if self.db.execute("SELECT 1 FROM articles WHERE id = ?", (a.id,)).fetchone():
                    return "duplicate"
                first, signature = near.first_copy(self.db, a.text)
                if first and not a.duplicate_of:
                    analysis = dataclasses.replace(analysis, article=dataclasses.replace(a, duplicate_of=first))
                self._article(analysis)
                near.remember(self.db, a.id, signature)
                return "near_duplicate" if analysis.article.duplicate_of else "added"
        except sqlite3.Error as exc:
            raise StoreError("P302", f"article {a.ref or a.id}: {exc}") from None

    def _article(self, analysis: Analysis) -> None:
        a = analysis.article
        self.db.execute(
            "INSERT INTO articles (id, ref, url, outlet, title, authors, date, dateline, language, text, raw,"
            " segments, source, input_format, duplicate_of, extractors, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (a.id, a.ref, a.url, a.outlet, a.title, json.dumps(list(a.authors)), a.date, a.dateline,
             a.language, a.text, a.raw, json.dumps([list(s) for s in a.segments]), a.source,
             a.input_format, a.duplicate_of, json.dumps(analysis.extractors), _now()),
        )
        for seq, q in enumerate([*analysis.quotes, *analysis.statements]):
            self.db.execute(
                "INSERT INTO quotes (article_id, seq, kind, quote, start_char, end_char, clean_start, clean_end,"
                " speaker_id, speaker, speaker_side, speaker_role, cue, medium, extractor)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (a.id, seq, q.kind, q.quote, q.start, q.end, q.clean_start, q.clean_end,
                 self._actor(q.speaker, q.speaker_side), q.speaker, q.speaker_side, q.speaker_role,
                 q.cue, q.medium, q.extractor),
            )
        for seq, s in enumerate(analysis.signals):
            self.db.execute(
                "INSERT INTO signals (article_id, seq, holder_id, holder, holder_side, counterpart_id,"
                " counterpart, counterpart_side, stance, conditions, reasons, evidence, start_char, end_char,"
                " clean_start, clean_end, date, explanation, confidence, extractor)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (a.id, seq, self._actor(s.holder, s.holder_side), s.holder, s.holder_side,
                 self._actor(s.counterpart, s.counterpart_side), s.counterpart, s.counterpart_side,
                 s.stance, json.dumps(list(s.conditions)), json.dumps(list(s.reasons)), s.evidence,
                 s.start, s.end, s.clean_start, s.clean_end, s.date or a.date, s.explanation,
                 s.confidence, s.extractor),
            )
        for e in analysis.errors:
            self._error(e, a.id)

    def _actor(self, name: str | None, side: str | None) -> int | None:
        if not name:
            return None
        from ..actors.registry import load_registry

        known = load_registry().get(name)
        kind = known.kind if known else None
        side = side or (known.side if known else None)
        row = self.db.execute("SELECT id, side FROM actors WHERE name = ?", (name,)).fetchone()
        if row:
            if row[1] is None and side:  # learnt the side from a later record
                self.db.execute("UPDATE actors SET side = ? WHERE id = ?", (side, row[0]))
            return int(row[0])
        cur = self.db.execute("INSERT INTO actors (name, kind, side) VALUES (?, ?, ?)", (name, kind, side))
        return int(cur.lastrowid or 0)

    def _error(self, e: ErrorRecord, article_id: str | None) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO errors (article_id, source, location, code, message, step, created_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (article_id, e.source or "", e.location or "", e.code, e.message, e.step or "", _now()),
        )

    # --- reading --------------------------------------------------------------------

    def count(self, table: str) -> int:
        if table not in ("articles", "quotes", "signals", "errors", "actors"):
            raise ValueError(f"no table {table!r}")
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _decode(dict(row)) if row else None

    def signals(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Signals ``filters`` selects, oldest first, with their article's title, url and outlet."""
        f = (filters or Filters()).check()
        sql, params = select_signals(f, limit, offset)
        return [_decode(dict(r)) for r in self._query(sql, params, f.search)]

    def quotes(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Quotes ``filters`` selects, oldest first, with their article's date, title, url and outlet."""
        f = (filters or Filters()).check()
        sql, params = select_quotes(f, limit, offset)
        return [_decode(dict(r)) for r in self._query(sql, params, f.search)]

    def matches(self, kind: str, filters: Filters | None = None) -> int:
        """How many signals (``kind="signals"``) or quotes (``"quotes"``) ``filters`` selects."""
        f = (filters or Filters()).check()
        select = {"signals": select_signals, "quotes": select_quotes}[kind]
        sql, params = select(f)
        return int(self._query(f"SELECT count(*) FROM ({sql})", params, f.search)[0][0])

    def signal(self, signal_id: int) -> dict[str, Any] | None:
        """One signal by its id, or None."""
        row = self.db.execute(SIGNAL_SELECT + " WHERE x.id = ?", (signal_id,)).fetchone()
        return _decode(dict(row)) if row else None

    def quote(self, quote_id: int) -> dict[str, Any] | None:
        """One quote by its id, or None."""
        row = self.db.execute(QUOTE_SELECT + " WHERE x.id = ?", (quote_id,)).fetchone()
        return _decode(dict(row)) if row else None

    def errors(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM errors ORDER BY id")]

    def actors(self, side: str | None = None, kind: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Actors seen in the store: how often each holds a signal, is its counterpart, is
        quoted directly, is reported (indirect speech), in how many articles, first and last date.
        """
        sql = ACTOR_SELECT + " WHERE (? IS NULL OR a.side = ?) AND (? IS NULL OR a.kind = ?)" + ACTOR_ORDER
        params: list[Any] = [side, side, kind, kind]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [dict(r) for r in self.db.execute(sql, params)]

    def actor(self, name: str) -> dict[str, Any] | None:
        """One actor by exact name, with its counts, or None."""
        row = self.db.execute(ACTOR_SELECT + " WHERE a.name = ?", (name,)).fetchone()
        return dict(row) if row else None

    def article_index(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Articles newest first, without their texts, with their signal and quote counts."""
        sql = (
            "SELECT a.id, a.ref, a.url, a.outlet, a.title, a.date,"
            " (SELECT count(*) FROM signals s WHERE s.article_id = a.id) AS signals,"
            " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes"
            " FROM articles a ORDER BY coalesce(a.date, '') DESC, a.rowid LIMIT ? OFFSET ?"
        )
        return [dict(r) for r in self.db.execute(sql, (-1 if limit is None else limit, offset))]

    def iter_table(self, table: str) -> Iterator[dict[str, Any]]:
        """Rows of one table of ``parley.tables`` (its columns, as stored), streamed for exports."""
        from ..tables import TABLES

        if table not in TABLES:
            raise ValueError(f"no table {table!r}; tables: {', '.join(TABLES)}")
        cursor = self.db.execute(select_table(table, TABLES[table]))
        for row in cursor:
            yield dict(row)

    def _query(self, sql: str, params: list[Any], search: str | None) -> list[sqlite3.Row]:
        if search is not None:
            self.check_search(search)
        return self.db.execute(sql, params).fetchall()

    def check_search(self, query: str) -> None:
        """Raise ``UsageError`` (P400) for a full-text query FTS5 cannot parse."""
        try:
            self.db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)).fetchall()
        except sqlite3.OperationalError as exc:
            raise UsageError("P400", f"bad search query {query!r}: {exc}") from None

    # --- lifecycle ------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (triggers keep their inner semicolons)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for key in ("authors", "conditions", "reasons", "segments", "extractors"):
        if key in row and isinstance(row[key], str):
            row[key] = json.loads(row[key])
    return row


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
