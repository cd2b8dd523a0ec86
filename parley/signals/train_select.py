"""Train the sentence selector from annotated articles (the guidelines' JSONL format).

    python -m parley.signals.train_select [GOLD.jsonl] [-o parley/data/signals_select.json]
        [--recall 0.97] [--folds 5] [-C 0.1]

Needs the ``train`` extra (scikit-learn) at training time only. Every trigger sentence of
every article is an example: positive when it overlaps the evidence of a gold signal or
when the shipped stance model, run on every trigger sentence, emits a signal from it. A
logistic regression over the selector's features (``select.sentence_features``) is
cross-validated by article; the script prints, for a range of thresholds, the share of
sentences and of characters selected against the share of gold evidence and of emitted
sentences kept, then picks the highest threshold whose cross-validated share of emitted
sentences kept reaches ``--recall`` (what the selector must not lose is what the model
would find), fits on everything and writes the weights (never the sentences). Retrain it
after the stance model changes.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..evaluate import read_gold
from .extract import find_signals
from .select import Selector, sentence_features
from .train import DEFAULT_GOLD, _locate, prepared

DEFAULT_OUT = str(Path(__file__).resolve().parent.parent / "data" / "signals_select.json")
NAME = "select-lr1"
THRESHOLDS = [t / 100 for t in range(2, 80, 2)]


@dataclass
class Article:
    """One gold article as the selector sees it: sentence spans, features, gold and emitted evidence."""

    sentences: list[tuple[int, int]]
    features: dict[int, list[str]]  # the triggered sentences only
    evidence: list[tuple[int, int]]  # gold signals' evidence spans
    emitted: set[int]  # sentences the stance model finds a signal in when every trigger sentence is parsed

    def labels(self) -> dict[int, int]:
        spans = self.sentences
        return {i: int(i in self.emitted or any(a < spans[i][1] and spans[i][0] < b for a, b in self.evidence))
                for i in self.features}


def article(gold: dict[str, Any]) -> Article:
    """The selector's view of a gold article; the shipped stance model runs on every trigger sentence."""
    doc = prepared(gold)
    spans = [_locate(doc.text, s["evidence"]) for s in gold.get("signals", [])]
    doc.settings = doc.settings.replace(signal_select=False)
    emitted = {doc.sentence_at(d["start"]) for d in find_signals(doc)}
    return Article([(s.start, s.end) for s in doc.sentences], sentence_features(doc),
                   [s for s in spans if s[0] >= 0], emitted)


def coverage(articles: list[Article], chosen: list[set[int]]) -> tuple[float, float, float, float]:
    """Shares of sentences, of characters, of gold evidence spans and of emitted sentences kept."""
    n = kept = chars = kept_chars = found = hit = emitted = kept_emitted = 0
    for art, picked in zip(articles, chosen, strict=True):
        for i, (s, e) in enumerate(art.sentences):
            n, chars = n + 1, chars + e - s
            if i in picked:
                kept, kept_chars = kept + 1, kept_chars + e - s
        for a, b in art.evidence:
            found += 1
            hit += any(i in picked for i, (s, e) in enumerate(art.sentences) if a < e and s < b)
        emitted, kept_emitted = emitted + len(art.emitted), kept_emitted + len(art.emitted & picked)
    return kept / max(n, 1), kept_chars / max(chars, 1), hit / max(found, 1), kept_emitted / max(emitted, 1)


def fit(articles: list[Article], c: float) -> Selector:
    """A logistic regression over the sentences of ``articles`` (classes balanced)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for art in articles for f in art.features.values()])
    y = [label for art in articles for label in art.labels().values()]
    lr = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, y)
    weights = {f: round(float(w), 4) for f, w in zip(vec.feature_names_, lr.coef_[0], strict=True) if abs(w) >= 1e-3}
    return Selector(NAME, weights, float(lr.intercept_[0]), 0.5)


def cross_validate(articles: list[Article], folds: int, c: float) -> list[dict[int, float]]:
    """Out-of-fold scores of every triggered sentence (folds by article)."""
    scores: list[dict[int, float]] = [{} for _ in articles]
    for k in range(folds):
        model = fit([a for i, a in enumerate(articles) if i % folds != k], c)
        for i, art in enumerate(articles):
            if i % folds == k:
                scores[i] = {j: model.score(f) for j, f in art.features.items()}
    return scores


def pick(scores: list[dict[int, float]], threshold: float) -> list[set[int]]:
    return [{i for i, s in doc.items() if s >= threshold} for doc in scores]


def choose(articles: list[Article], scores: list[dict[int, float]], recall: float) -> float:
    """The highest threshold that keeps ``recall`` of the emitted sentences (the lowest one if none does)."""
    good = [t for t in THRESHOLDS if coverage(articles, pick(scores, t))[3] >= recall]
    return max(good) if good else THRESHOLDS[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="?", default=DEFAULT_GOLD)
    ap.add_argument("-o", "--out", default=DEFAULT_OUT)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("-C", type=float, default=0.1, help="inverse regularisation strength")
    ap.add_argument("--recall", type=float, default=0.97,
                    help="share of the sentences the stance model finds signals in that the selection must keep (CV)")
    a = ap.parse_args(argv)
    golds = read_gold(a.gold)
    articles = [article(g) for g in golds]
    scores = cross_validate(articles, a.folds, a.C)
    print("threshold  sentences  characters  gold evidence  emitted  (shares kept, cross-validated)", file=sys.stderr)
    for t in THRESHOLDS:
        share, chars, recall, emitted = coverage(articles, pick(scores, t))
        print(f"{t:9.2f}  {share:9.3f}  {chars:10.3f}  {recall:13.3f}  {emitted:7.3f}", file=sys.stderr)
    threshold = choose(articles, scores, a.recall)
    model = fit(articles, a.C)
    model = Selector(model.name, model.weights, model.bias, threshold)
    Path(a.out).write_text(json.dumps(model.as_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {a.out}: {len(model.weights)} features, threshold {threshold:.2f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
