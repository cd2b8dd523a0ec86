import json
from pathlib import Path

import pytest

from parley.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    import sys

    old = sys.argv
    sys.argv = ["parley", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv = old
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("parley ")


@pytest.mark.parametrize(
    "cmd", ["extract", "ingest", "signals", "quotes", "actors", "evaluate", "timeline", "export", "report", "serve"]
)
def test_cli_every_command_has_help_with_an_example(capsys, cmd):
    code, out, _ = run(capsys, cmd, "--help")
    assert code == 0 and "Example: parley" in out


def test_cli_extract_writes_contract_lines(capsys, wire_file: Path, tmp_path: Path):
    out_file = tmp_path / "out.jsonl"
    code, _, _ = run(capsys, "extract", str(wire_file), "-o", str(out_file))
    assert code == 0
    line = json.loads(out_file.read_text(encoding="utf-8"))
    raw = wire_file.read_text(encoding="utf-8")
    for q in line["quotes"]:
        assert raw[q["start"] : q["end"]] == q["quote"]
    for s in line["signals"]:
        assert raw[s["start"] : s["end"]] == s["evidence"]


def test_cli_extract_to_stdout_and_bad_input_line(capsys, tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Talks were held."}\n{oops\n', encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(bad), "-o", "-")
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(lines) == 2
    assert lines[1]["errors"][0]["code"] == "P105"


def test_cli_missing_path_is_one_line_and_exit_2(capsys, tmp_path: Path):
    code, out, err = run(capsys, "extract", str(tmp_path / "missing.txt"))
    assert code == 2 and "P400" in err and "Traceback" not in err


def test_cli_bad_option_exits_2(capsys):
    code, _, err = run(capsys, "signals", "--no-such-option")
    assert code == 2 and "Traceback" not in err


def test_cli_ingest_twice_then_query(capsys, wire_file: Path, tmp_path: Path):
    db = str(tmp_path / "p.db")
    code, out, _ = run(capsys, "ingest", str(wire_file), "--db", db)
    assert code == 0 and "1 ingested" in out
    code, out, _ = run(capsys, "ingest", str(wire_file), "--db", db)
    assert "0 ingested, 1 duplicates" in out and "1 articles" in out
    code, out, _ = run(capsys, "signals", "--db", db, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows and all("evidence" in r for r in rows)
    code, out, _ = run(capsys, "quotes", "--db", db, "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("date,speaker")
    code, out, _ = run(capsys, "actors", "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)


def test_cli_query_without_store_is_a_usage_error(capsys, tmp_path: Path):
    code, _, err = run(capsys, "signals", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "parley ingest" in err


def test_cli_bad_stance_is_a_usage_error(capsys, wire_file: Path, tmp_path: Path):
    db = str(tmp_path / "p.db")
    run(capsys, "ingest", str(wire_file), "--db", db)
    code, _, err = run(capsys, "signals", "--db", db, "--stance", "maybe")
    assert code == 2 and "--stance" in err


def test_cli_signals_table_ends_with_a_summary(capsys, wire_file: Path, tmp_path: Path):
    db = str(tmp_path / "p.db")
    run(capsys, "ingest", str(wire_file), "--db", db)
    code, out, _ = run(capsys, "signals", "--db", db)
    last = out.strip().splitlines()[-1]
    assert code == 0 and last.endswith("in 1 articles") and "signals (" in last
