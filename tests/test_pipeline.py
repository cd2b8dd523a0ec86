import subprocess
import sys

import pytest

import parley
from parley.errors import ParleyError
from parley.model import Article
from parley.pipeline import Pipeline, step


def test_pipeline_import_does_not_load_spacy():
    code = "import parley, sys; parley.Signal; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_pipeline_offsets_point_into_the_input(wire_analysis):
    from tests.conftest import WIRE

    assert wire_analysis.quotes and wire_analysis.signals
    for rec in [*wire_analysis.quotes, *wire_analysis.statements]:
        assert WIRE[rec.start : rec.end] == rec.quote
    for sig in wire_analysis.signals:
        assert WIRE[sig.start : sig.end] == sig.evidence
        assert sig.extractor and sig.explanation


def test_pipeline_checks_needs_at_construction():
    @step("b.v1", needs=("x",), adds=("y",))
    def b(doc):
        pass

    with pytest.raises(ValueError, match="needs"):
        Pipeline([b])


def test_pipeline_failed_step_is_recorded_and_dependents_skipped():
    calls = []

    @step("boom.v1", adds=("x",))
    def boom(doc):
        raise RuntimeError("kaboom")

    @step("after.v1", needs=("x",), adds=("y",))
    def after(doc):
        calls.append("after")

    @step("other.v1", adds=("z",))
    def other(doc):
        calls.append("other")

    art = Article(id="1", raw="t", text="t", segments=((0, 0, 1),))
    result = Pipeline([boom, after, other]).run(art)
    assert [e.code for e in result.errors] == ["P200"] and result.errors[0].step == "boom.v1"
    assert calls == ["other"]


def test_pipeline_analyze_empty_text_is_an_error_not_an_exception():
    result = parley.analyze("   ")
    assert [e.code for e in result.errors] == ["P101"]


def test_pipeline_non_english_article_is_recorded_not_analysed():
    text = "Переговоры между сторонами продолжаются уже третий день, сообщили в министерстве. " * 5
    result = parley.analyze(text)
    assert result.article.language == "ru"
    assert [e.code for e in result.errors] == ["P110"] and not result.signals


def test_pipeline_parley_error_str_has_code_and_hint():
    err = ParleyError("P104", "too big", source="a.txt")
    assert str(err).startswith("P104 too_large: too big") and err.hint


def test_pipeline_run_many_batch_hook_sees_only_ready_docs_and_a_failing_hook_changes_nothing():
    seen = []

    @step("first.v1", adds=("x",))
    def first(doc):
        if doc.text == "bad":
            raise RuntimeError("no x here")

    def ahead(docs):
        seen.append([d.text for d in docs])
        raise RuntimeError("the batch failed")

    @step("second.v1", needs=("x",), adds=("y",), batch=ahead)
    def second(doc):
        doc.extras["ran"] = True

    arts = [Article(id=t, raw=t, text=t, segments=((0, 0, len(t)),)) for t in ("one", "bad", "two")]
    results = Pipeline([first, second]).run_many(arts)
    assert seen == [["one", "two"]]
    assert [r.article.id for r in results] == ["one", "bad", "two"]
    assert [[e.step for e in r.errors] for r in results] == [[], ["first.v1"], []]


def test_pipeline_articles_run_together_give_what_each_gives_alone():
    from parley.batch import analyze_input, analyze_inputs
    from parley.ingest.sources import RawInput
    from tests.conftest import WIRE

    other = ("Mediators from Brevia said on Monday that both sides had agreed to resume talks in May. "
             "The rebels said they would not negotiate until prisoners were freed.\n")
    texts = [WIRE, "   ", other, WIRE.replace("Velic", "Orsan")]
    raws = [RawInput(t, "text", f"r{i}") for i, t in enumerate(texts)]
    together = [a.as_contract() for a in analyze_inputs(raws)]
    assert together == [analyze_input(r).as_contract() for r in raws]
    assert together[0]["signals"] and together[1]["errors"] and not together[1]["signals"]
