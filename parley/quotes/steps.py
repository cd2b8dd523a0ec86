"""Pipeline steps of the quote layer: direct quotations with speakers, reported speech."""

from __future__ import annotations

import re
from typing import Any

from ..actors.resolve import Resolver
from ..pipeline import Doc, step
from ..text.segment import Span
from .marks import QuoteSpan, find_quotes
from .phrases import sentence_subject
from .speakers import Attribution, attribute, cues, mask_quotes, meet_speakers, speaker_of
from .statements import find_statements

QUOTES = "quotes.marks.v2"
STATEMENTS = "statements.cues.v2"
_SUBJECT_KINDS = ("person", "analyst", "organisation", "armed_group", "government")
_FIRST_PERSON = ("we", "us", "our", "ours", "ourselves")


@step(QUOTES, needs=("paragraphs", "sentences", "resolver"), adds=("quotes",))
def quotes(doc: Doc) -> None:
    """Find quotations, attribute each, and fill the floating ones from their neighbours."""
    resolver: Resolver = doc.extras["resolver"]
    tags: list[QuoteSpan] = []
    found = find_quotes(doc.text, doc.paragraphs, tags=tags)
    masked = mask_quotes(doc.text, [(q.open_at, q.after - 1) for q in (*found, *tags)])
    doc.extras["masked"] = masked
    resolver.quoted([(q.open_at, q.after - 1) for q in found])
    meet_speakers(masked, [(s.start, s.end) for s in doc.sentences], resolver)
    drafts = [_draft(doc, q, masked, resolver) for q in found]
    for i, draft in enumerate(drafts):
        if draft.get("speaker") is None and draft.get("attribution") != "anonymous":
            _fill_floating(doc, found, drafts, i, masked, resolver)
    for i, draft in enumerate(drafts):
        if draft.get("attribution") == "anonymous":
            _named_next(drafts, i)
            _state_official(draft, resolver)
        _first_person(doc.text, draft)
    doc.quotes.extend(drafts)


def _named_next(drafts: list[dict[str, Any]], i: int) -> None:
    """"A senior Hamas official said …" then "“…,” Taher al-Nunu said": the official is named next.

    Only a named speaker of the same side, in one of the next two quotes and close by, names them.
    """
    side = drafts[i].get("speaker_side")
    if not side:
        return
    for later in drafts[i + 1 : i + 3]:
        if later["start"] - drafts[i]["end"] > 600:
            return
        if later.get("speaker") and later.get("speaker_side") == side and later.get("attribution") != "anonymous":
            _copy_speaker(drafts[i], later, "named-next")
            return


_LEADING = re.compile(r"^(?:a|an|one|two|three|several|some|other)\s+", re.I)


def _state_official(draft: dict[str, Any], resolver: Resolver) -> None:
    """"One U.S. official said", "a senior Chinese foreign ministry official said": the text names no one,
    but an official of a named state is the state's voice, so the description is the speaker ("U.S.
    official"). A source, a diplomat or an official of a group or of no state stays unnamed."""
    role = draft.get("speaker_role") or ""
    side = _official_state(role, resolver)
    if draft.get("attribution") == "anonymous" and side is not None:
        draft.update(speaker=_LEADING.sub("", role), speaker_side=side, attribution="state-official")


def _official_state(description: str, resolver: Resolver) -> str | None:
    """The state whose official(s) a description names ("a senior Chinese official" -> China), else None."""
    if description.split()[-1:] not in (["official"], ["officials"]):
        return None
    return next(filter(None, (resolver.registry.country_of(w.strip(",’'")) for w in description.split())), None)


def _draft(doc: Doc, q: QuoteSpan, masked: str, resolver: Resolver) -> dict[str, Any]:
    first = doc.sentences[doc.sentence_at(q.open_at)]
    last = doc.sentences[doc.sentence_at(max(q.close_at - 1, q.open_at))]
    para = _paragraph(doc, q.open_at)
    full_stop = _ends_sentence(doc.text, q)
    found = attribute(masked, q.open_at, q.after - 1, first.start, last.end, para.end, resolver, full_stop)
    kind = "partial" if _is_partial(doc.text, q) else "direct"
    draft: dict[str, Any] = {"start": q.start, "end": q.end, "kind": kind, "extractor": QUOTES}
    _set_speaker(draft, found)
    return draft


