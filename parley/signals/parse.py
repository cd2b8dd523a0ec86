"""Dependency parses of the sentences that may carry a signal, without the entity recogniser.

The signal layer needs fine part-of-speech tags and the dependency tree, not spaCy's
named entities (names come from the actor registry and the resolver) nor its lemmatizer
(``words`` derives base forms from the tags); leaving those out more than halves the cost
of each parse. Full parses another step already made
(``doc.parses``) are reused; the lighter ones are cached on the Doc under their own key so
that no later step mistakes them for full parses. ``parse_many`` parses the sentences of
several articles in one spaCy call (the pipeline runs a window of articles together, see
``pipeline.Pipeline.run_many``), since each call costs a fixed amount on top of its sentences.

The signal code then reads each token's tag, relation, head and text many times over (a
pass per candidate finder, per feature, per condition). A spaCy token is rebuilt on every
access and each string attribute is decoded anew from the vocabulary, so the parse is
handed on as a ``Sentence`` of plain ``Word`` objects with those attributes read once
(``Doc.to_array``); they answer the part of spaCy's ``Doc``/``Token`` interface the signal
code uses, with the same values, and pass anything else through to spaCy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .. import nlp

if TYPE_CHECKING:
    from ..pipeline import Doc

CACHE_KEY = "signals.parses"
# The entity recogniser, the attribute ruler and the lemmatizer: parts of speech and base
# forms come from the fine tags instead (see ``words``).
SKIPPED = ["ner", "attribute_ruler", "lemmatizer"]
BATCH = 64  # sentences per spaCy batch: about a window's (see ``batch.WINDOW``); 32 were 10% slower


def parse(doc: Doc, indices: list[int]) -> dict[int, Any]:
    """Parsed sentences (tagger and parser only, as ``Sentence``) for sentence ``indices`` of ``doc``."""
    parse_many([(doc, indices)])
    cache: dict[int, Any] = doc.extras[CACHE_KEY]
    return {i: doc.parses.get(i) or cache[i] for i in indices}


def parse_many(wanted: list[tuple[Doc, list[int]]]) -> None:
    """Parse the given sentences of several articles in one spaCy call, cached on each Doc.

    spaCy's cost per call (its weights are laid out anew for each matrix product) is worth
    several sentences' parse; a call over a few articles' sentences pays it once. A
    sentence's parse does not depend on the others in its batch.
    """
    todo: list[tuple[dict[int, Any], int, str]] = []
    for doc, indices in wanted:
        cache: dict[int, Any] = doc.extras.setdefault(CACHE_KEY, {})
        limit = doc.settings.max_parse_chars
        todo += [(cache, i, doc.sentences[i].text(doc.text)[:limit])
                 for i in dict.fromkeys(indices) if i not in doc.parses and i not in cache]
    if not todo:
        return
    texts = [text for _, _, text in todo]
    for (cache, i, text), parsed in zip(todo, nlp.load().pipe(texts, batch_size=BATCH, disable=SKIPPED), strict=True):
        parsed.user_data[_TEXT] = text  # the tokenizer keeps every character: the parse's text is this one
        cache[i] = Sentence(parsed)


def release(doc: Doc) -> None:
    """Drop the article's parses once the signals are found.

    Each word points back at its sentence, and the answers kept on a parse
    (``features.per_parse``) hold words; cutting those cycles here frees the parses (and
    spaCy's) when the article is done, not at the cycle collector's next full pass, so
    memory stays flat over a stream of articles.
    """
    for parsed in doc.extras.pop(CACHE_KEY, {}).values():
        if isinstance(parsed, Sentence):
            parsed.words = []
            parsed.user_data.clear()


def text_of(parsed: Any) -> str:
    """The text of a parsed sentence, kept on it: spaCy rebuilds ``Doc.text`` from the tokens each time."""
    text = parsed.user_data.get(_TEXT)
    if text is None:
        text = parsed.user_data[_TEXT] = parsed.text
    return str(text)


_TEXT = "signals.text"


class Sentence:
    """A parsed sentence whose tokens are plain Python objects (see the module's docstring).

    Iteration, ``len``, indexing and ``user_data`` are its own; ``char_span``, slices and
    any other attribute are spaCy's, on the parse it wraps (``spacy_doc``).
    """

    __slots__ = ("spacy_doc", "words", "user_data")

    def __init__(self, parsed: Any):
        self.spacy_doc = parsed
        self.user_data = parsed.user_data
        rows = parsed.to_array(_attributes()).tolist() if len(parsed) else []
        strings, store = _STRINGS, parsed.vocab.strings
        if len(strings) > _MAX_STRINGS:  # a long stream of new words: start over, memory stays flat
            strings.clear()
        for row in rows:
            for key in row[:4]:
                if key not in strings:  # decoded once per process, not on every access
                    strings[key] = store[key]
        self.words = words = [
            Word(self, i, strings[orth], strings[lower], strings[tag], strings[dep],
                 i + (head - _WRAP if head >= _SIGNED else head), idx, " " if space else "")
            for i, (orth, lower, tag, dep, head, idx, space) in enumerate(rows)
        ]
        kids: dict[int, tuple[list[int], list[int]]] = {}
        for word in words:  # children in text order, left and right of their head
            head = word._head
            if head != word.i:
                pair = kids.get(head)
                if pair is None:
                    pair = kids[head] = ([], [])
                pair[word.i > head].append(word.i)
        for head, pair in kids.items():  # a leaf keeps the shared empty pair: half the words, no lists
            words[head]._kids = pair

    def __iter__(self) -> Iterator[Word]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i: Any) -> Any:
        return self.words[i] if isinstance(i, int) else self.spacy_doc[i]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in Sentence.__slots__:  # not set yet (a copy being made): not spaCy's
            raise AttributeError(name)
        return getattr(self.spacy_doc, name)

    def __repr__(self) -> str:
        return repr(self.spacy_doc)


class Word:
    """One token of a ``Sentence``: spaCy's attributes the signal code reads, read once.

    The tree (``head``, ``children``, ``lefts``, ``rights``, ``subtree``) is walked the way
    spaCy walks it: children in text order, left ones first, a subtree as the left
    children's subtrees, the word, the right children's subtrees. Other attributes come
    from the spaCy token, with tokens in the answer turned into ``Word``.
    """

    __slots__ = ("doc", "i", "text", "lower_", "tag_", "dep_", "_head", "idx", "whitespace_", "_kids", "_subtree",
                 "coarse", "base")

    def __init__(self, doc: Sentence, i: int, text: str, lower: str, tag: str, dep: str, head: int,
                 idx: int, whitespace: str):
        self.doc, self.i, self.text, self.lower_, self.tag_, self.dep_ = doc, i, text, lower, tag, dep
        self._head, self.idx, self.whitespace_ = head, idx, whitespace
        self._kids: tuple[Sequence[int], Sequence[int]] = _NO_KIDS
        self._subtree: list[int] | None = None
        self.coarse: str | None = None  # ``words.pos`` and ``words.lemma``, kept once asked
        self.base: str | None = None

    @property
    def head(self) -> Word:
        return self.doc.words[self._head]

    @property
    def lefts(self) -> Iterator[Word]:
        words = self.doc.words
        return (words[k] for k in self._kids[0])

    @property
    def rights(self) -> Iterator[Word]:
        words = self.doc.words
        return (words[k] for k in self._kids[1])

    @property
    def children(self) -> Iterator[Word]:
        words = self.doc.words
        lefts, rights = self._kids
        return (words[k] for k in (*lefts, *rights))

    @property
    def subtree(self) -> Iterator[Word]:
        words = self.doc.words
        return (words[k] for k in self._span())

    def _span(self) -> list[int]:
        """Indices of the subtree in spaCy's order (kept: asked once per candidate and clause)."""
        if self._subtree is None:
            words = self.doc.words
            lefts, rights = self._kids
            self._subtree = [*(k for c in lefts for k in words[c]._span()), self.i,
                             *(k for c in rights for k in words[c]._span())]
        return self._subtree

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in Word.__slots__:
            raise AttributeError(name)
        return _as_words(self.doc, getattr(self.doc.spacy_doc[self.i], name))

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __hash__(self) -> int:
        return hash((self.doc.spacy_doc, self.i))  # as spaCy's token hashes

    def __eq__(self, other: object) -> bool:
        """The same word, or the spaCy token it stands for (from a span of ``char_span``, say)."""
        if isinstance(other, Word):
            return other is self or (other.doc is self.doc and other.i == self.i)
        return getattr(other, "doc", None) is self.doc.spacy_doc and getattr(other, "i", None) == self.i

    def __lt__(self, other: Word) -> bool:
        return self.idx < other.idx

    def __le__(self, other: Word) -> bool:
        return self.idx <= other.idx

    def __gt__(self, other: Word) -> bool:
        return self.idx > other.idx

    def __ge__(self, other: Word) -> bool:
        return self.idx >= other.idx


def _as_words(doc: Sentence, value: Any) -> Any:
    """A spaCy attribute's value with its tokens (alone or in a sequence) turned into ``Word``."""
    from spacy.tokens import Token

    if isinstance(value, Token):
        return doc.words[value.i]
    if isinstance(value, Iterator):
        return (doc.words[v.i] if isinstance(v, Token) else v for v in value)
    return value


_STRINGS: dict[int, str] = {}  # the vocabulary's strings by hash
_NO_KIDS: tuple[Sequence[int], Sequence[int]] = ((), ())
_MAX_STRINGS = 200_000
_SIGNED, _WRAP = 1 << 63, 1 << 64  # ``to_array`` stores the offset to the head unsigned


@lru_cache(maxsize=1)
def _attributes() -> list[int]:
    from spacy.attrs import DEP, HEAD, IDX, LOWER, ORTH, SPACY, TAG

    return [ORTH, LOWER, TAG, DEP, HEAD, IDX, SPACY]
