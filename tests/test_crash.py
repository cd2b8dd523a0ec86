"""Crash safety: kill `parley ingest` mid-batch, run it again, and nothing is lost or doubled."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

N = 1000
PLACES = ["Oslo", "Geneva", "Doha", "Istanbul", "Nairobi", "Vienna"]
SIDES = [("Kestria", "Amara Velic"), ("Varosia", "Teodor Lask"), ("Belsaria", "Ivo Darran")]


def _article(i: int) -> dict:
    (a, la), (b, lb) = SIDES[i % 3], SIDES[(i + 1) % 3]
    place = PLACES[i % len(PLACES)]
    text = (
        f"{a} and {b} held a round of talks in {place} on day {i}, officials said. "
        f'"We remain ready to negotiate with {b}," {la} told reporters. '
        f"{lb} said {b} would not sign a ceasefire until the shelling of border town number {i} stops."
    )
    return {"id": f"gen-{i}", "text": text, "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"}


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _ingest(src: Path, db: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "parley.cli", "ingest", str(src), "--db", str(db), "--quiet"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_crash_sigkill_mid_batch_then_rerun_is_exact(tmp_path: Path):
    src = tmp_path / "batch.jsonl"
    src.write_text("".join(json.dumps(_article(i)) + "\n" for i in range(N)), encoding="utf-8")
    db = tmp_path / "crash.db"
    proc = _ingest(src, db)
    deadline = time.monotonic() + 240
    while _count(db) < 50 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; make the batch bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = _count(db)
    assert 0 < killed_at < N

    rerun = _ingest(src, db)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert f"{N} inputs:" in out and f"{N - killed_at} ingested" in out

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*), count(DISTINCT ref) FROM articles").fetchone() == (N, N)
    # no half-written article: every article has exactly the records a fresh analysis gives
    per_article = con.execute(
        "SELECT a.ref, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id),"
        " (SELECT count(*) FROM signals s WHERE s.article_id = a.id) FROM articles a"
    ).fetchall()
    con.close()
    import parley

    for ref, n_quotes, n_signals in per_article[:: max(1, N // 50)]:
        fresh = parley.analyze(_article(int(ref.split("-")[1]))["text"])
        assert (n_quotes, n_signals) == (len(fresh.quotes) + len(fresh.statements), len(fresh.signals))
