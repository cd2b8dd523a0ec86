"""Train the stance model from annotated articles (the guidelines' JSONL format).

    python -m parley.signals.train [GOLD.jsonl] [-o parley/data/signals_model.json] [--folds 5] [--seed 0] [--decision]

Needs the ``train`` extra (scikit-learn) at training time only. Every (sentence, candidate
holder) instance of every article is labelled with the stances the gold gives that holder
in that sentence; one logistic regression per stance is fitted on string features. The
per-stance thresholds are chosen on out-of-fold predictions (folds by article) for the
article-level signal F1 that ``parley evaluate`` reports, and the cross-validated figures
are printed. The article-level decision model (``decision``) is then trained by stacking on
those out-of-fold probabilities, and both decisions are scored by nested cross-validation
(each fold's thresholds, weights and cut chosen on the other folds only). The written file
holds feature weights only, never the training sentences.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..evaluate import collapse, read_gold, same_actor, score
from ..model import STANCES
from .decision import DecisionModel, Pair, pairs
from .extract import adjust
from .instances import Instance, instances
from .model import StanceModel

DEFAULT_GOLD = "/work/shared/eval/train.jsonl"
DEFAULT_OUT = str(Path(__file__).resolve().parent.parent / "data" / "signals_model.json")
MIN_COUNT = 2
# Features the holder model leaves to the stance model: the sentence's bag of words is the same
# for every candidate of a sentence and, measured by cross-validation, only adds noise to who holds;
# the polarity of the holder's predicate (``features.polarity``) says which stance, not who holds
# one (stance-only: CV signal F1 higher on 3 of 4 fold orders than with the holder model seeing it);
# so does a doubt in the candidate's own words (``features.doubt``, nested CV higher on 3 of 4 orders).
HOLDER_SKIP = ("w=", "pol", "dbt")
GRID = [x / 100 for x in range(7, 91, 3)]  # from 0.07: pairs below ``decision.FLOOR`` are never signals
DECISION_GRID = [x / 100 for x in range(10, 81, 2)]
DECISION_C = 0.1  # chosen among 0.02-1 on four fold orders of train (see docs/signals.md)


@dataclass
class Example:
    """The instances of one gold article with their stance labels."""

    gold: dict[str, Any]
    instances: list[Instance]
    labels: list[set[str]]
    # an instance of a gold holder outside its evidence sentences: it may well hold its stance
    # there too (the gold gives one evidence per signal), so it is no example of a non-holder
    unsure: list[bool] = field(default_factory=list)


def prepared(gold: dict[str, Any]) -> Any:
    """A pipeline Doc of a gold article with every step before the signals run."""
    from ..ingest.article import prepare
    from ..ingest.sources import _record
    from ..offsets import OffsetMap
    from ..pipeline import Doc
    from ..settings import Settings
    from ..steps import DEFAULT_STEPS

    rec = {"id": gold["id"], "text": gold["text"], "url": gold.get("url"), "date": gold.get("date")}
    article = prepare(_record(rec, "<gold>", "train"))
    doc = Doc(article, Settings(), OffsetMap(article.segments))
    for step in DEFAULT_STEPS:
        if "signals" not in step.adds:
            step(doc)
    return doc


def example(gold: dict[str, Any]) -> Example:
    """Instances of a gold article, labelled by the gold signals whose evidence they overlap."""
    doc = prepared(gold)
    found = instances(doc)
    spans = [(_locate(doc.text, s["evidence"]), s) for s in gold.get("signals", [])]
    labels = []
    for inst in found:
        sent = doc.sentences[inst.sentence]
        labels.append({
            s["stance"] for (a, b), s in spans
            if a < sent.end and sent.start < b and same_actor(s.get("holder"), inst.cand.name)
        })
    return Example(gold, found, labels, unsure(gold, found, labels))


def unsure(gold: dict[str, Any], found: list[Instance], labels: list[set[str]]) -> list[bool]:
    """Which unlabelled instances are of an actor the gold gives a signal elsewhere in the article."""
    holders = [s.get("holder") for s in gold.get("signals", [])]
    return [not lab and any(same_actor(h, inst.cand.name) for h in holders)
            for inst, lab in zip(found, labels, strict=True)]


def _locate(text: str, evidence: str) -> tuple[int, int]:
    at = text.find(evidence)
    if at < 0:
        at = text.find(evidence[:40])
    return (at, at + len(evidence)) if at >= 0 else (-1, -1)


# --- fitting ---------------------------------------------------------------------------


def vocabulary(examples: list[Example]) -> dict[str, int]:
    counts: Counter[str] = Counter(f for ex in examples for inst in ex.instances for f in set(inst.features))
    return {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}


def fit(examples: list[Example], c: float, stance_c: float | None = None) -> StanceModel:
    """The holder model on every instance, the stance model on the instances that hold one."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    vocab = vocabulary(examples)
    names = sorted(vocab, key=vocab.get)  # type: ignore[arg-type]
    x = _matrix(examples, vocab)
    labels = [lab for ex in examples for lab in ex.labels]
    y = np.array([1 if lab else 0 for lab in labels])
    kept = [j for j, f in enumerate(names) if not f.startswith(HOLDER_SKIP)]
    sure = [i for i, u in enumerate(u for ex in examples for u in ex.unsure or [False] * len(ex.labels)) if not u]
    holder = LogisticRegression(C=c, solver="liblinear", max_iter=2000).fit(x[sure][:, kept], y[sure])
    rows = [i for i, lab in enumerate(labels) for _ in lab]
    ys = [STANCES.index(s) for lab in labels for s in sorted(lab)]
    stance = LogisticRegression(C=stance_c or c * 3, max_iter=3000).fit(x[rows], ys)
    coef = np.zeros((len(names), len(STANCES)))
    for k, cls in enumerate(stance.classes_):
        coef[:, cls] = stance.coef_[k] if len(stance.classes_) > 2 else (stance.coef_[0] if k else -stance.coef_[0])
    bias = [0.0] * len(STANCES)
    for k, cls in enumerate(stance.classes_):
        bias[cls] = float(stance.intercept_[k]) if len(stance.classes_) > 2 else 0.0
    for k in range(len(STANCES)):
        if k not in stance.classes_:
            bias[k] = -30.0
    hw = {names[j]: round(float(w), 4) for j, w in zip(kept, holder.coef_[0], strict=True) if abs(w) >= 1e-3}
    sw = {f: tuple(round(float(w), 4) for w in coef[i]) for i, f in enumerate(names) if np.abs(coef[i]).max() >= 1e-3}
    return StanceModel("stance-lr2", STANCES, hw, float(holder.intercept_[0]), sw, tuple(bias),
                       tuple(0.5 for _ in STANCES))


