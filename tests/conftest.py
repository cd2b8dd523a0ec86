"""Shared fixtures: texts written for these tests, temporary stores, the CLI runner."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# A fictional wire report written for parley's tests (no real news text).
WIRE = """Kestria Rejects Talks With Northern Front

By Mara Quill
Saturday, March 9, 2024

KESTRIA CITY, March 8 -- President Amara Velic said on Friday that her government will never negotiate with the Northern Front, calling its leaders "terrorists who bomb markets."

"We do not sit down with people who murder children," Velic told reporters in the capital. "They must lay down their arms first."

Northern Front commander Ivo Darran said the movement was ready to hold talks if the army withdrew from the valley.

Foreign Minister Teodor Lask met Norwegian envoys in Oslo on Thursday to discuss a possible ceasefire, the ministry said.

© 2024 The Kestria Herald
"""


@pytest.fixture(autouse=True)
def _isolate_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep user settings out of tests: no PARLEY_* variables, no parley.toml in the cwd."""
    for key in list(os.environ):
        if key.startswith("PARLEY_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def wire_file(tmp_path: Path) -> Path:
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    return path


@pytest.fixture
def store():
    from parley.store import Store

    with Store(":memory:") as s:
        yield s


@pytest.fixture(scope="session")
def wire_analysis():
    import parley

    return parley.analyze(WIRE)


# --- the workbench's corpus: analyses built by hand, so views are tested on known records ---

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def make_analysis(ref: str, text: str, date: str | None, signals=(), quotes=(), title=None, url=None, outlet=None):
    """An Analysis of ``text`` whose records point at the given substrings of it.

    ``signals``: (holder, counterpart, stance, evidence, conditions, reasons);
    ``quotes``: (speaker, quote). Offsets are found with ``str.index``.
    """
    from parley.ingest.article import content_id
    from parley.model import Analysis, Article, Quote, Signal

    def span(piece: str) -> tuple[int, int]:
        start = text.index(piece)
        return start, start + len(piece)

    article = Article(id=content_id(text), raw=text, text=text, segments=((0, 0, len(text)),), ref=ref,
                      url=url, outlet=outlet, title=title, date=date)
    sigs = tuple(
        Signal(holder=h, holder_side=None, counterpart=c, stance=st, evidence=ev, start=span(ev)[0], end=span(ev)[1],
               clean_start=span(ev)[0], clean_end=span(ev)[1], conditions=tuple(cond), reasons=tuple(rs), date=date,
               confidence=0.8, extractor="test.v1", explanation="written by hand")
        for h, c, st, ev, cond, rs in signals
    )
    qs = tuple(
        Quote(quote=q, start=span(q)[0], end=span(q)[1], clean_start=span(q)[0], clean_end=span(q)[1], speaker=sp,
              cue="said", extractor="test.v1")
        for sp, q in quotes
    )
    return Analysis(article=article, quotes=qs, signals=sigs)


def workbench_analyses():
    """Four fictional articles: one dyad whose stance moves refuse -> conditional -> open, and hostile markup."""
    a = "President Amara Velic said her government will never negotiate with the Northern Front."
    b = "Velic said talks with the Northern Front could begin if the group lays down its arms."
    c = "Velic said Kestria was open to talks with the Northern Front in Oslo."
    d = "Ivo Darran said the Northern Front was ready to talk to Kestria."
    hostile = f"Commander Tarn said {HOSTILE} would never stop them negotiating with Lask."
    return [
        make_analysis("a.txt", f"{a} \"We do not talk to bombers,\" Velic said.", "2024-03-09",
                      [("Amara Velic", "Northern Front", "refuse", a, (), ("terrorism",))],
                      [("Amara Velic", "We do not talk to bombers,")], title="Kestria rejects talks",
                      url="https://example.org/2024/03/09/talks", outlet="Kestria Herald"),
        make_analysis("b.txt", b, "2024-05-20",
                      [("Amara Velic", "Northern Front", "conditional", b, ("the group lays down its arms",), ())],
                      title="Velic sets a condition", outlet="Kestria Herald"),
        make_analysis("c.txt", f"{c} {d}", "2024-07-02",
                      [("Amara Velic", "Northern Front", "open", c, (), ()),
                       ("Ivo Darran", "Kestria", "open", d, (), ())],
                      [("Ivo Darran", "the Northern Front was ready to talk to Kestria")],
                      title="Oslo opening", url="javascript:alert(1)"),
        make_analysis("hostile.txt", hostile, None, [("Tarn", "Lask", "refuse", hostile, (), ())],
                      [("Tarn", HOSTILE)], title=f"Markup {HOSTILE}"),
    ]


def store_file(path: Path, analyses: Iterable) -> Path:
    """Write ``analyses`` to a new store file at ``path``; returns the path, for fixtures."""
    from parley.store import Store

    with Store(path) as s:
        for analysis in analyses:
            s.add(analysis)
    return path


@contextlib.contextmanager
def running_server(db: Path, log_level: str = "critical") -> Iterator[int]:
    """The dashboard on a free loopback port in a thread; yields the port."""
    import uvicorn

    from parley.web.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    srv = uvicorn.Server(uvicorn.Config(create_app(db), log_level=log_level))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert srv.started, "the dashboard did not start"
    try:
        yield sock.getsockname()[1]
    finally:
        srv.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def workbench_db(tmp_path: Path) -> Path:
    """A store file holding ``workbench_analyses()``."""
    return store_file(tmp_path / "workbench.db", workbench_analyses())


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for every Spark test: 2 threads, 3 attempts per task (retries are tested)."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: the Spark tests need Java 17 (apt-get install openjdk-17-jre-headless)")
    from parley.spark import session

    s = session("local[2,3]", conf={"spark.sql.shuffle.partitions": "4", "spark.default.parallelism": "2"})
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def find_chromium() -> str | None:
    """$PARLEY_CHROMIUM, else the first Chromium or Chrome on PATH, else None."""
    names = [os.environ.get("PARLEY_CHROMIUM")]
    names += [shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")]
    return next((n for n in names if n and os.access(n, os.X_OK)), None)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The browser the browser tests drive; they skip, saying why, when there is none."""
    path = find_chromium()
    if path is None:
        pytest.skip("no Chromium found (install Debian's chromium package, or set PARLEY_CHROMIUM)")
    return path
