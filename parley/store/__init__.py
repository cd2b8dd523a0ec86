"""The store: SQLite by default, one writer, numbered migrations, content-hash article ids.

An article and all its quotes, signals and errors are written in one transaction, so a
crash never leaves half an article; ingesting the same input again changes nothing. The
database runs in WAL mode so readers (the dashboard) never block the writer.

The file works as-is in Datasette and DuckDB: plain tables, foreign keys, FTS5.
"""

from __future__ import annotations

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
from .queries import Filters, select_quotes, select_signals

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

    @property
    def schema_version(self) -> int:
        row = self.db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # --- writing --------------------------------------------------------------------

    def add(self, analysis: Analysis) -> str:
        """Store one analysed article with its records, atomically.

        Returns "added", "duplicate" (already stored: nothing changes) or "failed" (the
        input had no article; its errors are stored).
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
                self._article(analysis)
                return "added"
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

    def signals(self, filters: Filters | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        sql, params = select_signals(filters or Filters(), limit)
        return [_decode(dict(r)) for r in self._query(sql, params, (filters or Filters()).search)]

    def quotes(self, filters: Filters | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        sql, params = select_quotes(filters or Filters(), limit)
        return [_decode(dict(r)) for r in self._query(sql, params, (filters or Filters()).search)]

    def errors(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM errors ORDER BY id")]

    def actors(self, side: str | None = None, kind: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Actors seen in the store: how often each holds a signal, is its counterpart, is
        quoted directly, is reported (indirect speech), in how many articles, first and last date.
        """
        sql = (
            "WITH seen(actor_id, article_id) AS ("
            " SELECT speaker_id, article_id FROM quotes"
            " UNION SELECT holder_id, article_id FROM signals"
            " UNION SELECT counterpart_id, article_id FROM signals)"
            " SELECT a.name, a.kind, a.side,"
            " (SELECT count(*) FROM signals s WHERE s.holder_id = a.id) AS signals,"
            " (SELECT count(*) FROM signals s WHERE s.counterpart_id = a.id) AS as_counterpart,"
            " (SELECT count(*) FROM quotes q WHERE q.speaker_id = a.id AND q.kind != 'indirect') AS quotes,"
            " (SELECT count(*) FROM quotes q WHERE q.speaker_id = a.id AND q.kind = 'indirect') AS statements,"
            " (SELECT count(*) FROM seen WHERE seen.actor_id = a.id) AS articles,"
            " (SELECT min(ar.date) FROM seen JOIN articles ar ON ar.id = seen.article_id"
            "  WHERE seen.actor_id = a.id) AS first_seen,"
            " (SELECT max(ar.date) FROM seen JOIN articles ar ON ar.id = seen.article_id"
            "  WHERE seen.actor_id = a.id) AS last_seen"
            " FROM actors a WHERE (? IS NULL OR a.side = ?) AND (? IS NULL OR a.kind = ?)"
            " ORDER BY signals + as_counterpart + quotes + statements DESC, a.name"
        )
        params: list[Any] = [side, side, kind, kind]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [dict(r) for r in self.db.execute(sql, params)]

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
