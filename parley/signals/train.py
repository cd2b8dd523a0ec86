"""Train the stance model from annotated articles (the guidelines' JSONL format).

    python -m parley.signals.train [GOLD.jsonl] [-o parley/data/signals_model.json] [--folds 5]

Needs the ``train`` extra (scikit-learn) at training time only. Every (sentence, candidate
holder) instance of every article is labelled with the stances the gold gives that holder
in that sentence; one logistic regression per stance is fitted on string features. The
per-stance thresholds are chosen on out-of-fold predictions (folds by article) for the
article-level signal F1 that ``parley evaluate`` reports, and the cross-validated figures
are printed. The written file holds feature weights only, never the training sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..evaluate import read_gold, same_actor, score
from ..model import STANCES
from .extract import adjust, combine
from .instances import Instance, instances
from .model import StanceModel

DEFAULT_GOLD = "/work/shared/eval/train.jsonl"
DEFAULT_OUT = str(Path(__file__).resolve().parent.parent / "data" / "signals_model.json")
MIN_COUNT = 2
# Features the holder model leaves to the stance model: the sentence's bag of words is the same
# for every candidate of a sentence and, measured by cross-validation, only adds noise to who holds;
# the polarity of the holder's predicate (``features.polarity``) says which stance, not who holds
# one (stance-only: CV signal F1 higher on 3 of 4 fold orders than with the holder model seeing it).
HOLDER_SKIP = ("w=", "pol")
GRID = [x / 100 for x in range(4, 91, 3)]


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


def predictions(examples: list[Example], probs: list[list[tuple[float, ...]]], cuts: tuple[float, ...]) -> list[dict]:
    """Extract-contract-like lines (holder and stance only) from instance probabilities, decided
    as ``extract.decide`` does."""
    out = []
    for ex, doc_probs in zip(examples, probs, strict=True):
        scored = [(inst, adjust(inst, STANCES, p) if hasattr(inst, "parsed") else p)
                  for inst, p in zip(ex.instances, doc_probs, strict=True)]
        kept = [(inst.cand.name, s) for inst, s, p in combine(scored, STANCES) if p >= cuts[STANCES.index(s)]]
        out.append({"id": ex.gold["id"], "signals": [{"holder": h, "stance": s} for (h, s) in kept]})
    return out


def signal_f1(examples: list[Example], probs: list[list[tuple[float, ...]]], cuts: tuple[float, ...]) -> float:
    return score([ex.gold for ex in examples], predictions(examples, probs, cuts)).figures()["signal_f1"]


def tune(examples: list[Example], probs: list[list[tuple[float, ...]]]) -> tuple[float, ...]:
    """Per-stance thresholds by coordinate ascent on article-level signal F1."""
    cuts = [0.3] * len(STANCES)
    for _ in range(2):
        for k in range(len(STANCES)):
            best = max(GRID, key=lambda t: signal_f1(examples, probs, tuple(cuts[:k] + [t] + cuts[k + 1:])))
            cuts[k] = best
    return tuple(cuts)


def cross_validate(examples: list[Example], folds: int, c: float,
                   stance_c: float | None = None) -> list[list[tuple[float, ...]]]:
    """Out-of-fold instance probabilities (folds by article)."""
    probs: list[list[tuple[float, ...]]] = [[] for _ in examples]
    for k in range(folds):
        train = [ex for i, ex in enumerate(examples) if i % folds != k]
        model = fit(train, c, stance_c)
        for i, ex in enumerate(examples):
            if i % folds == k:
                probs[i] = [model.probabilities(inst.features) for inst in ex.instances]
    return probs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="?", default=DEFAULT_GOLD)
    ap.add_argument("-o", "--out", default=DEFAULT_OUT)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("-C", type=float, default=0.3, help="inverse regularisation strength")
    a = ap.parse_args(argv)
    golds = read_gold(a.gold)
    examples = [example(g) for g in golds]
    n_inst = sum(len(ex.instances) for ex in examples)
    n_pos = sum(1 for ex in examples for lab in ex.labels if lab)
    print(f"{len(examples)} articles, {n_inst} instances, {n_pos} with a gold stance", file=sys.stderr)
    probs = cross_validate(examples, a.folds, a.C)
    cuts = tune(examples, probs)
    print(f"cross-validated signal F1 {signal_f1(examples, probs, cuts):.3f} at thresholds {cuts}", file=sys.stderr)
    model = fit(examples, a.C)
    model = model.with_thresholds(cuts)
    Path(a.out).write_text(json.dumps(model.as_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {a.out}: {len(model.weights)} features", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
