"""Indirect speech: "Peskov said that the Kremlin is open to …", "according to Lavrov, …".

Most negotiation signals are reported, not quoted, so reported clauses are kept as
statement records (kind ``indirect``) with their speaker, cue and content span. Three
shapes are read, on the text with its quotations masked:

- a cue and its complement: "X said (that) …", "X told Izvestia on Thursday that …",
  "X, speaking to reporters, insisted …", "X was quoted as saying …";
- a clause closed by its attribution: "…, Peskov said.", "…, said Gen. Kvashnin.";
- "according to X, …" and "…, according to X."

A clause that is only a direct quotation is left to the quote layer.
"""

from __future__ import annotations

import re
from typing import Any

from ..actors.resolve import Resolver
from .cues import ADVERBS, ALL_FORMS, INTERJECT, LABEL_FORMS, OUTLET_RX, medium
from .phrases import subject_after
from .speakers import MASK, Attribution, _speaker, _subject_of, cues

_THAT = re.compile(r"\bthat\b")
_OPENS_CLAUSE = re.compile(r"(?:[A-Z]|the\b|a\b|an\b|he\b|she\b|it\b|they\b|we\b|there\b|its\b|his\b|her\b|their\b)")
_NOT_CLAUSE = re.compile(
    r"(?:a|an|one|two|the)\s+(?:day|week|month|year|decade)s?\b|(?:something|anything|nothing|this|so)\b", re.I
)
# verbs whose clause may follow without "that" ("said the talks had failed")
_CLAUSE_LEMMAS = frozenset(
    """say tell add believe think hope fear expect feel reckon insist argue claim suggest predict acknowledge admit
    note stress emphasize emphasise reiterate declare state confirm deny maintain assert contend concede warn
    explain write tweet post announce complain inform assure repeat recall report indicate signal urge demand
    propose vow pledge promise threaten""".split()
)
# verbs whose object is what they report even when it is no clause ("proposed a three-stage process")
_OBJECT_LEMMAS = frozenset("propose demand offer urge insist reject welcome call pledge promise vow threaten".split())
_CALL_FOR = re.compile(r"\s+(?:for|on)\b")
_REACHING = frozenset("said says say told tells telling saying added adds stated wrote writes".split())
_ACCORDING_LEAD = re.compile(r"\s*[Aa]ccording\s+to\s+")
_ACCORDING_TAIL = re.compile(r",\s*according\s+to\s+", re.I)
_DIRECT = re.compile(rf"^\W*[:,]?\s*{MASK}")
MIN_WORDS = 4


def find_statements(text: str, masked: str, sent_start: int, sent_end: int, resolver: Resolver) -> list[dict[str, Any]]:
    """Reported-speech drafts in one sentence: speaker, cue and the content span."""
    out: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    for verb in cues(masked, sent_start, sent_end):
        if verb.group(0).lower() in LABEL_FORMS and not _CALL_FOR.match(masked, verb.end()):
            continue  # "called it a mistake" labels, it does not report ("called for talks" does)
        found = _subject_of(masked, verb, sent_start, sent_end, resolver, "statement")
        if found is None or found.phrase is None:
            continue
        span = _content(masked, verb, found, sent_start, sent_end)
        if span is None or _overlaps(span, taken):
            continue
        out.append(_draft(masked, span, found, sent_start, sent_end))
        taken.append(span)
    according = _according(masked, sent_start, sent_end, resolver)
    if according is not None and not _overlaps(according[0], taken):
        out.append(_draft(masked, according[0], according[1], sent_start, sent_end))
    return out


def _content(masked: str, verb: re.Match[str], found: Attribution, sent_start: int,
             sent_end: int) -> tuple[int, int] | None:
    """What the cue reports: the clause before a closing attribution, else the one after the verb."""
    phrase = found.phrase
    assert phrase is not None
    inverted = found.how.endswith("inverted") or phrase.start > verb.start()
    after = None if inverted else _complement(masked, verb, sent_end)
    if after is not None:
        return after
    lead = masked[sent_start : min(phrase.start, verb.start())]
    closing = inverted or lead.rstrip().endswith(",")
    if closing and len(masked[verb.end() : sent_end].split()) <= 10:
        if _DIRECT.match(masked, verb.end(), sent_end) or _ACCORDING_LEAD.match(masked, sent_start, sent_end):
            return None
        comma = masked.rfind(",", sent_start, min(phrase.start, verb.start()))
        return _clause(masked, sent_start, comma) if comma != -1 else None
    return None


