"""Concurrent use: `parley serve` answers while `parley ingest` writes to the same store (WAL)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from parley.cli import app
from parley.store import Filters, Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import corpus  # noqa: E402  (bench/corpus.py: the generated fictional articles)

FIRST, MORE = 8, 240  # stored before the server starts; written while it answers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _serve(db: Path, port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "parley.cli", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _get(port, "/api")[0] == 200:
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"parley serve did not start: {proc.communicate()[1]}")


class Reader:
    """Reads the store through the server and checks that every answer is one consistent state."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.problems: list[str] = []
        self.counts: list[int] = []  # articles seen, poll by poll
        self.records: dict[str, tuple[int, int]] = {}  # article id -> (signals, quotes) as first seen
        self.known: set[str] | None = None  # article ids of the previous poll

    def json(self, path: str) -> dict[str, Any]:
        status, body = self._checked(path)
        return json.loads(body) if status == 200 else {}

    def _checked(self, path: str) -> tuple[int, str]:
        status, body = _get(self.port, path)
        if status != 200 or "locked" in body.lower():
            self.problems.append(f"{path}: {status} {body[:200]}")
        return status, body

    def poll(self) -> None:
        rows = self.json("/api/articles?limit=1000").get("rows", [])
        if self.counts and len(rows) < self.counts[-1]:
            self.problems.append(f"articles went from {self.counts[-1]} to {len(rows)}")
        self.counts.append(len(rows))
        for name in ("signals", "quotes"):
            listing = self.json(f"/api/{name}?limit=1000")
            if listing and min(listing["total"], 1000) != listing["count"]:  # the count and the rows: one state
                self.problems.append(f"/api/{name}: total {listing['total']} but {listing['count']} rows")
        for page in ("/", "/signals", "/quotes", "/actors", "/articles"):
            self._checked(page)
        ids = [str(r["id"]) for r in rows]
        if self.known is not None:  # articles committed since the last poll, read at once (a few a poll)
            for article_id in [i for i in ids if i not in self.known][:3]:
                self.article(article_id)
        self.known = set(ids)

    def article(self, article_id: str) -> None:
        """A just-committed article: its signals and quotes are there as soon as it is (one transaction)."""
        got = self.json(f"/api/articles/{article_id}")
        if got:
            self.records.setdefault(article_id, (len(got["signals"]), len(got["quotes"])))


def test_concurrency_serve_answers_consistently_while_ingest_writes(tmp_path: Path):
    db = tmp_path / "busy.db"
    first = corpus.write_jsonl(tmp_path / "first.jsonl", FIRST, seed=11, words=120)
    result = CliRunner().invoke(app, ["ingest", str(first), "--db", str(db), "-q", "-w", "1"])
    assert result.exit_code == 0, result.output
    more = corpus.write_jsonl(tmp_path / "more.jsonl", MORE, seed=12, words=120)

    port = _free_port()
    server = _serve(db, port)
    try:
        reader = Reader(port)
        cmd = [sys.executable, "-m", "parley.cli", "ingest", str(more), "--db", str(db), "-q", "-w", "1"]
        writer = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 400
        while writer.poll() is None and time.monotonic() < deadline:
            reader.poll()
        out, err = writer.communicate(timeout=60)
        reader.poll()
    finally:
        server.terminate()
        server.wait(10)

    assert writer.returncode == 0, err
    assert f"{MORE} inputs: {MORE} ingested" in out
    assert "locked" not in err.lower()
    assert not reader.problems, reader.problems[:5]
    assert reader.counts[-1] == FIRST + MORE
    during = {c for c in reader.counts if FIRST < c < FIRST + MORE}
    assert len(during) >= 3, f"the reads did not overlap the writes: {sorted(set(reader.counts))}"
    assert len(reader.records) >= 3
    with Store(db, readonly=True) as store:
        for article_id, seen in reader.records.items():
            f = Filters(article=article_id)
            assert seen == (len(store.signals(f)), len(store.quotes(f))), article_id