def _matrix(examples: list[Example], vocab: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    n = 0
    for ex in examples:
        for inst in ex.instances:
            for f in set(inst.features):
                j = vocab.get(f)
                if j is not None:
                    rows.append(n)
                    cols.append(j)
            n += 1
    return csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(n, len(vocab)))


# --- article-level decisions and thresholds ---------------------------------------------


def fold_of(n: int, folds: int, seed: int = 0) -> list[int]:
    """The fold of each of ``n`` articles: in file order (``i % folds``) for seed 0, else in an order
    shuffled by ``seed``. CV F1 moves by about 0.01 between orders: compare changes on several."""
    order = list(range(n))
    if seed:
        random.Random(seed).shuffle(order)
    out = [0] * n
    for pos, i in enumerate(order):
        out[i] = pos % folds
    return out


def cross_validate(examples: list[Example], folds: int | list[int], c: float,
                   stance_c: float | None = None) -> list[list[tuple[float, ...]]]:
    """Out-of-fold instance probabilities (folds by article: a number, or each article's fold)."""
    assigned = fold_of(len(examples), folds) if isinstance(folds, int) else folds
    probs: list[list[tuple[float, ...]]] = [[] for _ in examples]
    for k in sorted(set(assigned)):
        train = [ex for ex, f in zip(examples, assigned, strict=True) if f != k]
        model = fit(train, c, stance_c)
        for i, ex in enumerate(examples):
            if assigned[i] == k:
                probs[i] = [model.probabilities(inst.features) for inst in ex.instances]
    return probs


