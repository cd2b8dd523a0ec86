"""Indirect speech: "Peskov said that the Kremlin is open to ...", "according to Lavrov, ...".

Most negotiation signals are reported, not quoted, so reported clauses are kept as
statement records (a ``Quote`` of kind ``indirect``) with their speaker and content span.
"""

from __future__ import annotations

import re

from ..actors.resolve import Resolver
from .cues import SPEECH_VERB as CUE_VERBS
from .cues import medium

_REPORTED = re.compile(
    rf"(?P<who>(?:[A-Z][\w’'.-]*|he|she)(?:\s+(?:[A-Z][\w’'.-]*|of|the|de|al|bin))*)\s*,?"
    rf"(?:\s+(?:also|later|again|repeatedly|has|had|have|was|were|on \w+))*\s+"
    rf"(?P<verb>{CUE_VERBS}|believes|believed|thinks|thought|insists|insisted|agreed|agrees)"
    rf"(?:\s+(?:reporters|journalists|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*))?\s+(?:that\s+)?(?P<what>[^\"“”«»]+)"
)
_ACCORDING = re.compile(r"[Aa]ccording to (?P<who>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*),\s+(?P<what>[^\"“”«»]+)")


def find_statements(text: str, sent_start: int, sent_end: int, resolver: Resolver) -> list[dict]:
    """Reported-speech drafts in one sentence: speaker, cue and the content span."""
    sent = text[sent_start:sent_end]
    out = []
    for rx in (_REPORTED, _ACCORDING):
        m = rx.search(sent)
        if not m:
            continue
        what_start = sent_start + m.start("what")
        what_end = sent_start + m.end("what")
        while what_end > what_start and text[what_end - 1] in " .,;":
            what_end -= 1
        if len(text[what_start:what_end].split()) < 4:
            continue
        who = resolver.resolve(m.group("who"), sent_start + m.start("who"))
        if who is None or who.kind == "media":
            continue
        cue = m.groupdict().get("verb") or "according to"
        out.append(
            {
                "start": what_start,
                "end": what_end,
                "kind": "indirect",
                "speaker": who.name,
                "speaker_side": who.side,
                "speaker_role": who.role,
                "cue": cue,
                "medium": medium(sent),
            }
        )
        break
    return out
