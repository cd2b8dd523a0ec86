"""The article-level decision: which (holder, stance) pairs of an article become signals.

The stance model scores sentences; an article has many of them. ``pairs`` gathers, per
(holder, stance), the chance that at least one of the holder's sentences carries the stance
(noisy-or of its instances) with the best instance as evidence. A pair becomes a signal when
its chance clears the stance's threshold or, when the model file carries one, when a second
stage (the *decision model*, a logistic regression over what the article says about the
pair) scores it above its own threshold.

The decision model knows what a threshold cannot: whether the holder's other stances score
higher (a runner-up stance of the same sentences is mostly the softmax splitting its mass),
and how the article ranks the holder among its actors (a minor actor named once holds a
stance less often than a main party with the same score). It is trained by stacking
(``parley.signals.train``) on out-of-fold probabilities of the stance model, so it learns
how those probabilities behave on articles the stance model has not seen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

FLOOR = 0.05  # pairs below this chance are never signals (the lowest threshold ever chosen is 0.2)
CLIP = 1e-4


@dataclass
class Pair:
    """One (holder, stance) of an article: its evidence instance, its chance and its features."""

    inst: Any
    stance: str
    p: float
    features: dict[str, float]


@dataclass(frozen=True)
class DecisionModel:
    """Logistic-regression weights over the named pair features, and the threshold on its score."""

    weights: dict[str, float]
    bias: float
    threshold: float
    name: str = "decision-lr1"

    def score(self, features: dict[str, float]) -> float:
        """P(the pair is a signal of the article)."""
        return sigmoid(self.bias + sum(self.weights.get(f, 0.0) * x for f, x in features.items()))

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "bias": self.bias, "threshold": self.threshold,
                "weights": dict(sorted(self.weights.items()))}


def from_json(data: dict[str, Any]) -> DecisionModel:
    """A decision model from its JSON form (``KeyError``/``ValueError`` on a bad one: the caller reports it)."""
    return DecisionModel({str(f): float(w) for f, w in data["weights"].items()}, float(data["bias"]),
                         float(data["threshold"]), str(data.get("name", "decision-lr1")))


def sigmoid(z: float) -> float:
    """The logistic function, its argument clipped to +-30 (no overflow): the linear scorers' probability."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def logit(p: float) -> float:
    p = min(max(p, CLIP), 1.0 - CLIP)
    return math.log(p / (1.0 - p))


def pairs(scored: list[tuple[Any, tuple[float, ...]]], stances: tuple[str, ...], floor: float = FLOOR) -> list[Pair]:
    """The article's (holder, stance) pairs whose chance reaches ``floor``, with features, in the order
    their holders first appear."""
    chance, best, counts = noisy_or(scored, stances)
    tops = _tops(scored, stances)
    order = sorted(counts, key=lambda h: -counts[h])  # most named first; ties by first appearance
    rank = {h: r for r, h in enumerate(order)}
    total = sum(counts.values())
    out = []
    for (h, stance), p in chance.items():
        if p < floor:
            continue
        other = max(chance[(h, s)] for s in stances if s != stance)
        feats = _stance_features(stance, p) | _other_features(other, p) | _rank_features(rank[h], counts[h], total)
        feats["top_share"] = tops.get((h, stance), 0) / counts[h]
        out.append(Pair(best[(h, stance)], stance, p, feats))
    return out


def noisy_or(scored: list[tuple[Any, tuple[float, ...]]], stances: tuple[str, ...]) -> tuple[dict, dict, dict]:
    """Per (holder, stance) the chance that at least one of the holder's sentences carries the stance
    (noisy-or over them) and the best instance; per holder its number of instances.

    A holder who says it three times in moderate words is likelier to hold the stance than one
    sentence's score says; on the training articles this beats the best single sentence by
    about 0.01 of cross-validated signal F1 on each of three different fold splits.
    """
    miss: dict[tuple[str, str], float] = {}
    top: dict[tuple[str, str], float] = {}
    best: dict[tuple[str, str], Any] = {}
    counts: dict[str, int] = {}
    for inst, probs in scored:
        h = inst.cand.name.lower()
        counts[h] = counts.get(h, 0) + 1
        for stance, p in zip(stances, probs, strict=True):
            key = (h, stance)
            miss[key] = miss.get(key, 1.0) * (1.0 - p)
            if p > top.get(key, -1.0):
                best[key], top[key] = inst, p
    return {k: 1.0 - m for k, m in miss.items()}, best, counts


def _tops(scored: list[tuple[Any, tuple[float, ...]]], stances: tuple[str, ...]) -> dict[tuple[str, str], int]:
    """Per (holder, stance) the number of the holder's sentences whose likeliest stance it is (ties: the
    first stance).

    A wrong extra stance of a right holder mostly comes from the holder's other sentences, where
    it runs second to the stance they do say; the share of sentences that put it first (feature
    ``top_share``) tells it from a stance the holder keeps saying (nested CV on train: F1 up on
    5 of 6 fold orders, +0.004 mean; docs/signals.md).
    """
    out: dict[tuple[str, str], int] = {}
    for inst, probs in scored:
        key = (inst.cand.name.lower(), stances[max(range(len(probs)), key=probs.__getitem__)])
        out[key] = out.get(key, 0) + 1
    return out


def _stance_features(stance: str, p: float) -> dict[str, float]:
    """The chance, and the chance per stance (so each stance keeps a threshold of its own)."""
    return {"lp": logit(p), f"st={stance}": 1.0, f"lp*st={stance}": logit(p)}


def _other_features(other: float, p: float) -> dict[str, float]:
    """The holder's best other stance: a holder mostly holds one, and a runner-up is often noise."""
    return {"other_best": logit(other), "other_higher": 1.0 if other > p else 0.0}


def _rank_features(rank: int, count: int, total: int) -> dict[str, float]:
    """How much the article is about the holder: its rank among the candidates and its share of instances."""
    out = {"hrank": math.log1p(rank), "hshare": count / total}
    if rank == 0:
        out["most_named"] = 1.0
    return out
