"""parley on Spark (parley/spark.py): same tables as the single-machine path, and fault handling.

One local session for all of them (the ``spark`` fixture in conftest.py: ``local[2,3]``,
2 threads, 3 attempts per task). Inputs are generated fictional articles (bench/corpus.py).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from parley.batch import analyze_input, analyze_paths
from parley.ingest.sources import RawInput, record
from parley.model import ErrorRecord
from parley.tables import TABLES, rows

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import corpus  # noqa: E402  (bench/corpus.py: the generated fictional articles)
from conftest import WIRE  # noqa: E402

N = 140
PAGE = """<!doctype html><html><head><title>Envoys Gather in Port Valen</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Envoys Gather in Port Valen</h1>
<p>PORT VALEN, May 3 -- Mediators from Norway said on Friday that the government of Valdora was ready to hold
talks with the Coastal Brigades if the shelling of the port stopped, a diplomat told reporters.</p>
<p>"We are willing to meet them anywhere, at any time, once the guns fall silent," Foreign Minister Lena Ralston said.</p>
<p>The Coastal Brigades rejected the offer, saying negotiations would be pointless while troops remained in the harbour.</p>
</article><footer>Copyright 2024 The Valen Courier</footer></body></html>
"""


def _tables(analyses) -> dict[str, list[dict[str, Any]]]:
    """parley.tables.rows over ``analyses``; actors once per name (kind and side: the least seen)."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for analysis in analyses:
        for name, table_rows in rows(analysis).items():
            out[name].extend(table_rows)
    actors: dict[str, dict[str, Any]] = {}
    for row in out["actors"]:
        have = actors.setdefault(row["name"], dict(row))
        for key in ("kind", "side"):
            if row[key] is not None and (have[key] is None or row[key] < have[key]):
                have[key] = row[key]
    out["actors"] = list(actors.values())
    return out


