import csv
import json

import pytest

from parley.errors import UsageError
from parley.export import FORMATS, export
from parley.store import Store
from parley.tables import COLUMN_TYPES, TABLES, rows


@pytest.fixture
def ro_store(workbench_db):
    with Store(workbench_db, readonly=True) as s:
        yield s


def store_counts(store) -> dict:
    return {t: store.count(t) for t in TABLES}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_writes_every_table_with_its_columns(ro_store, tmp_path, fmt):
    counts = export(ro_store, tmp_path / "out", fmt)
    assert counts == store_counts(ro_store)
    for table, columns in TABLES.items():
        path = tmp_path / "out" / f"{table}.{fmt}"
        if fmt == "csv":
            with open(path, encoding="utf-8", newline="") as fh:
                got = list(csv.reader(fh))
            assert tuple(got[0]) == columns and len(got) - 1 == counts[table]
        else:
            got = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            assert len(got) == counts[table] and all(tuple(r) == columns for r in got)


def test_export_keeps_untrusted_text_and_offsets_exact(ro_store, tmp_path):
    export(ro_store, tmp_path, "jsonl")
    articles = {a["id"]: a for a in map(json.loads, (tmp_path / "articles.jsonl").read_text().splitlines())}
    for s in map(json.loads, (tmp_path / "signals.jsonl").read_text().splitlines()):
        assert articles[s["article_id"]]["text"][s["clean_start"]:s["clean_end"]] == s["evidence"]
        assert isinstance(json.loads(s["conditions"]), list)
    assert any("<script>" in a["text"] for a in articles.values())


def test_export_parquet_reads_in_pyarrow_pandas_and_duckdb(ro_store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    counts = export(ro_store, tmp_path, "parquet")
    signals = pq.read_table(tmp_path / "signals.parquet")
    assert signals.column_names == list(TABLES["signals"])
    assert str(signals.schema.field("start_char").type) == "int64"
    assert str(signals.schema.field("confidence").type) == "double"
    assert signals.num_rows == counts["signals"] == ro_store.count("signals")
    pd = pytest.importorskip("pandas")
    frame = pd.read_parquet(tmp_path / "quotes.parquet")
    assert list(frame.columns) == list(TABLES["quotes"]) and len(frame) == counts["quotes"]
    duckdb = pytest.importorskip("duckdb")
    path = str(tmp_path / "signals.parquet").replace("'", "''")
    [(n, holders)] = duckdb.sql(f"SELECT count(*), count(DISTINCT holder) FROM '{path}'").fetchall()
    assert n == counts["signals"] and holders == len({s["holder"] for s in ro_store.signals()})


def test_export_empty_store_still_has_typed_columns(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    with Store(tmp_path / "empty.db") as s:
        assert set(export(s, tmp_path / "out", "parquet").values()) == {0}
    table = pq.read_table(tmp_path / "out" / "signals.parquet")
    assert table.num_rows == 0 and table.column_names == list(TABLES["signals"])


def test_export_streams_in_batches(ro_store, tmp_path, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet")
    import parley.export as ex

    monkeypatch.setattr(ex, "BATCH_ROWS", 2)
    export(ro_store, tmp_path, "parquet", ["signals"])
    assert pq.ParquetFile(tmp_path / "signals.parquet").metadata.num_row_groups >= 2
    assert pq.read_table(tmp_path / "signals.parquet").num_rows == ro_store.count("signals")


@pytest.mark.parametrize("fmt,tables", [("xlsx", None), ("csv", ["articles", "secrets"])])
def test_export_rejects_unknown_formats_and_tables(ro_store, tmp_path, fmt, tables):
    with pytest.raises(UsageError):
        export(ro_store, tmp_path, fmt, tables)


def test_export_tables_rows_match_the_store_export(workbench_db, tmp_path):
    """The cluster path (tables.rows) and the store export give the same rows."""
    from conftest import workbench_analyses

    with Store(workbench_db, readonly=True) as s:
        exported = {t: list(s.iter_table(t)) for t in TABLES}
    direct = {t: [] for t in TABLES}
    for analysis in workbench_analyses():
        for t, rs in rows(analysis).items():
            direct[t] += rs
    for t in ("articles", "quotes", "signals"):
        assert direct[t] == exported[t]
    assert {a["name"] for a in direct["actors"]} == {a["name"] for a in exported["actors"]}


def test_export_column_types_name_real_columns():
    every = {c for cols in TABLES.values() for c in cols}
    assert set(COLUMN_TYPES) <= every


def test_export_cli(workbench_db, tmp_path, capsys):
    from typer.testing import CliRunner

    from parley.cli import app

    result = CliRunner().invoke(app, ["export", "--db", str(workbench_db), "--out", str(tmp_path / "x")])
    assert result.exit_code == 0 and "4 articles" in result.output
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    bad = CliRunner().invoke(app, ["export", "--db", str(workbench_db), "--out", str(tmp_path), "-f", "xml"])
    assert bad.exit_code != 0
    assert FORMATS == ("csv", "jsonl", "parquet")
