"""The stance model: two small linear models over string features, in plain Python.

- the *holder* model (a logistic regression) says whether a candidate holds any stance in
  the sentence at all;
- the *stance* model (a softmax regression over the six stances) says which stance, given
  that it holds one.

The probability of (holder, stance) is the product. Weights are learned from annotated
articles by ``parley.signals.train`` and shipped as a small JSON file
(``parley/data/signals_model.json``) with per-stance thresholds chosen by cross-validation
for article-level F1. Nothing but the standard library runs at extraction time; the file is
read once, on first use.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache, reduce
from importlib import resources
from itertools import repeat
from operator import add
from pathlib import Path
from typing import Any

from ..errors import ParleyError
from ..model import STANCES
from .decision import DecisionModel, sigmoid
from .decision import from_json as decision_from_json

MODEL_FILE = "data/signals_model.json"


@dataclass(frozen=True)
class StanceModel:
    """Holder weights, stance weights (one per stance), biases, decision thresholds and, when
    trained, the article-level decision model that replaces the thresholds (``decision``)."""

    name: str
    stances: tuple[str, ...]
    holder: dict[str, float]
    holder_bias: float
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    thresholds: tuple[float, ...]
    decision: DecisionModel | None = None

    def holder_probability(self, features: list[str]) -> float:
        return sigmoid(self.holder_bias + sum(map(self.holder.get, features, repeat(0.0))))

    def stance_probabilities(self, features: list[str]) -> tuple[float, ...]:
        # per stance, the bias plus each present feature's weight, added left to right in the
        # order of ``features`` (a fold per column: the same floats as a loop, at C speed)
        found = [w for w in map(self.weights.get, features) if w is not None]
        z = [reduce(add, column) for column in zip(self.bias, *found, strict=True)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return tuple(v / total for v in e)

    def probabilities(self, features: list[str]) -> tuple[float, ...]:
        """P(candidate holds stance k in this sentence), for each stance."""
        ph = self.holder_probability(features)
        return tuple(ph * p for p in self.stance_probabilities(features))

    def top_features(self, features: list[str], stance: str, n: int = 3) -> list[str]:
        """The features that pushed ``stance`` up the most (for the explanation)."""
        k = self.stances.index(stance)
        scored = sorted(((self.weights[f][k], f) for f in set(features) if f in self.weights), reverse=True)
        return [f for w, f in scored[:n] if w > 0]

    def as_json(self) -> dict[str, Any]:
        out = {
            "name": self.name,
            "stances": list(self.stances),
            "thresholds": list(self.thresholds),
            "holder_bias": self.holder_bias,
            "holder": dict(sorted(self.holder.items())),
            "bias": list(self.bias),
            "weights": {f: list(w) for f, w in sorted(self.weights.items())},
        }
        if self.decision is not None:
            out["decision"] = self.decision.as_json()
        return out

    def with_thresholds(self, thresholds: tuple[float, ...]) -> StanceModel:
        return replace(self, thresholds=thresholds)

    def with_decision(self, decision: DecisionModel | None) -> StanceModel:
        return replace(self, decision=decision)


def from_json(data: dict[str, Any]) -> StanceModel:
    """A model from its JSON form (as written by ``parley.signals.train``)."""
    try:
        stances = tuple(data["stances"])
        if set(stances) - set(STANCES):
            raise ValueError(f"unknown stances {sorted(set(stances) - set(STANCES))}")
        return StanceModel(
            str(data["name"]),
            stances,
            {str(f): float(w) for f, w in data["holder"].items()},
            float(data["holder_bias"]),
            {str(f): tuple(float(x) for x in w) for f, w in data["weights"].items()},
            tuple(float(x) for x in data["bias"]),
            tuple(float(x) for x in data["thresholds"]),
            decision_from_json(data["decision"]) if data.get("decision") else None,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ParleyError("P406", f"the signal model file is not valid: {exc}") from None


def read_json(path: str | None, bundled: str) -> Any:
    """The JSON at ``path``, or the file ``bundled`` ships inside the package when ``path`` is None."""
    if path is None:
        text = resources.files("parley").joinpath(bundled).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> StanceModel:
    """The shipped stance model (or the one at ``path``), read once per process."""
    try:
        data = read_json(path, MODEL_FILE)
    except (OSError, json.JSONDecodeError) as exc:
        raise ParleyError("P406", f"cannot read the signal model: {exc}") from None
    return from_json(data)
