"""Shared fixtures: texts written for these tests, temporary stores, the CLI runner."""

from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for every Spark test: 2 threads, 3 attempts per task (retries are tested)."""
    import shutil

    if shutil.which("java") is None:
        pytest.skip("Java is not installed: the Spark tests need Java 17 (apt-get install openjdk-17-jre-headless)")
    from parley.spark import session

    s = session("local[2,3]", conf={"spark.sql.shuffle.partitions": "4", "spark.default.parallelism": "2"})
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()