# --- the decision model, stacked on out-of-fold probabilities -----------------------------


@dataclass
class Article:
    """An article's candidate pairs (from out-of-fold probabilities), its gold signals and the pairs' labels."""

    doc: dict[str, Any]  # the gold article
    gold: list[dict[str, Any]]  # its signals, one per (holder, stance)
    pairs: list[Pair]
    labels: list[int]


def articles(examples: list[Example], probs: list[list[tuple[float, ...]]]) -> list[Article]:
    """Every article's (holder, stance) pairs, labelled by whether the gold gives that holder that stance."""
    out = []
    for ex, doc_probs in zip(examples, probs, strict=True):
        scored = [(inst, adjust(inst, STANCES, p) if hasattr(inst, "parsed") else p)
                  for inst, p in zip(ex.instances, doc_probs, strict=True)]
        gold = collapse(ex.gold.get("signals", []))
        found = pairs(scored, STANCES)
        labels = [int(any(g["stance"] == x.stance and _same(g.get("holder"), x.inst.cand.name) for g in gold))
                  for x in found]
        out.append(Article(ex.gold, gold, found, labels))
    return out


# ``same_actor``, remembered: the threshold searches ask about the same names thousands of times
_same = lru_cache(maxsize=None)(same_actor)


def counts(arts: list[Article], keep: list[list[bool]]) -> tuple[int, int, int]:
    """(true, predicted, gold) signals when each article keeps the pairs ``keep`` marks, counted as
    the scorer counts them: pairs of one stance and the same actor collapse into the first, and
    the one-to-one matching takes the highest gold and predicted indices first."""
    tp = n_pred = n_gold = 0
    for art, marks in zip(arts, keep, strict=True):
        preds: list[Pair] = []
        for x, kept in zip(art.pairs, marks, strict=True):
            if kept and not any(q.stance == x.stance and _same(q.inst.cand.name, x.inst.cand.name) for q in preds):
                preds.append(x)
        hits = sorted(((gi, pi) for gi, g in enumerate(art.gold) for pi, x in enumerate(preds)
                       if g["stance"] == x.stance and _same(g.get("holder"), x.inst.cand.name)), reverse=True)
        used_g: set[int] = set()
        used_p: set[int] = set()
        for gi, pi in hits:
            if gi not in used_g and pi not in used_p:
                used_g.add(gi)
                used_p.add(pi)
        tp, n_pred, n_gold = tp + len(used_g), n_pred + len(preds), n_gold + len(art.gold)
    return tp, n_pred, n_gold


def f1(c: tuple[int, int, int]) -> float:
    tp, n_pred, n_gold = c
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def by_cuts(arts: list[Article], cuts: tuple[float, ...]) -> list[list[bool]]:
    return [[x.p >= cuts[STANCES.index(x.stance)] for x in a.pairs] for a in arts]


def tune_pairs(arts: list[Article]) -> tuple[float, ...]:
    """Per-stance thresholds by coordinate ascent on article-level signal F1 (as ``tune``, on pairs)."""
    cuts = [0.3] * len(STANCES)
    for _ in range(2):
        for k in range(len(STANCES)):
            cuts[k] = max(GRID, key=lambda t: f1(counts(arts, by_cuts(arts, tuple(cuts[:k] + [t] + cuts[k + 1:])))))
    return tuple(cuts)