def _ends_sentence(text: str, q: QuoteSpan) -> bool:
    """Whether the quotation closes its sentence: a full stop inside the marks, and no lower-case
    word going on after them (`…." said the minister` goes on; `…." Russia insisted` is new)."""
    if q.open_ended or not text[q.start : q.end].rstrip().endswith("."):
        return False
    after = text[q.after : q.after + 40].lstrip(" \t,")
    return not after[:1].islower()


def _set_speaker(draft: dict[str, Any], found: Attribution | None, how: str | None = None) -> None:
    if found is None or found.speaker is None:
        draft.update(speaker=None, speaker_side=None, speaker_role=None, cue=None, medium=None)
        return
    who = found.speaker
    if who.kind == "anonymous":  # "a senior official said": someone speaks, the text does not say who
        draft.update(speaker=None, speaker_side=who.side, speaker_role=who.name, cue=found.cue, medium=found.medium,
                     attribution="anonymous")
        return
    draft.update(speaker=who.name, speaker_side=who.side, speaker_role=who.role, cue=found.cue,
                 medium=found.medium, attribution=how or found.how)
    if who.parties:  # "Armenia and Azerbaijan said": each party, with its side, for the signal layer
        draft["speaker_parties"] = [{"name": p.name, "side": p.side} for p in who.parties]


def _copy_speaker(draft: dict[str, Any], source: dict[str, Any], how: str) -> None:
    for k in ("speaker", "speaker_side", "speaker_role", "cue", "medium", "attribution", "speaker_parties"):
        draft[k] = source.get(k)
    draft["attribution"] = how


def _fill_floating(doc: Doc, found: list[QuoteSpan], drafts: list[dict[str, Any]], i: int, masked: str,
                   resolver: Resolver) -> None:
    """A quote with no cue of its own: the quote it continues, its paragraph, the sentence before."""
    q = found[i]
    para = _paragraph(doc, q.open_at)
    prev = drafts[i - 1] if i > 0 else None
    if prev is not None and _attributed(prev) and (q.continued or para.start <= found[i - 1].open_at):
        return _copy_speaker(drafts[i], prev, "continued" if q.continued else "paragraph")
    nxt = drafts[i + 1] if i + 1 < len(drafts) else None
    if nxt is not None and _attributed(nxt) and found[i + 1].open_at < para.end:
        return _copy_speaker(drafts[i], nxt, "paragraph-next")
    if drafts[i]["kind"] == "partial":
        subject = _own_subject(doc, q, masked, resolver)
        if subject is not None:
            return _set_speaker(drafts[i], subject, "subject")
    found_before = _sentence_before(doc, q, masked, resolver) if drafts[i]["kind"] == "direct" else None
    if found_before is not None:  # (a partial quote belongs to its own sentence, not to the one before)
        return _set_speaker(drafts[i], found_before, "sentence-before")
    if drafts[i]["kind"] == "direct":
        subject = _previous_subject(doc, q, masked, resolver)
        if subject is not None:
            return _set_speaker(drafts[i], subject, "previous-subject")
    if prev is not None and _attributed(prev) and drafts[i]["kind"] == "direct":
        return _copy_speaker(drafts[i], prev, "previous")
    who = resolver.last_person(q.open_at) if drafts[i]["kind"] == "direct" else None
    if who is not None:
        _set_speaker(drafts[i], Attribution(who, None, None, None), "last-person")


def _previous_subject(doc: Doc, q: QuoteSpan, masked: str, resolver: Resolver) -> Attribution | None:
    """A quote after a sentence of its paragraph that has no cue: the person that sentence opens with
    ("Sanders identified exhaustion with bigotry as a reason. “The younger people are …”")."""
    k = doc.sentence_at(q.open_at)
    para = _paragraph(doc, q.open_at)
    if k == 0 or doc.sentences[k - 1].start < para.start or doc.sentences[k].start != q.open_at:
        return None
    sent = doc.sentences[k - 1]
    line = doc.text[sent.start : sent.end].strip()
    words = line.split()
    if len(words) < 6 or not line.endswith((".", "!", "?")) or sum(w[:1].isupper() for w in words) > len(words) / 2:
        return None  # a heading ("Nides Thanked Clinton For Her First Business Audience.") has no subject to take
    phrase = sentence_subject(masked, sent.start, sent.end)
    who = speaker_of(phrase, resolver) if phrase is not None else None
    if who is None or who.kind not in ("person", "analyst") or not phrase.text[:1].isupper():
        return None
    return Attribution(who, None, None, phrase, "previous-subject")