def _complement(masked: str, verb: re.Match[str], hi: int) -> tuple[int, int] | None:
    """The clause a cue introduces: after "that", or straight after the verb ("said Russia would …")."""
    lo = verb.end()
    if _DIRECT.match(masked, lo, hi):
        return None  # `said: "…"`: a direct quotation, not reported speech
    head = masked[lo : min(hi, lo + 90)]
    that = _THAT.search(head)
    reach = 8 if verb.group(0).lower() in _REACHING else 3  # "told reporters during a visit to Oslo that"
    if that is not None and len(head[: that.start()].split()) <= reach and not re.search(
        r"[.;!?]|" + MASK, head[: that.start()]
    ):
        if not cues(masked, lo, lo + that.start()):
            return _clause(masked, lo + that.end(), hi)
    lemma = ALL_FORMS.get(verb.group(0).lower())
    if lemma not in _CLAUSE_LEMMAS and not (lemma == "call" and _CALL_FOR.match(masked, lo)):
        return None  # "accused the rebels of stalling": an object, not a reported clause
    start = lo
    if verb.group(0).lower() in ("told", "tells", "telling", "tell", "informed", "assured", "warned", "urged"):
        addressee = subject_after(masked, lo, hi)  # "told reporters", "told Izvestia"
        if addressee is not None:
            start = addressee.end
    m = INTERJECT.match(masked, start, hi)
    start = m.end() if m else start
    while True:  # adverbs between the verb and its clause ("said again the talks …")
        word = re.match(r"\s*(\w+)", masked[start:hi])
        if not word or word.group(1).lower() not in ADVERBS:
            break
        start += word.end()
    if _DIRECT.match(masked, start, hi):
        return None  # `said: "…"`: a direct quotation, not reported speech
    object_verb = lemma in _OBJECT_LEMMAS or verb.group(0).lower() in LABEL_FORMS
    prep = re.match(r"\s*(?:on|for|upon)\s+", masked[start:hi]) if object_verb else None
    if prep is not None:  # "insists on a ceasefire", "called for talks"
        start += prep.end()
    rest = masked[start:hi]
    first = start + len(rest) - len(rest.lstrip())
    opens = _OPENS_CLAUSE.match(masked, first) or (object_verb and masked[first : first + 1].isalpha())
    if not opens or _NOT_CLAUSE.match(masked, first) or _later_cue(masked, first, hi):
        return None  # "accusing rebels of …, reiterated that …": the object is not what was said
    return _clause(masked, start, hi)


def _later_cue(masked: str, lo: int, hi: int) -> bool:
    """A cue further on that is not in a relative clause ("…, which Kiev rejected" is fine)."""
    for verb in cues(masked, lo, hi):
        lead = masked[max(lo, verb.start() - 40) : verb.start()]
        if not re.search(r"\b(?:which|who|that|whom)\b(?:\s+\S+){0,3}\s*$", lead):
            return True
    return False


def _clause(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` trimmed, cut before ", according to …", if it says enough outside quotations."""
    tail = _ACCORDING_TAIL.search(masked, start, end)
    if tail is not None:
        end = tail.start()
    while start < end and (masked[start].isspace() or masked[start] in ",:"):
        start += 1
    while end > start and (masked[end - 1].isspace() or masked[end - 1] in ".,;:"):
        end -= 1
    words = [w for w in masked[start:end].split() if MASK not in w]
    if len(words) < MIN_WORDS:
        return None
    return start, end


def _according(masked: str, lo: int, hi: int, resolver: Resolver) -> tuple[tuple[int, int], Attribution] | None:
    """ "According to Lavrov, …" or "…, according to Lavrov." with Lavrov a speaker, not an outlet."""
    lead = _ACCORDING_LEAD.match(masked, lo, hi)
    tail = _ACCORDING_TAIL.search(masked, lo, hi)
    m = lead or tail
    if m is None:
        return None
    comma = masked.find(",", m.end(), hi) if lead else hi
    phrase = subject_after(masked, m.end(), comma if comma != -1 else hi)
    if phrase is None or OUTLET_RX.search(phrase.text):
        return None
    who = _speaker(phrase, resolver, 2)
    if who is None or who.kind == "media":
        return None
    span = _clause(masked, comma + 1, hi) if lead and comma != -1 else _clause(masked, lo, m.start())
    if span is None:
        return None
    return span, Attribution(who, "according to", None, phrase, "according")


def _draft(masked: str, span: tuple[int, int], found: Attribution, sent_start: int, sent_end: int) -> dict[str, Any]:
    who = found.speaker
    anonymous = who is not None and who.kind == "anonymous"
    parties = [{"name": p.name, "side": p.side} for p in who.parties] if who is not None else []
    return {
        "start": span[0],
        "end": span[1],
        "kind": "indirect",
        "speaker": None if who is None or anonymous else who.name,
        "speaker_side": who.side if who is not None else None,
        "speaker_role": (who.name if anonymous else who.role) if who is not None else None,
        "cue": found.cue,
        "medium": medium(masked[sent_start:sent_end].replace(MASK, " ")),
        **({"speaker_parties": parties} if parties else {}),  # each party of a joint statement, for the signals
    }


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in taken)
