"""Who said a quotation: cue patterns around the quote, then the neighbourhood.

Looks, in order, right after the closing mark (`," Putin said`, `," said Gen. Anatoly
Kvashnin`, `," he told reporters`), right before the opening mark (`Kvashnin said, "`,
`telling reporters, "`, `according to Interfax, X said "`), then the sentences around a
floating quote; a pronoun goes to the person most recently named before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..actors.resolve import Resolved, Resolver

CUE_VERBS = (
    "said|says|say|told|tells|added|adds|asked|asks|reiterated|reiterates|stated|states|declared|declares|"
    "noted|notes|explained|explains|insisted|insists|warned|warns|stressed|stresses|wrote|writes|"
    "continued|argued|argues|claimed|claims|suggested|suggests|replied|tweeted|posted|announced|announces|"
    "remarked|urged|predicted|responded|complained|emphasized|emphasised|underlined|acknowledged|"
    "admitted|recalled|concluded|conceded|observed|pointed out|went on|quipped|cautioned|vowed|"
    "telling|saying|adding|asking|writing|noting|stressing|insisting|warning|declaring|explaining"
)
_SPEAKER = r"((?:[A-Z][\w’'.-]*|the|a|an|of|de|al|bin|for)(?:[\s,]+(?:[A-Z][\w’'.-]*|[a-z]+ (?=[A-Z])|of|the|de|al|bin|for|and))*|he|she|they|we|I)"  # noqa: E501
# `, Putin said` / `, he said` / `, Peskov told ...` after the quote
_AFTER_SUBJ_VERB = re.compile(rf"^\W{{0,4}}\s*{_SPEAKER}\s+(?:also\s+|later\s+|then\s+)?({CUE_VERBS})\b")
# `, said Arthur Martirosyan, program manager ...` after the quote
_AFTER_VERB_SUBJ = re.compile(rf"^\W{{0,4}}\s*({CUE_VERBS})\s+{_SPEAKER}")
# `Kvashnin said, "` / `Price said: "` before the quote
_BEFORE = re.compile(rf"{_SPEAKER}\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+)?({CUE_VERBS})\b[^\"“”«]{{0,80}}$")
_ACCORDING = re.compile(rf"[Aa]ccording to {_SPEAKER}")
_MEDIUM = re.compile(
    r"(?:reported by|according to|told|in an interview with|speaking to|in comments (?:to|reported by)|"
    r"quoted by|cited by|in remarks to)\s+((?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:[A-Z0-9][\w’'.-]*|news agency|newspaper|TV|channel))*)"  # noqa: E501
)
_MEDIA_WORDS = re.compile(r"\b(news|agency|TV|television|channel|radio|newspaper|times|post|journal|Interfax|TASS|Reuters|AFP|AP)\b", re.I)  # noqa: E501


@dataclass
class Attribution:
    """A speaker found for a quote, with the cue verb and the medium that relayed it."""

    speaker: Resolved | None
    cue: str | None = None
    medium: str | None = None


def attribute(text: str, q_start: int, q_end: int, sent_start: int, sent_end: int,
              resolver: Resolver) -> Attribution | None:
    """The speaker of the quote at ``[q_start, q_end)`` inside sentence ``[sent_start, sent_end)``."""
    after = text[q_end + 1 : sent_end]
    before = text[sent_start : max(sent_start, q_start - 1)]
    for rx, name_group, verb_group in ((_AFTER_SUBJ_VERB, 1, 2), (_AFTER_VERB_SUBJ, 2, 1)):
        m = rx.match(after)
        if m:
            who = _resolve(m.group(name_group), q_end + 1 + m.start(name_group), resolver)
            if who is not None:
                return Attribution(who, m.group(verb_group), medium(after))
    m = _BEFORE.search(before)
    if m:
        who = _resolve(m.group(1), sent_start + m.start(1), resolver)
        if who is not None:
            return Attribution(who, m.group(2), medium(before))
    m = _ACCORDING.search(before + " " + after)
    if m:
        who = _resolve(m.group(1), q_start, resolver)
        if who is not None and who.kind != "media":
            return Attribution(who, "according to", medium(before + after))
    return None


def _resolve(phrase: str, pos: int, resolver: Resolver) -> Resolved | None:
    phrase = phrase.strip(" ,")
    if phrase.lower() in ("he", "she", "they", "we", "i"):
        return resolver.last_person(pos) if phrase.lower() in ("he", "she") else None
    # "Arthur Martirosyan, program manager with ..." -> the name before the comma
    head = phrase.split(",")[0].strip()
    return resolver.resolve(head, pos)


def medium(context: str) -> str | None:
    """The outlet that relayed a statement ("Interfax", "Khabar 24 TV channel"), if named."""
    for m in _MEDIUM.finditer(context):
        name = m.group(1)
        if _MEDIA_WORDS.search(name) or m.group(0).lower().startswith(("reported by", "in an interview with")):
            return name
    return None
