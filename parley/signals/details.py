"""The rest of a signal once holder and stance are known: counterpart, conditions, reasons.

- counterpart: the other party the sentence brings in ("talks *with* X", "*between* X and
  Y", a party joined to the holder by "and"), else the actor the article names most often
  on another side;
- conditions (conditional stances): the phrase after a precondition marker ("until ...",
  "only if ...", "demanding that ...", "on condition that ...");
- reasons (refusals, doubts, conditions): the guideline codes whose words the sentence uses.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .holders import Candidate
from .lexicon import BECAUSE, CONDITION_MARKERS, REASONS

_CLAUSE_END = re.compile(r"[,;:.!?\"“”()]|\s[-–—]\s|\b(?:but|while|although|whereas|and said|said|saying)\b")
MAX_CONDITION_WORDS = 18


def counterpart(cand: Candidate, others: list[Candidate], parsed: Any, fallback: list[str]) -> str | None:
    """The actor ``cand`` would (not) negotiate with, by the sentence, else by the article."""
    best, best_score = None, 0
    for o in others:
        if o.name == cand.name or (o.side and o.side == cand.side):
            continue
        score = 1 + _place_score(o, parsed)
        if score > 0 and score > best_score:
            best, best_score = o.name, score
    if best is not None:
        return best
    for name in fallback:
        if name != cand.name and name != cand.side:
            return name
    return None


def _place_score(o: Candidate, parsed: Any) -> int:
    if o.token is None:
        return 0
    tok = parsed[o.token]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ in ("with", "between", "to", "from", "toward", "towards"):
        return 3
    if tok.dep_ == "pobj":
        return -1  # "in Oslo", "at the summit": a venue, not a party
    if tok.dep_ in ("dobj", "nsubj", "nsubjpass"):
        return 2
    return 1


def main_parties(instances: list[Any]) -> list[str]:
    """Sides (or names) the article names most, most frequent first: the fallback counterparts."""
    counts: Counter[str] = Counter()
    for inst in instances:
        c = inst.cand
        if c.kind in ("state", "armed_group", "organisation", "government"):
            counts[c.side or c.name] += 1
    return [name for name, _ in counts.most_common()]


def conditions(sentence: str) -> list[str]:
    """Precondition phrases of a sentence, exactly as written."""
    out: list[str] = []
    for m in CONDITION_MARKERS.finditer(sentence):
        rest = sentence[m.end():]
        cut = _CLAUSE_END.search(rest)
        phrase = rest[: cut.start()] if cut else rest
        words = phrase.split()
        if len(words) < 2:
            continue
        phrase = " ".join(words[:MAX_CONDITION_WORDS])
        start = sentence.find(phrase, m.end())
        if start >= 0 and phrase not in out:
            out.append(phrase)
    return out[:3]


def reasons(sentence: str, stance: str = "refuse") -> list[str]:
    """Reason codes the sentence states (see GUIDELINES.md); ``other`` for a refusal or doubt that
    gives a reason ("because ...", "citing ...") in words no code names."""
    found = [code for code, rx in REASONS if rx.search(sentence)]
    if not found and stance in ("refuse", "skeptical") and BECAUSE.search(sentence):
        found.append("other")
    return found
