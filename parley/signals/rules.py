"""Negotiation signals by rule (first version): a negotiation term, a stance cue, a holder.

A sentence is a candidate when it names negotiation (talks, negotiate, dialogue, ceasefire,
truce, agreement, mediation ...). The stance comes from cue words around the term
(negation and refusal, conditions, openness, talks happening, agreements, doubt); the
holder is the speaker of the quote or statement the sentence carries, else the first actor
named in the sentence; the counterpart is the actor after "with".
"""

from __future__ import annotations

import re
from typing import Any

from ..actors.resolve import Resolver

NAME = "signals.rules.v1"

TERMS = re.compile(
    r"\b(negotiat\w*|talks|dialogue|ceasefire|cease-fire|truce|peace (?:deal|process|plan|agreement)|"
    r"mediat\w+|summit|agreement|deal|discussions?|meetings?|met with|prisoner (?:exchange|swap))\b",
    re.I,
)
STANCE_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("refuse", re.compile(r"\b(never|refus\w+|reject\w*|rule[sd]? out|no negotiations?|won'?t|will not|"
                          r"does(?:n't| not) conduct|not negotiat\w+|why should we)\b", re.I)),
    ("skeptical", re.compile(r"\b(unlikely|doubt\w*|skeptic\w*|sceptic\w*|pointless|posturing|"
                             r"little confidence|no (?:sign|indication)|bleak)\b", re.I)),
    ("conditional", re.compile(r"\b(until|unless|only (?:if|after|when)|on condition|provided that|"
                               r"demand\w*|insist\w*|precondition\w*|on (?:our|its|their) terms|"
                               r"to achieve (?:our|its|their) (?:goals|objectives))\b", re.I)),
    ("agreed", re.compile(r"\b(agreed|signed|reached (?:an? )?(?:agreement|deal)|struck a deal|"
                          r"agreement (?:was|has been) reached)\b", re.I)),
    ("engaged", re.compile(r"\b(held talks|talks (?:are|were) (?:continuing|held|under way)|met|meeting with|"
                           r"talks in|round of talks|resum\w+ (?:talks|contacts)|for (?:talks|meetings))\b", re.I)),
    ("open", re.compile(r"\b(open to|ready to|willing\w*|propos\w+|call\w* for|invit\w+|urg\w+|"
                        r"would like to|offer\w*)\b", re.I)),
]
_WITH = re.compile(r"\bwith\s+((?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)")


def find_signals(doc: Any, resolver: Resolver) -> list[dict[str, Any]]:
    """Signal drafts for every candidate sentence of ``doc``."""
    spoken = _speakers_by_sentence(doc)
    out: list[dict[str, Any]] = []
    for i, sent in enumerate(doc.sentences):
        s = sent.text(doc.text)
        if not TERMS.search(s):
            continue
        stance, cue = _stance(s)
        if stance is None:
            continue
        holder = spoken.get(i) or _first_actor(doc, sent.start, sent.end, resolver)
        if holder is None:
            continue
        out.append(
            {
                "holder": holder[0],
                "holder_side": holder[1],
                "counterpart": _counterpart(s, resolver, sent.start, holder[0]),
                "stance": stance,
                "start": sent.start,
                "end": sent.end,
                "conditions": [],
                "reasons": [],
                "explanation": f"{NAME}: negotiation term with cue {cue!r} -> {stance}",
                "confidence": 0.5,
                "extractor": NAME,
            }
        )
    return out


def _stance(s: str) -> tuple[str | None, str | None]:
    for stance, rx in STANCE_CUES:
        m = rx.search(s)
        if m:
            return stance, m.group(0)
    return None, None


def _speakers_by_sentence(doc: Any) -> dict[int, tuple[str, str | None]]:
    out: dict[int, tuple[str, str | None]] = {}
    for q in [*doc.quotes, *doc.statements]:
        if q.get("speaker"):
            out.setdefault(doc.sentence_at(q["start"]), (q["speaker"], q.get("speaker_side")))
    return out


def _first_actor(doc: Any, start: int, end: int, resolver: Resolver) -> tuple[str, str | None] | None:
    for m in doc.mentions:
        if start <= m.start < end and m.actor.kind != "media":
            return m.actor.name, m.actor.side_on(doc.date)
    return None


def _counterpart(s: str, resolver: Resolver, pos: int, holder: str) -> str | None:
    for m in _WITH.finditer(s):
        res = resolver.resolve(m.group(1), pos + m.start(1))
        if res is not None and res.name != holder:
            return res.name
    return None
