"""End to end over the bundled examples, and the quality gate on their gold annotations."""

import json
from pathlib import Path

import pytest

from parley.batch import analyze_inputs, analyze_paths
from parley.evaluate import gold_inputs, read_gold, score
from parley.ingest.sources import _record
from parley.settings import Settings
from tests.conftest import EXAMPLES

ARTICLES = EXAMPLES / "articles"
ACTORS = str(EXAMPLES / "actors.yaml")
FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example_analyses():
    return list(analyze_paths([str(ARTICLES)], Settings(actors=(ACTORS,))))


def test_examples_every_input_is_analysed_without_errors(example_analyses):
    files = [p for p in ARTICLES.rglob("*") if p.is_file() and p.suffix != ".jsonl"]
    records = (ARTICLES / "batch.jsonl").read_text(encoding="utf-8").strip().splitlines()
    assert len(example_analyses) == len(files) + len(records) >= 12
    assert [a.errors for a in example_analyses if a.errors] == []


def test_examples_offsets_are_exact_in_every_record(example_analyses):
    for a in example_analyses:
        raw = a.article.raw
        for q in [*a.quotes, *a.statements]:
            assert raw[q.start : q.end] == q.quote
        for s in a.signals:
            assert raw[s.start : s.end] == s.evidence


def test_examples_ingest_twice_stores_each_article_once(example_analyses):
    from parley.store import Store

    with Store(":memory:") as store:
        first = [store.add(a) for a in example_analyses]
        again = [store.add(a) for a in example_analyses]
        assert first.count("added") == len(example_analyses)
        assert set(again) == {"duplicate"}
        assert store.count("articles") == len(example_analyses)


def test_examples_quality_gate():
    gold = read_gold(str(EXAMPLES / "gold.jsonl"))
    items = [_record(r, "<gold>", str(i)) for i, r in enumerate(gold_inputs(gold))]
    preds = [a.as_contract() for a in analyze_inputs(items, Settings(actors=(ACTORS,)))]
    fig = score(gold, preds).figures()
    for key, floor in FLOORS.items():
        if key.startswith("_") or key.endswith("_max"):
            continue
        assert fig[key] >= floor, f"{key} fell to {fig[key]:.3f}, below its floor {floor}"
    assert fig["bad_offsets"] <= FLOORS["bad_offsets_max"]
