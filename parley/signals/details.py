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
from .lexicon import BECAUSE, CONDITION_MARKERS, CUES, REASONS
from .parse import text_of
from .words import lemma

_CLAUSE_END = re.compile(r"[,;:.!?\"“”()]|\s[-–—]\s|\b(?:but|while|although|whereas|and said|said|saying)\b")
MAX_CONDITION_WORDS = 18
PARTNER_HEADS = CUES["talk"] | CUES["truce"] | {"engage", "deal", "agreement", "negotiate"}
NOT_PARTIES = frozenset({"media", "anonymous", "analyst"})


def counterpart(cand: Candidate, others: list[Candidate], parsed: Any, fallback: list[str]) -> str | None:
    """The actor ``cand`` would (not) negotiate with, by the sentence, else by the article."""
    best = in_sentence(cand, others, parsed)
    if best is not None:
        return best
    for name in fallback:
        if name != cand.name and name != cand.side and not same_name(name, cand.name):
            return name
    return None


def in_sentence(cand: Candidate, others: list[Candidate], parsed: Any) -> str | None:
    """The other party the sentence names ("talks *with* X"), else an unnamed partner of talks."""
    best, best_score = None, 0
    for o in others:
        if not _other_party(cand, o):
            continue
        place = _place_score(o, parsed)
        if place < 0:  # a venue ("in Doha", "at the summit"): never a party, however well placed
            continue
        score = 1 + place + _kind_score(o) - 3 * co_party(cand, o, parsed)
        if score > 0 and score > best_score:
            best, best_score = o.name, score
    return best if best is not None else partner_phrase(parsed)


def _other_party(cand: Candidate, o: Candidate) -> bool:
    """Whether ``o`` can be the other party of ``cand``: not the holder again under another name
    ("Calle" beside "Humberto de la Calle"), not its own side, not an outlet or an unnamed source."""
    if o.kind in NOT_PARTIES or same_name(o.name, cand.name):
        return False
    if o.side and (o.side == cand.side or o.side == cand.name):
        return False
    return o.name != cand.side


def partner_phrase(parsed: Any) -> str | None:
    """An unnamed partner of talks that the sentence qualifies ("will not negotiate *with criminal
    gangs*", "*with Sunni insurgent groups*"): the common noun after "with" on a talk word, with
    the modifiers just before it. A bare noun ("with terrorists", "with a gang") is left to the
    article: it mostly stands for a party named elsewhere."""
    for tok in parsed:
        if tok.lower_ != "with" or tok.dep_ != "prep" or lemma(tok.head) not in PARTNER_HEADS:
            continue
        for obj in tok.children:
            if obj.dep_ != "pobj" or obj.tag_ not in ("NN", "NNS"):
                continue
            words = [t for t in obj.lefts if t.dep_ in ("amod", "compound", "nmod")]
            if words and words[0].i == obj.i - len(words):
                return text_of(parsed)[words[0].idx: obj.idx + len(obj.text)]
    return None


def co_party(cand: Candidate, o: Candidate, parsed: Any) -> bool:
    """"talks with Britain, France and Germany": the members of one list brought in by "with"
    sit on one side of the table ("between X and Y", "X and Y met" keep them apart)."""
    if cand.token is None or o.token is None:
        return False
    a, b = list_head(parsed[cand.token]), list_head(parsed[o.token])
    return a.i == b.i and a.dep_ == "pobj" and a.head.lower_ in ("with", "to", "from", "against")


def list_head(tok: Any) -> Any:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def same_name(a: str, b: str) -> bool:
    """One name's words inside the other's ("Oreja" in "Jaime Mayor Oreja")."""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _kind_score(o: Candidate) -> int:
    """A party the registry or the resolver placed on a side beats a bare capitalised word
    ("City", "Dialogue", "Committee") that resolved to nothing."""
    return 1 if o.side else -1


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
        if c.kind in ("state", "armed_group", "government"):
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
