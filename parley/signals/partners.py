"""The counterpart of a signal: whom the holder will or won't negotiate with.

The options are the other actors the evidence sentence names (each by its name and, for a
person or a body placed on a side, by that side: "talks with Lavrov" may be a signal towards
Russia), the unnamed partner the sentence qualifies ("with criminal gangs", see
``details.partner_phrase``) and the parties the article names most. Each option is described
by a few named features (where the sentence puts it: "talks *with* X", "*between* X and Y",
the object of the verb; what it is; how much the article is about it) and a logistic
regression trained on annotated articles (``parley.signals.train_partners``) scores them;
the best one is the counterpart. Without the weights file the rules of
``details.counterpart`` decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import ParleyError
from .decision import sigmoid
from .details import NOT_PARTIES, co_party, list_head, partner_phrase, same_name
from .features import CUE_OF
from .holders import Candidate
from .model import read_json
from .words import lemma, pos

PARTNERS_FILE = "data/signals_partners.json"
ARTICLE_OPTIONS = 3  # the article's most named parties offered besides the sentence's actors
TOWARD = frozenset({"with", "between", "to", "from", "toward", "towards", "against", "on"})

Option = tuple[str, list[str]]  # the counterpart's name and the features of choosing it


@dataclass
class Cast:
    """The actors an article's candidates name: per name (or side), how often, in which
    sentences, and beside whom."""

    count: dict[str, int]
    sentences: dict[str, set[int]]
    kinds: dict[str, str]
    order: list[str] = field(default_factory=list)  # most named first


def cast_of(found: list[Any]) -> Cast:
    """The cast of an article from its instances (``instances.instances``)."""
    count: dict[str, int] = {}
    sentences: dict[str, set[int]] = {}
    kinds: dict[str, str] = {}
    for inst in found:
        c = inst.cand
        for name, kind in ((c.name, c.kind), (c.side, "side")):
            if not name or c.kind in NOT_PARTIES:
                continue
            count[name] = count.get(name, 0) + 1
            sentences.setdefault(name, set()).add(inst.sentence)
            kinds.setdefault(name, kind)
    return Cast(count, sentences, kinds, sorted(count, key=lambda k: -count[k]))


def options(cand: Candidate, others: list[Candidate], parsed: Any, parties: list[str], stance: str,
            cast: Cast | None = None, sentence: int = 0) -> list[Option]:
    """Every counterpart the signal of ``cand`` may have, with its features, in a stable order."""
    out: list[Option] = []
    seen: set[str] = set()
    n = min(len(others), 4)

    def add(name: str, feats: list[str]) -> None:
        key = name.lower()
        if key in seen or same_name(name, cand.name) or name == cand.side:
            return
        seen.add(key)
        out.append((name, [*feats, f"stsrc={stance}:{feats[0]}", f"nothers={n}"]))

    parties = [p for p in parties if p != cand.side and not same_name(p, cand.name)]  # the holder's own side is none
    rank = {name.lower(): r for r, name in enumerate(parties[:ARTICLE_OPTIONS])}
    for o in others:
        if o.kind in NOT_PARTIES or (o.side and (o.side == cand.side or o.side == cand.name)):
            continue
        where = _where(o, cand, parsed)
        if "place=venue" in where:
            continue
        known = f"arank={rank.get((o.side or o.name).lower(), 'x')}"
        base = [*where, f"okind={o.kind}", f"hk_ok={cand.kind}:{o.kind}", f"osrc={o.source}",
                "oside" if o.side else "no_oside", known]
        add(o.name, ["src=sent", *base, *(["coparty"] if co_party(cand, o, parsed) else [])])
        if o.side and o.side != o.name:
            add(o.side, ["src=side", *base, f"sidekind={o.kind}"])
    phrase = partner_phrase(parsed)
    if phrase:
        add(phrase, ["src=phrase"])
    in_sentence = {o.name.lower() for o in others} | {(o.side or "").lower() for o in others}
    for r, name in enumerate(parties[:ARTICLE_OPTIONS]):
        add(name, ["src=article", f"arank={r}", f"hk_art={cand.kind}:{r}",
                   "named_here" if name.lower() in in_sentence else "not_here"])
    if cast is not None:
        mine = cast.sentences.get(cand.name, set())
        for r, name in enumerate(cast.order):
            near = min(abs(i - sentence) for i in cast.sentences[name])
            add(name, ["src=cast", f"crank={min(r, 4)}", f"ckind={cast.kinds[name]}",
                       f"hk_cast={cand.kind}:{cast.kinds[name]}", f"near={min(near, 4)}",
                       "beside" if cast.sentences[name] & mine else "apart"])
    return out


def _where(o: Candidate, cand: Candidate, parsed: Any) -> list[str]:
    """Where the sentence puts the option: its relation (through a list to its head), the
    preposition that brings it in and what that hangs from, and its place beside the holder."""
    if o.token is None:
        return ["place=none"]
    tok = list_head(parsed[o.token])
    feats = []
    if tok.dep_ == "pobj":
        prep = tok.head.lower_
        if prep not in TOWARD:
            return ["place=venue"] if prep in ("in", "at") else [f"place=pobj_{prep}"]
        feats += [f"place=pobj_{prep}", f"prep_head={_head_class(tok.head.head)}"]
    else:
        feats.append(f"place={tok.dep_}")
    if cand.token is not None:
        mine = list_head(parsed[cand.token])
        feats.append(f"pair={mine.dep_}:{feats[0].split('=')[1]}")
        feats.append("same_verb" if _verb_of(mine) == _verb_of(tok) else "other_verb")
        gap = o.token - cand.token
        feats.append(f"gap={'before' if gap < 0 else 'after'}:{min(abs(gap) // 4, 3)}")
        if mine.i == tok.i:
            feats.append("same_list")
    return feats


def _verb_of(tok: Any) -> int:
    """The verb a word's clause hangs from (its index; -1 when none)."""
    for _ in range(8):
        if pos(tok) in ("VERB", "AUX"):
            return int(tok.i)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return -1


