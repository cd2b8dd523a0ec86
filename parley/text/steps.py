"""Pipeline steps of the text layer: paragraphs and sentences."""

from __future__ import annotations

from ..pipeline import Doc, step
from .segment import paragraphs, sentences


@step("segment.rules.v1", needs=("text",), adds=("paragraphs", "sentences"))
def segment(doc: Doc) -> None:
    doc.paragraphs = paragraphs(doc.text)
    doc.sentences = [s for p in doc.paragraphs for s in sentences(doc.text, p.start, p.end)]
