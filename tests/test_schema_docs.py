"""docs/schema.md is checked against the code: every table and column, no more, no fewer."""

import re
from pathlib import Path

import pytest

from parley.store import Store
from parley.tables import TABLES

DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


def documented(section: str) -> dict[str, set[str]]:
    text = DOC.read_text(encoding="utf-8")
    part = text.split(f"\n## {section}\n")[1].split("\n## ")[0]
    out = {}
    for chunk in part.split("\n### ")[1:]:
        name = re.match(r"`(\w+)`", chunk).group(1)
        out[name] = set(re.findall(r"^\| `(\w+)` \|", chunk, re.M))
    return out


def store_tables() -> dict[str, set[str]]:
    with Store(":memory:") as s:
        tables = [r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        virtual = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'")}
        # FTS5 keeps its index in shadow tables named after the virtual table: not for readers
        shadows = {t for t in tables if any(t.startswith(v + "_") for v in virtual)}
        return {t: {r[1] for r in s.db.execute(f"PRAGMA table_info({t})")} for t in tables if t not in shadows}


def test_schema_docs_list_every_store_table_and_column():
    assert documented("Store tables") == store_tables()


def test_schema_docs_list_every_export_column():
    assert documented("Export tables") == {t: set(cols) for t, cols in TABLES.items()}


@pytest.mark.parametrize("table", ["articles", "quotes", "signals", "errors"])
def test_schema_docs_foreign_keys_are_declared(table):
    with Store(":memory:") as s:
        targets = {r[2] for r in s.db.execute(f"PRAGMA foreign_key_list({table})")}
    assert "articles" in targets or table == "articles"


def test_schema_docs_full_text_index_is_found_by_datasette():
    # Datasette finds a table's FTS index by this pattern on the virtual table's SQL
    with Store(":memory:") as s:
        rows = s.db.execute(
            "SELECT name FROM sqlite_master WHERE rootpage = 0"
            " AND sql LIKE '%VIRTUAL TABLE%USING FTS%content=\"articles\"%'"
        ).fetchall()
    assert [r[0] for r in rows] == ["articles_fts"]
