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
