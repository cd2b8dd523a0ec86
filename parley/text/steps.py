"""Pipeline steps of the text layer: paragraphs and sentences."""

from __future__ import annotations

from ..model import ErrorRecord
from ..pipeline import Doc, step
from .segment import cap_length, paragraphs, sentences

#: spaCy's default ``nlp.max_length``: no part handed to the parser may be longer
SPACY_MAX_LENGTH = 1_000_000


@step("segment.rules.v1", needs=("text",), adds=("paragraphs", "sentences"))
def segment(doc: Doc) -> None:
    doc.paragraphs = paragraphs(doc.text)
    found = [s for p in doc.paragraphs for s in sentences(doc.text, p.start, p.end)]
    limit = max(1, min(doc.settings.max_parse_chars, SPACY_MAX_LENGTH))
    doc.sentences, cut = cap_length(doc.text, found, limit)
    if cut:
        message = f"{cut} sentence(s) over {limit} characters were analysed in parts"
        doc.errors.append(ErrorRecord("P201", message, doc.article.source, None, "segment.rules.v1"))