def _expected(paths: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The tables of the single-machine path: parley.tables.rows over parley.batch.analyze_paths."""
    return _tables(analyze_paths(paths))


def _read(spark, output: Path, name: str) -> list[dict[str, Any]]:
    frame = spark.read.parquet(str(output / name))
    assert tuple(frame.columns) == TABLES[name]
    return [r.asDict() for r in frame.collect()]


def _sorted(table: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in table)


def _warc(n: int, seed: int) -> bytes:
    """A gzipped WARC crawl of ``n`` generated articles as HTML pages (and an image, which is no article)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for rec in corpus.articles(n, seed=seed, words=300):
        paras = "".join(f"<p>{p}</p>" for p in rec["text"].split("\n\n")[1:])
        page = f"<!doctype html><html><head><title>{rec['title']}</title></head><body><article>" \
               f"<h1>{rec['title']}</h1>{paras}</article></body></html>"
        html = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(rec["url"], "response", payload=io.BytesIO(page.encode()),
                                                      http_headers=html))
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(rec["url"] + ".png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), http_headers=img))
    return buf.getvalue()


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("spark-in")
    gen = corpus.write_jsonl(root / "gen.jsonl", N, seed=5, words=500)
    with gen.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
        fh.write(json.dumps({"id": "empty", "text": "   "}) + "\n")
        fh.write(json.dumps({"id": "typed", "text": ["a", "list"]}) + "\n")
    (root / "pages").mkdir()
    (root / "pages" / "story.html").write_text(PAGE, encoding="utf-8")
    (root / "pages" / "wire.txt").write_text(WIRE, encoding="utf-8")
    (root / "pages" / "empty.txt").write_text("", encoding="utf-8")
    (root / "crawl").mkdir()
    (root / "crawl" / "news.warc.gz").write_bytes(_warc(3, seed=6))
    return root


@pytest.mark.spark
def test_spark_tables_equal_the_single_machine_path_record_by_record(spark, corpus_dir: Path, tmp_path: Path):
    from parley.spark import run

    paths = [str(corpus_dir), str(corpus_dir / "missing.jsonl")]
    counts = run(spark, paths, str(tmp_path / "out"))
    expected = _expected(paths)
    assert len(expected["articles"]) == N + 2 + 3 and expected["signals"] and expected["quotes"]  # gen, pages, WARC
    assert sum(a["input_format"] == "html" and ".warc.gz:record " in a["source"] for a in expected["articles"]) == 3
    assert {e["code"] for e in expected["errors"]} >= {"P100", "P101", "P105", "P106", "P107"}
    for name in TABLES:
        got = _read(spark, tmp_path / "out", name)
        assert counts[name] == len(got) == len(expected[name]), name
        assert _sorted(got) == _sorted(expected[name]), name


def _faulty(marker: Path):
    """A per-article function that fails twice over: one article raises, one task's first attempt dies."""

    def analyze(raw, settings):
        from pyspark import TaskContext

        ctx = TaskContext.get()
        state["n"] += 1
        if ctx.partitionId() == 1 and ctx.attemptNumber() == 0 and state["n"] == 12:
            marker.write_text(f"killed partition 1 attempt 0 after {state['n'] - 1} articles")
            os._exit(1)  # the Python worker dies mid-task, as if killed
        if raw.ref == "gen-5-7":
            raise ValueError("a bug that only this article triggers")
        return analyze_input(raw, settings)

    state = {"n": 0}
    return analyze


@pytest.fixture(scope="module")
def faulty_run(spark, corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    from parley.spark import run

    out = tmp_path_factory.mktemp("spark-faulty") / "out"
    marker = out.parent / "killed.txt"
    gen = str(corpus_dir / "gen.jsonl")
    # small output batches: the dying attempt has already handed rows to the writer
    run(spark, [gen], str(out), partitions=4, batch_rows=16, analyze=_faulty(marker))
    return out, marker, gen


@pytest.mark.spark
def test_spark_killed_task_is_retried_without_duplicates(spark, faulty_run):
    out, marker, gen = faulty_run
    assert marker.exists(), "the injected failure did not fire"
    analyses = list(analyze_paths([gen]))
    assert any(a.article.ref == "gen-5-7" and a.signals for a in analyses)
    expected = _tables(a for a in analyses if a.article.ref != "gen-5-7")  # that one raised: see below
    for name in ("articles", "actors", "quotes", "signals"):
        assert _sorted(_read(spark, out, name)) == _sorted(expected[name]), name


@pytest.mark.spark
def test_spark_bad_article_becomes_an_error_row_not_a_failed_task(spark, faulty_run, corpus_dir: Path):
    out, _, gen = faulty_run
    errors = _read(spark, out, "errors")
    raised = [e for e in errors if e["code"] == "P200"]
    assert raised == [{"article_id": None, "source": gen, "location": "line 8", "code": "P200",
                       "message": "ValueError: a bug that only this article triggers", "step": "analyze"}]
    assert sorted(e["code"] for e in errors) == ["P105", "P106", "P107", "P200"]


def _records(n: int, seed: int, first_id: int = 0) -> list[dict[str, Any]]:
    return [dict(rec, id=first_id + i) for i, rec in enumerate(corpus.articles(n, seed=seed, words=300))]


@pytest.mark.spark
def test_spark_reads_parquet_and_uris(spark, tmp_path: Path):
    import pandas as pd

    from parley.spark import run

    recs = _records(8, seed=11)
    recs[3] = {**{k: v for k, v in recs[3].items() if k != "text"}, "html": PAGE}
    frame = pd.DataFrame([*recs, {"id": 99, "title": "no body"}])
    frame.to_parquet(tmp_path / "records.parquet")
    (tmp_path / "crawl").mkdir()
    more = _records(4, seed=12, first_id=100)
    with gzip.open(tmp_path / "crawl" / "more.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in more)
    parquet = str(tmp_path / "records.parquet")
    run(spark, [parquet, (tmp_path / "crawl").as_uri()], str(tmp_path / "out"))

    articles = _read(spark, tmp_path / "out", "articles")
    want = [analyze_input(record(r, "x", None)).article.id for r in [*recs, *more]]
    assert sorted(a["id"] for a in articles) == sorted(want)
    by_ref = {a["ref"]: a for a in articles}
    assert by_ref["3"]["input_format"] == "html" and by_ref["0"]["source"] == f"{parquet}:row 1"
    from_uri = [a["source"] for a in articles if not a["source"].startswith(parquet)]
    assert len(from_uri) == 4 and all(s.startswith("file:") and "more.jsonl.gz:line " in s for s in from_uri)
    errors = _read(spark, tmp_path / "out", "errors")
    assert [(e["source"], e["location"], e["code"]) for e in errors] == [(parquet, "row 9", "P106")]


@pytest.mark.spark
def test_spark_analyze_frame_inside_a_spark_job(spark):
    from parley.spark import analyze_frame

    recs = _records(5, seed=13)
    import pandas as pd

    df = spark.createDataFrame(pd.DataFrame([*recs, {"id": 50, "text": None, "title": "empty"}]))
    tables = analyze_frame(df)
    try:
        expected = _tables(analyze_input(record(rec, "<dataframe>", None)) for rec in recs)
        expected["errors"].append({"article_id": None, "source": "<dataframe>", "location": "", "code": "P106",
                                   "message": "the record has no 'text' or 'html'", "step": ""})
        for name in TABLES:
            got = [r.asDict() for r in tables[name].collect()]
            assert _sorted(got) == _sorted(expected[name]), name
    finally:
        tables.unpersist()


def _pid_reporter():
    """An 'analysis' that reports the process that ran it (a closure: Spark ships it by value)."""

    def analyze(raw, settings):
        from parley.batch import failed

        return failed(ErrorRecord("P200", str(os.getpid()), raw.source), raw.ref)

    return analyze


@pytest.mark.spark
def test_spark_python_workers_are_reused_so_the_model_loads_once_per_worker(spark):
    import pandas as pd

    from parley.spark import analyze_frame

    df = spark.createDataFrame(pd.DataFrame([{"id": i, "text": f"Article {i} text."} for i in range(64)]))
    tables = analyze_frame(df, partitions=16, analyze=_pid_reporter())
    try:
        pids = {int(r["message"]) for r in tables["errors"].collect()}
    finally:
        tables.unpersist()
    assert 1 <= len(pids) <= 2  # 16 tasks, 2 task threads: each Python worker ran many tasks


@pytest.mark.spark
def test_spark_cli_writes_the_tables_and_refuses_to_overwrite(tmp_path: Path):
    """The command end to end, in its own process (its own Spark session)."""
    src = corpus.write_jsonl(tmp_path / "in.jsonl", 4, seed=21, words=200)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "parley.cli", "spark", str(src), str(out), "--master", "local[1]"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=400)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Wrote" in done.stdout and "4 articles" in done.stdout
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLES)
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=100)
    assert again.returncode == 2 and "P400" in again.stderr and "--overwrite" in again.stderr
    bad = [*cmd[:5], str(tmp_path / "other"), "--master", "nowhere://9"]
    failed = subprocess.run(bad, capture_output=True, text=True, timeout=300)
    assert failed.returncode == 1 and "error P405 spark_failed:" in failed.stderr, failed.stderr[-2000:]
    assert "Traceback" not in failed.stderr


