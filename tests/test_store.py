import sqlite3

import pytest

import parley
from parley.errors import StoreError, UsageError
from parley.model import ErrorRecord
from parley.store import Filters, Store, migrations


def test_store_migrations_are_numbered_and_applied_once(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as s:
        assert s.schema_version == migrations()[-1][0]
        assert s.migrate() == []
    with Store(path) as s:
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_same_article_twice_changes_nothing(store, wire_analysis):
    assert store.add(wire_analysis) == "added"
    counts = [store.count(t) for t in ("articles", "quotes", "signals")]
    assert store.add(wire_analysis) == "duplicate"
    assert [store.count(t) for t in ("articles", "quotes", "signals")] == counts


def test_store_failed_input_keeps_its_error(store):
    from parley.batch import failed

    bad = failed(ErrorRecord("P102", "binary data, not text", "img.txt"))
    assert store.add(bad) == "failed"
    assert store.add(bad) == "failed"
    assert [e["code"] for e in store.errors()] == ["P102"]
    assert store.count("articles") == 0


def test_store_filters_and_full_text_search(store, wire_analysis):
    store.add(wire_analysis)
    assert store.signals(Filters(search="ceasefire"))
    assert store.signals(Filters(search="zebra")) == []
    assert all(r["stance"] == "refuse" for r in store.signals(Filters(stance="refuse")))
    assert store.signals(Filters(since="2030-01-01")) == []


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "x NEAR("])
def test_store_bad_fts_query_is_a_usage_error(store, wire_analysis, query):
    store.add(wire_analysis)
    with pytest.raises(UsageError):
        store.signals(Filters(search=query))


def test_store_sql_injection_in_filters_is_inert(store, wire_analysis):
    store.add(wire_analysis)
    assert store.signals(Filters(actor="' OR 1=1 --")) == []
    assert store.count("articles") == 1


def test_store_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "s.db"
    with Store(path):
        pass
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    db.commit()
    db.close()
    with pytest.raises(StoreError) as err:
        Store(path)
    assert err.value.code == "P301"


def test_store_public_open(tmp_path):
    with parley.open(str(tmp_path / "x.db")) as s:
        assert s.count("articles") == 0


def test_store_rows_carry_clean_text_of_evidence(store, wire_analysis):
    store.add(wire_analysis)
    for row in store.signals():
        article = store.article(row["article_id"])
        assert row["evidence_text"] == article["text"][row["clean_start"] : row["clean_end"]]
    for row in store.quotes():
        assert row["quote_text"]
