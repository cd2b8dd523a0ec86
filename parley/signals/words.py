"""Part of speech and base form from the tagger's fine tag, without spaCy's lemmatizer.

The lemmatizer and the attribute ruler cost as much as the tagger and parser together on
short sentences, and the signal layer only needs a consistent base form for its cue words
and features, so it maps Penn tags to coarse parts of speech itself and strips inflections
by rule, preferring a base form its own word lists know ("negotiating" -> "negotiate").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .parse import Word

POS_OF_TAG = {
    "NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON",
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX",
    "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "IN": "ADP", "DT": "DET",
    "CD": "NUM", "CC": "CCONJ", "TO": "PART", "RP": "ADP", "POS": "PART", "SYM": "SYM", "FW": "X",
}
AUXILIARIES = frozenset("be is are was were been being am have has had having do does did".split())
IRREGULAR = {
    "met": "meet", "held": "hold", "said": "say", "told": "tell", "made": "make", "took": "take", "taken": "take",
    "came": "come", "gave": "give", "given": "give", "sought": "seek", "struck": "strike", "brought": "bring",
    "went": "go", "gone": "go", "began": "begin", "begun": "begin", "led": "lead", "spoke": "speak",
    "spoken": "speak", "thought": "think", "left": "leave", "sent": "send", "put": "put", "ruled": "rule",
    "broke": "break", "broken": "break", "won": "win", "withdrew": "withdraw", "withdrawn": "withdraw",
    "was": "be", "were": "be", "is": "be", "are": "be", "been": "be", "am": "be", "has": "have", "had": "have",
    "did": "do", "does": "do", "done": "do", "wrote": "write", "written": "write", "saw": "see", "seen": "see",
    "felt": "feel", "kept": "keep", "meant": "mean", "stood": "stand", "understood": "understand",
    "n't": "not", "n’t": "not", "wo": "will", "ca": "can", "sides": "side", "talks": "talks",
}


def pos(tok: Any) -> str:
    """Coarse part of speech (PROPN, NOUN, VERB, AUX, ...) from the fine tag.

    Asked tens of thousands of times per article set: kept on the signal layer's own
    words (``parse.Word``), and for any token the tag is read once, and the token's text
    only for a tag the table lacks.
    """
    if type(tok) is Word:
        coarse = tok.coarse
        if coarse is None:
            coarse = tok.coarse = _pos(tok)
        return coarse
    return _pos(tok)


def _pos(tok: Any) -> str:
    tag = tok.tag_
    if tag in _VERB_TAGS and tok.lower_ in AUXILIARIES:
        return "AUX"
    coarse = POS_OF_TAG.get(tag)
    if coarse is not None:
        return coarse
    return "PUNCT" if not tok.text[:1].isalnum() else "X"


_VERB_TAGS = frozenset(("VB", "VBD", "VBN", "VBP", "VBZ", "VBG"))


def lemma(tok: Any) -> str:
    """A base form: irregular forms by table, else inflections stripped by rule (kept on ``parse.Word``)."""
    if type(tok) is Word:
        base = tok.base
        if base is None:
            base = tok.base = base_form(tok.lower_, tok.tag_)
        return base
    return base_form(tok.lower_, tok.tag_)


@lru_cache(maxsize=50_000)
def base_form(word: str, tag: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    if tag in ("VBD", "VBN") and word.endswith("ed"):
        return _prefer(word[:-1], word[:-2], word[:-3] if word[-3:-2] == word[-4:-3] else word[:-2])
    if tag == "VBG" and word.endswith("ing") and len(word) > 5:
        return _prefer(word[:-3] + "e", word[:-3], word[:-4] if word[-4:-3] == word[-5:-4] else word[:-3])
    if tag in ("VBZ", "NNS") and word.endswith("s") and len(word) > 3:
        if word.endswith("ies"):
            return word[:-3] + "y"
        return _prefer(word[:-1], word[:-2] if word.endswith("es") else word[:-1])
    return word


def _prefer(*options: str) -> str:
    """The first option a word list knows, else the last one."""
    from .lexicon import KNOWN

    for o in options:
        if o in KNOWN:
            return o
    return options[-1]
