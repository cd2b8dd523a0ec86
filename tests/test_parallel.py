"""All cores of one machine: the process pool behind ``--workers`` (parley/parallel.py)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley import parallel
from parley.batch import analyze_input, failed
from parley.cli import app
from parley.ingest.sources import RawInput
from parley.model import Analysis, ErrorRecord
from parley.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import corpus  # noqa: E402  (bench/corpus.py: the generated fictional articles)

N = 24  # several chunks per worker, so the pool really runs


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    path = corpus.write_jsonl(tmp_path / "gen.jsonl", N, seed=7, words=300)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("not json\n")
        fh.write(json.dumps({"id": "no-text"}) + "\n")
    return path


def _inputs(n: int) -> Iterator[RawInput]:
    for rec in corpus.articles(n, seed=3, words=150):
        yield RawInput(rec["text"], "text", "<gen>", ref=rec["id"], date=rec["date"])


def pid_of_worker(raw: RawInput, settings: Settings) -> Analysis:
    """An 'analysis' that reports which process ran it."""
    return failed(ErrorRecord("P200", str(os.getpid()), raw.source), raw.ref)


def dies_on_three(raw: RawInput, settings: Settings) -> Analysis:
    """Kills its worker process on one article, like a crash in native code would."""
    if raw.ref == "gen-3-3":
        os._exit(1)
    return analyze_input(raw, settings)


def test_parallel_resolve_workers_zero_means_all_cores():
    assert parallel.resolve_workers(0) == parallel.cpu_count() >= 1
    assert parallel.resolve_workers(3) == 3


def test_parallel_pool_runs_in_worker_processes_and_small_input_in_this_one():
    pids = {int(a.errors[0].message) for a in parallel.analyze_inputs(_inputs(N), workers=2, analyze=pid_of_worker)}
    assert os.getpid() not in pids and len(pids) >= 1
    small = {int(a.errors[0].message) for a in parallel.analyze_inputs(_inputs(2), workers=2, analyze=pid_of_worker)}
    assert small == {os.getpid()}


def test_parallel_output_in_input_order_equals_single_process():
    one = [a.as_contract() for a in parallel.analyze_inputs(_inputs(N), workers=1)]
    two = [a.as_contract() for a in parallel.analyze_inputs(_inputs(N), workers=2)]
    assert two == one
    assert [a["id"] for a in one] == [a["id"] for a in two] and len(one) == N


def test_parallel_reads_input_with_bounded_lookahead():
    """Memory stays flat: the pool never pulls much more input than it has handed back."""
    pulled = 0

    def counting() -> Iterator[RawInput]:
        nonlocal pulled
        for item in _inputs(200):
            pulled += 1
            yield item

    bound = 2 * parallel.IN_FLIGHT_PER_WORKER * parallel.CHUNK + parallel.CHUNK + 1
    worst = 0
    for done, _ in enumerate(parallel.analyze_inputs(counting(), workers=2, analyze=pid_of_worker), 1):
        worst = max(worst, pulled - done)
    assert pulled == 200
    assert worst <= bound


def test_parallel_dead_worker_costs_one_article_not_the_batch():
    results = list(parallel.analyze_inputs(_inputs(16), workers=2, analyze=dies_on_three))
    assert len(results) == 16
    dead = [a for a in results if a.errors and a.errors[0].step == "worker"]
    assert [a.article.ref for a in dead] == ["gen-3-3"]
    assert dead[0].errors[0].code == "P200" and not dead[0].article.raw
    expected = [a.as_contract() for a in parallel.analyze_inputs(_inputs(16), workers=1) if a.article.ref != "gen-3-3"]
    assert [a.as_contract() for a in results if a.article.ref != "gen-3-3"] == expected


def test_parallel_extract_cli_workers_two_equals_workers_one(generated: Path, tmp_path: Path):
    runner = CliRunner()
    for n in ("1", "2"):
        result = runner.invoke(app, ["extract", str(generated), "-o", str(tmp_path / f"w{n}.jsonl"), "--workers", n])
        assert result.exit_code == 0, result.output
    one = (tmp_path / "w1.jsonl").read_text(encoding="utf-8").splitlines()
    two = (tmp_path / "w2.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(one) == N + 2
    assert sorted(two) == sorted(one)  # the promise: same lines; in fact also the same order
    assert two == one


def _dump(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    out = {
        "articles": con.execute("SELECT id, ref, title, date, text FROM articles ORDER BY id").fetchall(),
        "signals": con.execute("SELECT article_id, seq, holder, stance, evidence, start_char FROM signals"
                               " ORDER BY article_id, seq").fetchall(),
        "quotes": con.execute("SELECT article_id, seq, speaker, quote FROM quotes ORDER BY article_id, seq").fetchall(),
        "errors": con.execute("SELECT source, location, code FROM errors ORDER BY source, location").fetchall(),
    }
    con.close()
    return out


def test_parallel_ingest_cli_workers_two_stores_what_workers_one_stores(generated: Path, tmp_path: Path):
    runner = CliRunner()
    for n in ("1", "2"):
        result = runner.invoke(app, ["ingest", str(generated), "--db", str(tmp_path / f"w{n}.db"), "-q", "-w", n])
        assert result.exit_code == 0, result.output
        assert f"{N + 2} inputs: {N} ingested, 0 duplicates, 2 failed" in result.output
    one, two = _dump(tmp_path / "w1.db"), _dump(tmp_path / "w2.db")
    assert len(one["articles"]) == N and one["signals"]
    assert two == one


def slow_pid_of_worker(raw: RawInput, settings: Settings) -> Analysis:
    """A slow 'analysis' that reports its process: the pool is still busy when the parent dies."""
    time.sleep(0.2)
    return pid_of_worker(raw, settings)


_PARENT = """
import sys
sys.path.insert(0, {tests!r})
from test_parallel import _inputs, slow_pid_of_worker
from parley import parallel
for a in parallel.analyze_inputs(_inputs(400), workers=2, analyze=slow_pid_of_worker):
    print(a.errors[0].message, flush=True)
"""


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting to be reaped has already exited)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_parallel_workers_exit_when_the_parent_is_killed():
    script = _PARENT.format(tests=str(Path(__file__).resolve().parent))
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline:
        line = parent.stdout.readline()
        assert line, "the parent ended before both workers answered"
        workers.add(int(line))
    assert len(workers) == 2 and parent.pid not in workers
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 15
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _running(pid)], "a worker outlived its killed parent"