def test_spark_without_pyspark_is_a_coded_one_line_error(monkeypatch, capsys, tmp_path: Path):
    from test_cli import run as run_cli

    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now raises ImportError
    code, _, err = run_cli(capsys, "spark", str(tmp_path), str(tmp_path / "out"))
    assert code == 1
    assert err.splitlines()[0].startswith("error P404 missing_dependency:") and "parley[spark]" in err


@pytest.mark.parametrize("item", [
    RawInput("Body text.", "text", "a.jsonl", "line 3", "r1", "https://x.example/1", "2024-01-02", "T",
             ("Ann", "Bo"), "Outlet", frozenset({"Menu", "Share"})),
    RawInput("<p>x</p>", "fragment", "b.warc.gz"),
    ErrorRecord("P105", "invalid JSON", "a.jsonl", "line 4"),
])
def test_spark_input_rows_carry_every_field_both_ways(item):
    from parley.spark import INPUT_COLUMNS, _input_row, _item

    row = _input_row(item)
    assert list(row) == list(INPUT_COLUMNS)
    assert _item(row) == item


def test_spark_plan_walks_folders_like_the_single_machine_path(corpus_dir: Path):
    from parley.ingest.sources import iter_inputs
    from parley.settings import Settings
    from parley.spark import plan

    found = plan([str(corpus_dir), str(corpus_dir / "nope.txt"), "s3a://bucket/x.parquet", "hdfs://h/crawl/"],
                 Settings())
    files = [f for group in found.files for f in group]
    sources = list(dict.fromkeys(i.source.split(":")[0] for i in iter_inputs([str(corpus_dir)])))
    assert files == sources  # same files, same order, same names
    assert [Path(g[0]).parent for g in found.files] == [corpus_dir, corpus_dir / "crawl", corpus_dir / "pages"]
    assert found.parquet == ["s3a://bucket/x.parquet"] and found.uris == ["hdfs://h/crawl/"]
    assert [(e.code, e.source) for e in found.errors] == [("P100", str(corpus_dir / "nope.txt"))]


def test_spark_plan_reports_unusable_inputs_as_ingest_does(tmp_path: Path):
    from parley.ingest.sources import iter_inputs
    from parley.settings import Settings
    from parley.spark import plan

    (tmp_path / "a.txt").write_text("Some words.", encoding="utf-8")
    names = [str(tmp_path / "missing.txt"), str(tmp_path / "a.txt" / "below")]  # the second: not a directory
    found = plan(names, Settings())
    ingested = [i for i in iter_inputs(names) if isinstance(i, ErrorRecord)]
    assert found.files == [] and len(found.errors) == 2
    assert [(e.code, e.message, e.source) for e in found.errors] == [(e.code, e.message, e.source) for e in ingested]
    assert "not a directory" in found.errors[1].message.lower()
