"""Pipeline steps of the quote layer: direct quotations with speakers, reported speech."""

from __future__ import annotations

from ..actors.resolve import Resolver, split_title
from ..pipeline import Doc, step
from .marks import find_quotes
from .speakers import attribute
from .statements import find_statements


@step("quotes.marks.v1", needs=("paragraphs", "sentences", "resolver"), adds=("quotes",))
def quotes(doc: Doc) -> None:
    resolver: Resolver = doc.extras["resolver"]
    previous: dict | None = None
    for q in find_quotes(doc.text, doc.paragraphs):
        sent = doc.sentences[doc.sentence_at(q.open_at)]
        last = doc.sentences[doc.sentence_at(max(q.close_at - 1, q.open_at))]
        found = attribute(doc.text, q.start, q.end, sent.start, last.end, resolver)
        draft = {"start": q.start, "end": q.end, "kind": "direct", "extractor": "quotes.marks.v1"}
        if found is not None and found.speaker is not None:
            draft.update(speaker=found.speaker.name, speaker_side=found.speaker.side,
                         speaker_role=found.speaker.role or _role(found.speaker.name), cue=found.cue,
                         medium=found.medium)
        elif previous is not None and previous.get("speaker") and (q.continued or _same_para(doc, previous, q.start)):
            draft.update({k: previous.get(k) for k in ("speaker", "speaker_side", "speaker_role", "cue", "medium")})
        if _is_partial(doc.text, q.open_at, q.close_at):
            draft["kind"] = "partial"
        doc.quotes.append(draft)
        previous = draft


def _same_para(doc: Doc, previous: dict, start: int) -> bool:
    for p in doc.paragraphs:
        if p.start <= start < p.end:
            return p.start <= previous["start"] < p.end
    return False


def _role(name: str) -> str | None:
    title, _ = split_title(name)
    return title or None


def _is_partial(text: str, open_at: int, close_at: int) -> bool:
    """A quote that is part of a sentence ("... a 'common enemy' ...") rather than the whole of it."""
    before = text[max(0, open_at - 2) : open_at].strip()
    return bool(before) and before[-1].isalnum()


@step("statements.cues.v1", needs=("sentences", "resolver", "quotes"), adds=("statements",))
def statements(doc: Doc) -> None:
    resolver: Resolver = doc.extras["resolver"]
    for sent in doc.sentences:
        for d in find_statements(doc.text, sent.start, sent.end, resolver):
            d["extractor"] = "statements.cues.v1"
            doc.statements.append(d)