def _own_subject(doc: Doc, q: QuoteSpan, masked: str, resolver: Resolver) -> Attribution | None:
    """A partial quote with no cue: the named actor its sentence opens with ("Last month, Lask decided to
    delay the talks to “consult the wider table”")."""
    sent = doc.sentences[doc.sentence_at(q.open_at)]
    if len(cues(masked, sent.start, q.open_at)) >= 2:
        return None  # "X said that the ship reported “…”": speech reported inside speech, by nobody named
    phrase = sentence_subject(masked, sent.start, q.open_at)
    if phrase is None:
        return None
    who = speaker_of(phrase, resolver)
    if who is not None and who.kind == "anonymous" and _official_state(who.name, resolver):
        return Attribution(who, None, None, phrase, "subject")  # "Chinese officials warned it was “…”"
    if who is None or who.kind not in _SUBJECT_KINDS or (who.actor is None and not phrase.text[:1].isupper()):
        return None  # "Kestria also released a “Norland intelligence asset”": a state acting says nothing
    return Attribution(who, None, None, phrase, "subject")


def _attributed(draft: dict[str, Any]) -> bool:
    return bool(draft.get("speaker")) or draft.get("attribution") == "anonymous"


def _sentence_before(doc: Doc, q: QuoteSpan, masked: str, resolver: Resolver) -> Attribution | None:
    """The cue of the sentence before the quote (in its paragraph, or ending the previous one)."""
    k = doc.sentence_at(q.open_at)
    if k == 0:
        return None
    sent = doc.sentences[k - 1]
    para = _paragraph(doc, q.open_at)
    if sent.end < para.start and not doc.text[sent.start : sent.end].rstrip().endswith(":"):
        prev_para = _paragraph(doc, sent.start)
        if prev_para.end - prev_para.start > 400:
            return None
    return attribute(masked, sent.end, sent.end, sent.start, sent.end, sent.end, resolver)


def _first_person(text: str, draft: dict[str, Any]) -> None:
    """Say whose side "we", "us", "our" inside a quote stand for: the speaker's."""
    words = {w.lower().strip(".,;:!?\"'’”“") for w in text[draft["start"] : draft["end"]].split()}
    if draft.get("speaker_side") and words & set(_FIRST_PERSON):
        draft["first_person_side"] = draft["speaker_side"]


def _paragraph(doc: Doc, pos: int) -> Span:
    for p in doc.paragraphs:
        if p.start <= pos < p.end:
            return p
    return Span(pos, pos)


def _is_partial(text: str, q: QuoteSpan) -> bool:
    """A quote that is part of a sentence ("… a 'common enemy' …") rather than the whole of it."""
    before = text[max(0, q.open_at - 2) : q.open_at].strip()
    if re.search(r"\b(?:a|an|the|of|as)\s*$", text[max(0, q.open_at - 6) : q.open_at]):
        return True  # a "Norland intelligence asset": a noun phrase inside the sentence, whatever its case
    return bool(before) and (before[-1].isalnum() or before[-1] == ",") and not text[q.start : q.start + 1].isupper()


@step(STATEMENTS, needs=("sentences", "resolver", "quotes"), adds=("statements",))
def statements(doc: Doc) -> None:
    """Reported speech ("Peskov said that …", "according to Lavrov, …") as statement records."""
    resolver: Resolver = doc.extras["resolver"]
    masked = doc.extras.get("masked", doc.text)
    for sent in doc.sentences:
        for d in find_statements(doc.text, masked, sent.start, sent.end, resolver):
            d["extractor"] = STATEMENTS
            doc.statements.append(d)
