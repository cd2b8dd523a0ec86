"""Load test of the dashboard and JSON API on loopback: requests/s, p50/p99 latency, errors.

    .venv/bin/python bench/load.py                              # 8 clients, 4,000 requests
    .venv/bin/python bench/load.py --clients 16 --requests 8000 --json bench/load.json
    .venv/bin/python bench/load.py --ingest 300                 # while `parley ingest` writes

Fills a fresh store from the bundled examples (``parley ingest examples/articles``), starts
``parley serve`` on a free loopback port as its own process (as a user runs it), and sends
``--requests`` GETs from ``--clients`` threads, each with one keep-alive connection, over a
fixed mix of pages and API calls (listings, filters, full-text search, one article, one
actor, a timeline). Bounded in count and in time (``--seconds``). With ``--ingest N``,
``parley ingest`` writes N generated articles (bench/corpus.py) into the same store while
the clients read, so the figures include a concurrent writer.

An error is an answer of 400 or more, or no answer (``/`` answers 303, to ``/signals``). The
load generator is Python and shares the machine with the server, so the figures are a floor
for the server, not its ceiling; the load average and the server's CPU time are printed so a
reader can judge the conditions.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402
from scale import cpu_seconds  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"


@dataclass
class Figures:
    """What one run measured."""

    clients: int
    requests: int
    errors: int
    wall_s: float
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    server_cpu_s: float
    ingest: int
    load_avg: tuple[float, float, float]
    per_target: dict[str, dict[str, float]] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)


def _parley(*args: str) -> list[str]:
    return [sys.executable, "-m", "parley.cli", *args]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(port: int, path: str) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        return json.loads(conn.getresponse().read())
    finally:
        conn.close()


def start_server(db: Path, port: int) -> subprocess.Popen:
    """``parley serve`` on ``port``, once it answers."""
    proc = subprocess.Popen(_parley("serve", "--db", str(db), "--port", str(port)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            _get_json(port, "/api")
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"parley serve did not start: {proc.communicate()[1]}")


def targets(port: int) -> list[str]:
    """The request mix: every page and API listing, filters, search, and one of each record."""
    article = _get_json(port, "/api/articles?limit=1")["rows"][0]["id"]
    actor = _get_json(port, "/api/actors")["rows"][0]["name"]
    signal = _get_json(port, "/api/signals?limit=1")["rows"][0]["id"]
    a, q = urllib.parse.quote(str(article), safe=""), urllib.parse.quote(actor, safe="")
    return [
        "/", "/signals", "/quotes", "/actors", "/articles", f"/articles/{a}", f"/actors/{q}",
        "/api/signals", "/api/signals?stance=refuse", "/api/signals?search=talks", "/api/quotes",
        "/api/quotes?search=ceasefire", "/api/actors", "/api/articles", f"/api/articles/{a}",
        f"/api/actors/{q}", f"/api/signals/{signal}", f"/api/timeline?actor={q}",
    ]


class Clients:
    """``n`` threads sharing one budget of requests, each on its own keep-alive connection."""

    def __init__(self, port: int, paths: list[str], budget: int, seconds: float) -> None:
        self.port, self.paths, self.budget = port, paths, budget
        self.until = time.monotonic() + seconds
        self.lock = threading.Lock()
        self.sent = 0
        self.results: list[tuple[str, float, int]] = []  # (path, seconds, status; 0 = no answer)
        self.samples: list[str] = []

    def _next(self) -> str | None:
        with self.lock:
            if self.sent >= self.budget or time.monotonic() > self.until:
                return None
            self.sent += 1
            return self.paths[self.sent % len(self.paths)]

    def run_one_client(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        mine: list[tuple[str, float, int]] = []
        while (path := self._next()) is not None:
            t0 = time.perf_counter()
            status = self._fetch(conn, path)
            if status == 0:  # the connection broke: a fresh one for the next request
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            mine.append((path, time.perf_counter() - t0, status))
        conn.close()
        with self.lock:
            self.results.extend(mine)

    def _fetch(self, conn: http.client.HTTPConnection, path: str) -> int:
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            body = resp.read()
        except (OSError, http.client.HTTPException) as exc:
            self._sample(f"{path}: {exc!r}")
            return 0
        if resp.status >= 400:
            self._sample(f"{path}: {resp.status} {body[:200]!r}")
        return resp.status

    def _sample(self, line: str) -> None:
        with self.lock:
            if len(self.samples) < 10:
                self.samples.append(line)


def _ms(values: list[float], q: float) -> float:
    """The ``q`` quantile of ``values`` (seconds) in milliseconds."""
    if len(values) == 1:
        return values[0] * 1000
    return statistics.quantiles(values, n=1000, method="inclusive")[max(0, int(q * 1000) - 1)] * 1000


def measure(port: int, server_pid: int, args: argparse.Namespace, paths: list[str]) -> Figures:
    """Run the clients once and summarise what they saw."""
    clients = Clients(port, paths, args.requests, args.seconds)
    threads = [threading.Thread(target=clients.run_one_client) for _ in range(args.clients)]
    cpu0, t0 = cpu_seconds(server_pid), time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat = [s for _, s, _ in clients.results]
    errors = sum(1 for _, _, status in clients.results if not 200 <= status < 400)
    per = {}
    for path in paths:
        mine = [s for p, s, _ in clients.results if p == path]
        if mine:
            per[path] = {"n": len(mine), "p50_ms": round(_ms(mine, 0.5), 1), "p99_ms": round(_ms(mine, 0.99), 1)}
    return Figures(
        args.clients, len(lat), errors, round(wall, 2), round(len(lat) / wall, 1), round(_ms(lat, 0.5), 1),
        round(_ms(lat, 0.9), 1), round(_ms(lat, 0.99), 1), round(max(lat) * 1000, 1),
        round(cpu_seconds(server_pid) - cpu0, 2), args.ingest, os.getloadavg(), per, clients.samples,
    )


def _wait_for_writes(port: int, writer: subprocess.Popen) -> None:
    """Until the writer has committed its first article (it loads the model first)."""
    before = len(_get_json(port, "/api/articles?limit=1000")["rows"])
    while writer.poll() is None and len(_get_json(port, "/api/articles?limit=1000")["rows"]) == before:
        time.sleep(0.2)


def fill(db: Path) -> None:
    """A store from the bundled example articles."""
    subprocess.run(_parley("ingest", str(EXAMPLES), "--db", str(db), "--quiet"), check=True,
                   stdout=subprocess.DEVNULL)


def report(fig: Figures) -> None:
    print(f"{fig.requests} requests from {fig.clients} clients in {fig.wall_s} s"
          f"{f', while ingest wrote {fig.ingest} articles' if fig.ingest else ''}")
    print(f"  {fig.requests_per_s} requests/s   p50 {fig.p50_ms} ms   p90 {fig.p90_ms} ms   "
          f"p99 {fig.p99_ms} ms   max {fig.max_ms} ms   errors {fig.errors}")
    print(f"  server CPU {fig.server_cpu_s} s; load average {', '.join(f'{x:.2f}' for x in fig.load_avg)}")
    width = max(len(p) for p in fig.per_target)
    for path, row in fig.per_target.items():
        print(f"  {path:<{width}}  n {row['n']:>5}  p50 {row['p50_ms']:>7} ms  p99 {row['p99_ms']:>7} ms")
    for line in fig.error_samples:
        print(f"  error: {line}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (threads)")
    parser.add_argument("--requests", type=int, default=4000, help="requests in all")
    parser.add_argument("--seconds", type=float, default=120.0, help="stop sending after this long")
    parser.add_argument("--ingest", type=int, default=0, help="generated articles ingested meanwhile")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="parley-load-") as tmp:
        db = Path(tmp) / "load.db"
        fill(db)
        port = _free_port()
        server = start_server(db, port)
        writer = None
        try:
            paths = targets(port)
            if args.ingest:
                more = corpus.write_jsonl(Path(tmp) / "more.jsonl", args.ingest, seed=5, words=400)
                writer = subprocess.Popen(_parley("ingest", str(more), "--db", str(db), "-q", "-w", "1"),
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                _wait_for_writes(port, writer)
            fig = measure(port, server.pid, args, paths)
            if writer is not None:
                writer_err = writer.communicate()[1]
                if writer.returncode:
                    raise SystemExit(f"the concurrent ingest failed: {writer_err}")
        finally:
            if writer is not None and writer.poll() is None:
                writer.kill()
            server.terminate()
            server.wait(10)
    report(fig)
    if args.json:
        Path(args.json).write_text(json.dumps(asdict(fig), indent=2) + "\n", encoding="utf-8")
    if fig.errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