def _head_class(head: Any) -> str:
    """What a preposition hangs from: a noun or a verb of talks ("talks with"), another verb, other."""
    cls = CUE_OF.get(lemma(head))
    return cls if cls else pos(head).lower()


@dataclass(frozen=True)
class PartnerModel:
    """Logistic-regression weights over option features."""

    weights: dict[str, float]
    bias: float
    name: str = "partners-lr1"

    def score(self, feats: list[str]) -> float:
        return sigmoid(self.bias + sum(self.weights.get(f, 0.0) for f in feats))

    def choose(self, found: list[Option]) -> str | None:
        """The best-scored option (the first of equals), None when there is none."""
        return self.chosen(found)[0]

    def chosen(self, found: list[Option]) -> tuple[str | None, str]:
        """The best-scored option and why: its score and its two strongest features ("" for none)."""
        best, best_score, why = None, -1.0, []
        for name, feats in found:
            s = self.score(feats)
            if s > best_score:
                best, best_score, why = name, s, feats
        if best is None:
            return None, ""
        cues = sorted((f for f in why if self.weights.get(f, 0.0) > 0), key=lambda f: -self.weights[f])[:2]
        return best, f"{self.name}: {best_score:.2f} ({', '.join(cues) or 'no single strong cue'})"

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "bias": self.bias, "weights": dict(sorted(self.weights.items()))}


@lru_cache(maxsize=4)
def load_partners(path: str | None = None) -> PartnerModel | None:
    """The shipped counterpart model (None when the package carries none)."""
    try:
        data = read_json(path, PARTNERS_FILE)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ParleyError("P406", f"cannot read the counterpart model: {exc}") from None
    try:
        return PartnerModel({str(f): float(w) for f, w in data["weights"].items()}, float(data["bias"]),
                            str(data.get("name", "partners-lr1")))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ParleyError("P406", f"the counterpart model file is not valid: {exc}") from None
