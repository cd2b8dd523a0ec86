"""Dependency parses of the sentences that may carry a signal, without the entity recogniser.

The signal layer needs fine part-of-speech tags and the dependency tree, not spaCy's
named entities (names come from the actor registry and the resolver) nor its lemmatizer
(``words`` derives base forms from the tags); leaving those out more than halves the cost
of each parse. Full parses another step already made
(``doc.parses``) are reused; the lighter ones are cached on the Doc under their own key so
that no later step mistakes them for full parses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import nlp

if TYPE_CHECKING:
    from ..pipeline import Doc

CACHE_KEY = "signals.parses"
# The entity recogniser, the attribute ruler and the lemmatizer: parts of speech and base
# forms come from the fine tags instead (see ``words``).
SKIPPED = ["ner", "attribute_ruler", "lemmatizer"]


def parse(doc: Doc, indices: list[int]) -> dict[int, Any]:
    """Parsed sentences (spaCy Docs, tagger and parser only) for sentence ``indices`` of ``doc``."""
    cache: dict[int, Any] = doc.extras.setdefault(CACHE_KEY, {})
    todo = [i for i in dict.fromkeys(indices) if i not in doc.parses and i not in cache]
    if todo:
        limit = doc.settings.max_parse_chars
        texts = [doc.sentences[i].text(doc.text)[:limit] for i in todo]
        for i, text, parsed in zip(todo, texts, nlp.load().pipe(texts, batch_size=64, disable=SKIPPED), strict=True):
            parsed.user_data[_TEXT] = text  # the tokenizer keeps every character: the parse's text is this one
            cache[i] = parsed
    return {i: doc.parses.get(i) or cache[i] for i in indices}


def text_of(parsed: Any) -> str:
    """The text of a parsed sentence, kept on it: spaCy rebuilds ``Doc.text`` from the tokens each time."""
    text = parsed.user_data.get(_TEXT)
    if text is None:
        text = parsed.user_data[_TEXT] = parsed.text
    return str(text)


_TEXT = "signals.text"
