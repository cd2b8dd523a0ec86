import pytest

from parley.text.segment import paragraphs, sentence_spans


def _sents(text):
    return [s.text(text) for s in sentence_spans(text)]


def test_segment_keeps_abbreviations_and_initials_inside_sentences():
    text = "Gen. Ivo Darran met U.S. envoys on Sept. 14 in Oslo. Susan B. Quill reported it."
    assert _sents(text) == ["Gen. Ivo Darran met U.S. envoys on Sept. 14 in Oslo.", "Susan B. Quill reported it."]


def test_segment_splits_after_closing_quote():
    text = '"We will not talk," she said. "Never." Then she left.'
    assert _sents(text) == ['"We will not talk," she said.', '"Never."', "Then she left."]


def test_segment_joins_hard_wrapped_lines():
    text = "The two sides\nhave agreed on a plan to end\nthe siege.\nOfficials said more talks follow."
    paras = paragraphs(text)
    assert len(paras) == 2 and paras[0].text(text).endswith("the siege.")


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_segment_empty_text_has_no_sentences(text):
    assert sentence_spans(text) == []
