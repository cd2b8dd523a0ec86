import csv
import io
import json

import pytest

from parley.errors import UsageError
from parley.store import Filters, Store


@pytest.fixture
def ro(workbench_db):
    with Store(workbench_db, readonly=True) as s:
        yield s


@pytest.mark.parametrize("filters,holders", [
    (Filters(actor="velic"), ["Amara Velic"] * 3),
    (Filters(actor="Velic", exact=True), []),
    (Filters(actor="amara velic", exact=True), ["Amara Velic"] * 3),
    (Filters(counterpart="kestria"), ["Ivo Darran"]),
    (Filters(stance="refuse"), ["Amara Velic", "Tarn"]),
    (Filters(since="2024-05", until="2024-05"), ["Amara Velic"]),
    (Filters(until="2024-03"), ["Amara Velic"]),
    (Filters(outlet="herald", stance="conditional"), ["Amara Velic"]),
    (Filters(search="Oslo"), ["Amara Velic", "Ivo Darran"]),
    (Filters(actor="100%_"), []),
])
def test_queries_signal_filters(ro, filters, holders):
    assert sorted(r["holder"] for r in ro.signals(filters)) == sorted(holders)
    assert ro.matches("signals", filters) == len(holders)


@pytest.mark.parametrize("filters,speakers", [
    (Filters(actor="darran"), ["Ivo Darran"]),
    (Filters(stance="refuse"), ["Tarn"]),
    (Filters(counterpart="kestria"), ["Ivo Darran"]),
    (Filters(counterpart="Northern Front", stance="refuse"), []),
    (Filters(since="2024-03-09", until="2024-03-09"), ["Amara Velic"]),
    (Filters(search="bombers"), ["Amara Velic"]),
])
def test_queries_quote_filters(ro, filters, speakers):
    assert sorted(r["speaker"] for r in ro.quotes(filters)) == speakers


@pytest.mark.parametrize("bad", [Filters(stance="angry"), Filters(since="yesterday"), Filters(until="2024/03/01")])
def test_queries_bad_filters_are_usage_errors(ro, bad):
    with pytest.raises(UsageError):
        ro.signals(bad)
    with pytest.raises(UsageError):
        ro.quotes(bad)


def test_queries_paging_and_single_records(ro):
    every = ro.signals()
    assert [r["id"] for r in ro.signals(limit=2, offset=1)] == [r["id"] for r in every[1:3]]
    assert [r["id"] for r in ro.signals(offset=3)] == [r["id"] for r in every[3:]]
    assert ro.signal(every[0]["id"])["evidence"] == every[0]["evidence"]
    assert ro.signal(10**9) is None and ro.quote(10**9) is None
    assert ro.actor("Amara Velic")["signals"] == 3 and ro.actor("amara") is None


def test_queries_article_index_newest_first_undated_last(ro):
    dates = [a["date"] for a in ro.article_index()]
    assert dates == ["2024-07-02", "2024-05-20", "2024-03-09", None]


def run(*args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from parley.cli import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "jsonl"])
def test_queries_cli_signals_formats(workbench_db, fmt):
    code, out = run("signals", "--db", str(workbench_db), "--actor", "Velic", "--format", fmt)
    assert code == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [r["stance"] for r in rows] == ["refuse", "conditional", "open"]
    elif fmt == "json":
        assert [r["stance"] for r in json.loads(out)] == ["refuse", "conditional", "open"]
    elif fmt == "jsonl":
        assert [json.loads(line)["stance"] for line in out.splitlines()] == ["refuse", "conditional", "open"]
    else:
        assert "3 signals" in out and "conditional" in out


def test_queries_cli_quotes_take_the_same_filters(workbench_db):
    code, out = run("quotes", "--db", str(workbench_db), "--stance", "open", "--counterpart", "Kestria",
                    "--since", "2024-07", "--format", "jsonl")
    assert code == 0 and [json.loads(line)["speaker"] for line in out.splitlines()] == ["Ivo Darran"]
    code, out = run("quotes", "--db", str(workbench_db), "--search", "bombers", "--format", "json")
    assert code == 0 and [r["speaker"] for r in json.loads(out)] == ["Amara Velic"]