def fit_decision(arts: list[Article], c: float = DECISION_C, threshold: float = 0.5) -> DecisionModel:
    """A logistic regression over the pairs' features (weights only; the threshold is the caller's)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows = [x.features for a in arts for x in a.pairs]
    names = sorted({f for r in rows for f in r})
    x = np.array([[r.get(f, 0.0) for f in names] for r in rows])
    y = [lab for a in arts for lab in a.labels]
    lr = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    weights = {f: round(float(w), 5) for f, w in zip(names, lr.coef_[0], strict=True)}
    return DecisionModel(weights, round(float(lr.intercept_[0]), 5), threshold)


def rated(model: DecisionModel, arts: list[Article]) -> list[list[float]]:
    return [[model.score(x.features) for x in a.pairs] for a in arts]


def best_cut(arts: list[Article], scores: list[list[float]]) -> float:
    """The cut on decision scores with the best signal F1 over ``arts``."""
    return max(DECISION_GRID, key=lambda t: f1(counts(arts, [[s >= t for s in row] for row in scores])))


def stacked(arts: list[Article], folds: list[int], c: float = DECISION_C) -> DecisionModel:
    """The decision model on all ``arts``, its cut chosen on its own out-of-fold scores (folds by article)."""
    scores: list[list[float]] = [[] for _ in arts]
    for k in sorted(set(folds)):
        model = fit_decision([a for a, f in zip(arts, folds, strict=True) if f != k], c)
        for i, a in enumerate(arts):
            if folds[i] == k:
                scores[i] = rated(model, [a])[0]
    return fit_decision(arts, c, best_cut(arts, scores))


def nested(arts: list[Article], folds: list[int], c: float = DECISION_C) -> tuple[list[list[bool]], list[list[bool]]]:
    """What each article keeps under thresholds and under the decision model, each chosen (cuts,
    weights and cut) on the other folds only."""
    by_thr: list[list[bool]] = [[] for _ in arts]
    by_model: list[list[bool]] = [[] for _ in arts]
    for k in sorted(set(folds)):
        rest = [i for i, f in enumerate(folds) if f != k]
        train = [arts[i] for i in rest]
        cuts = tune_pairs(train)
        model = stacked(train, [folds[i] for i in rest], c)
        for i, a in enumerate(arts):
            if folds[i] == k:
                by_thr[i] = by_cuts([a], cuts)[0]
                by_model[i] = [s >= model.threshold for s in rated(model, [a])[0]]
    return by_thr, by_model


def figures(arts: list[Article], keep: list[list[bool]]) -> str:
    """Signal P/R/F1 from the project's scorer for what ``keep`` marks."""
    gold = [a.doc for a in arts]
    preds = [{"id": a.doc["id"], "signals": [{"holder": x.inst.cand.name, "stance": x.stance}
                                      for x, k in zip(a.pairs, marks, strict=True) if k]}
             for a, marks in zip(arts, keep, strict=True)]
    fig = score(gold, preds).figures()
    return f"F1 {fig['signal_f1']:.3f} (P {fig['signal_p']:.3f} R {fig['signal_r']:.3f})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="?", default=DEFAULT_GOLD)
    ap.add_argument("-o", "--out", default=DEFAULT_OUT)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0, help="shuffle the articles' folds (0: in file order)")
    ap.add_argument("-C", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--decision", action="store_true",
                    help="ship the decision model (off: per-stance thresholds, which it does not beat consistently)")
    a = ap.parse_args(argv)
    golds = read_gold(a.gold)
    examples = [example(g) for g in golds]
    n_inst = sum(len(ex.instances) for ex in examples)
    n_pos = sum(1 for ex in examples for lab in ex.labels if lab)
    print(f"{len(examples)} articles, {n_inst} instances, {n_pos} with a gold stance", file=sys.stderr)
    folds = fold_of(len(examples), a.folds, a.seed)
    probs = cross_validate(examples, folds, a.C)
    arts = articles(examples, probs)
    cuts = tune_pairs(arts)
    print(f"cross-validated signal {figures(arts, by_cuts(arts, cuts))} at thresholds {cuts} "
          "(chosen on the same folds)", file=sys.stderr)
    by_thr, by_model = nested(arts, folds)
    print(f"nested CV, thresholds: {figures(arts, by_thr)}", file=sys.stderr)
    print(f"nested CV, decision model: {figures(arts, by_model)}", file=sys.stderr)
    model = fit(examples, a.C).with_thresholds(cuts)
    if a.decision:
        model = model.with_decision(stacked(arts, folds))
    Path(a.out).write_text(json.dumps(model.as_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {a.out}: {len(model.weights)} features", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
