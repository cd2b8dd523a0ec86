"""Train the counterpart model (``partners``) from annotated articles.

    python -m parley.signals.train_partners [GOLD.jsonl] [-o parley/data/signals_partners.json] [--seed 0]

Needs the ``train`` extra (scikit-learn). Each gold signal whose holder is a candidate of its
evidence sentence is one example: the counterpart options of that instance (``partners.options``),
each labelled right when the gold counterpart names the same actor or the same side (as
``parley evaluate`` counts a counterpart right). One logistic regression scores options; the
best-scored option is the answer. Cross-validated accuracy (folds by article) is printed
beside that of the rules (``details.counterpart``) on the same examples. The written file
holds feature weights only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..evaluate import read_gold, same_actor, side_key
from . import details
from .instances import Instance, instances
from .partners import Option, PartnerModel, cast_of, options
from .train import DEFAULT_GOLD, _locate, prepared

DEFAULT_OUT = str(Path(__file__).resolve().parent.parent / "data" / "signals_partners.json")
C = 0.3
MIN_COUNT = 2


@dataclass
class Case:
    """One gold signal found at its evidence: the options, their labels, and the rules' answer."""

    article: str
    options: list[Option]
    labels: list[bool]
    rules_right: bool


def right(gold: str | None, name: str | None) -> bool:
    """Whether ``name`` is the gold counterpart as ``parley evaluate`` counts it."""
    if not gold:
        return name is None
    return same_actor(gold, name) or (side_key(name) is not None and side_key(name) == side_key(gold))


def cases(gold: dict[str, Any]) -> list[Case]:
    doc = prepared(gold)
    found = instances(doc)
    parties = details.main_parties(found)
    cast = cast_of(found)
    out = []
    for s in gold.get("signals", []):
        inst = _at_evidence(doc, found, s)
        if inst is None:
            continue
        opts = options(inst.cand, inst.others, inst.parsed, parties, s["stance"], cast, inst.sentence)
        rules = details.counterpart(inst.cand, inst.others, inst.parsed, parties)
        cp = s.get("counterpart")
        out.append(Case(str(gold["id"]), opts, [right(cp, name) for name, _ in opts], right(cp, rules)))
    return out


def _at_evidence(doc: Any, found: list[Instance], signal: dict[str, Any]) -> Instance | None:
    a, b = _locate(doc.text, signal["evidence"])
    for inst in found:
        sent = doc.sentences[inst.sentence]
        if a < sent.end and sent.start < b and same_actor(signal.get("holder"), inst.cand.name):
            return inst
    return None


def fit(train: list[Case], c: float = C) -> PartnerModel:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    counts: Counter[str] = Counter(f for case in train for _, feats in case.options for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    rows = [(feats, y) for case in train for (_, feats), y in zip(case.options, case.labels, strict=True)]
    x = np.zeros((len(rows), len(vocab)))
    for i, (feats, _) in enumerate(rows):
        for f in feats:
            if f in vocab:
                x[i, vocab[f]] = 1.0
    y = np.array([int(label) for _, label in rows])
    lr = LogisticRegression(C=c, max_iter=2000, solver="liblinear").fit(x, y)
    weights = {f: round(float(lr.coef_[0][i]), 5) for f, i in vocab.items() if abs(lr.coef_[0][i]) > 1e-6}
    return PartnerModel(weights, round(float(lr.intercept_[0]), 5))


def accuracy(model: PartnerModel, test: list[Case]) -> float:
    hits = 0
    for case in test:
        name = model.choose(case.options)
        hits += any(label for (n, _), label in zip(case.options, case.labels, strict=True) if n == name)
    return hits / len(test) if test else 0.0


def cross_validate(all_cases: list[Case], folds: int, seed: int, c: float = C) -> tuple[float, float]:
    """(model accuracy, rules accuracy) over folds by article."""
    ids = sorted({case.article for case in all_cases})
    random.Random(seed).shuffle(ids)
    fold_of = {a: i % folds for i, a in enumerate(ids)}
    hits = 0.0
    for k in range(folds):
        train = [case for case in all_cases if fold_of[case.article] != k]
        test = [case for case in all_cases if fold_of[case.article] == k]
        hits += accuracy(fit(train, c), test) * len(test)
    rules = sum(case.rules_right for case in all_cases) / len(all_cases)
    return hits / len(all_cases), rules


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="?", default=DEFAULT_GOLD)
    ap.add_argument("-o", "--out", default=DEFAULT_OUT)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-C", type=float, default=C)
    a = ap.parse_args(argv)
    all_cases = [case for g in read_gold(a.gold) for case in cases(g)]
    reachable = sum(any(case.labels) for case in all_cases)
    print(f"{len(all_cases)} gold signals found at their evidence; a right option among them for {reachable}")
    model_acc, rules_acc = cross_validate(all_cases, a.folds, a.seed, a.C)
    print(f"cross-validated counterpart accuracy: model {model_acc:.3f}, rules {rules_acc:.3f}")
    model = fit(all_cases, a.C)
    with open(a.out, "w", encoding="utf-8") as fh:
        json.dump(model.as_json(), fh, indent=1, sort_keys=True)
        fh.write("\n")
    print(f"wrote {a.out}: {len(model.weights)} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
