"""The signal layer's plain-Python parse (``parse.Sentence``) answers as spaCy's parse does."""

from __future__ import annotations

from parley import nlp
from parley.signals.parse import SKIPPED, Sentence

TEXT = (
    "Dorvanian President Ilse Maran, who met the envoy on Monday, said her government would never "
    "negotiate with the Northern Front until its fighters left the valley and returned the hostages. "
    "Why should we talk to them?\n\"We won't,\" she added."
)


def _pair() -> tuple:
    parsed = next(nlp.load().pipe([TEXT], disable=SKIPPED))
    return parsed, Sentence(parsed)


def test_signals_parse_words_carry_spacys_attributes():
    parsed, sentence = _pair()
    assert len(sentence) == len(parsed)
    for tok, word in zip(parsed, sentence, strict=True):
        assert (word.i, word.text, word.lower_, word.tag_, word.dep_, word.idx, word.whitespace_) == (
            tok.i, tok.text, tok.lower_, tok.tag_, tok.dep_, tok.idx, tok.whitespace_)
        assert word.head is sentence[tok.head.i]


def test_signals_parse_tree_walks_in_spacys_order():
    parsed, sentence = _pair()
    for tok, word in zip(parsed, sentence, strict=True):
        for walk in ("children", "lefts", "rights", "subtree", "ancestors"):
            assert [w.i for w in getattr(word, walk)] == [t.i for t in getattr(tok, walk)], (tok.text, walk)


def test_signals_parse_passes_other_attributes_through_to_spacy():
    parsed, sentence = _pair()
    word = sentence[5]
    assert word.is_punct == parsed[5].is_punct and word.shape_ == parsed[5].shape_
    assert word.left_edge is sentence[parsed[5].left_edge.i]  # tokens come back as the sentence's own words
    span = sentence.char_span(0, 9)
    assert span.text == "Dorvanian" and [t.tag_ for t in span] == [parsed[0].tag_]
    assert sentence[2:4].text == parsed[2:4].text
    assert word == sentence[5] and word != sentence[6] and sentence[4] < word


def test_signals_parse_sentence_copies_without_recursion():
    import copy

    _, sentence = _pair()
    twin = copy.copy(sentence)
    assert twin.words is sentence.words and len(twin) == len(sentence)
    assert not hasattr(sentence[0], "__no_such_thing__")


def test_signals_parse_word_equals_the_spacy_token_it_stands_for():
    parsed, sentence = _pair()
    root = sentence.char_span(0, 9).root  # a spaCy token
    assert sentence[root.i] == root and hash(sentence[root.i]) == hash(root)
    assert sentence[root.i + 1] != root
