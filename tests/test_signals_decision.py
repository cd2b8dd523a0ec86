"""The article-level decision of the signal layer, on synthetic instances and fictional texts."""

from __future__ import annotations

import json
import random

import pytest

from parley.model import STANCES
from parley.signals.decision import FLOOR, DecisionModel, pairs
from parley.signals.extract import combine, decide
from parley.signals.holders import Candidate
from parley.signals.model import StanceModel, from_json


class Inst:
    """The fields the decision reads of an instance."""

    def __init__(self, name: str, sentence: int, kind: str = "state") -> None:
        self.cand, self.sentence = Candidate(name, None, kind, "registry"), sentence


def _probs(**by_stance: float) -> tuple[float, ...]:
    return tuple(by_stance.get(s, 0.0) for s in STANCES)


def _model(decision: DecisionModel | None = None, cut: float = 0.3) -> StanceModel:
    return StanceModel("stub", STANCES, {}, 0.0, {}, tuple(0.0 for _ in STANCES), tuple(cut for _ in STANCES), decision)


def _article() -> list[tuple[Inst, tuple[float, ...]]]:
    """Kestria named in three sentences (open, then engaged), Dorvania once, Tarn once and barely."""
    return [
        (Inst("Kestria", 0), _probs(open=0.5, engaged=0.2)),
        (Inst("Dorvania", 0), _probs(open=0.4)),
        (Inst("Kestria", 2), _probs(open=0.1, engaged=0.6)),
        (Inst("kestria", 4), _probs(engaged=0.1)),
        (Inst("Tarn", 5), _probs(refuse=0.03)),
    ]


def test_signals_decision_pairs_carry_the_noisy_or_and_the_article_features():
    found = {(x.inst.cand.name.lower(), x.stance): x for x in pairs(_article(), STANCES)}
    assert ("tarn", "refuse") not in found  # below the floor
    assert all(x.p >= FLOOR for x in found.values())
    engaged, open_ = found[("kestria", "engaged")], found[("kestria", "open")]
    assert engaged.p == pytest.approx(1 - 0.8 * 0.4 * 0.9)
    assert engaged.inst.sentence == 2  # its best sentence is the evidence
    assert engaged.features["other_higher"] == 0.0 and open_.features["other_higher"] == 1.0
    assert engaged.features["most_named"] == 1.0 and "most_named" not in found[("dorvania", "open")].features
    assert found[("dorvania", "open")].features["hrank"] > engaged.features["hrank"]
    assert engaged.features["hshare"] == pytest.approx(3 / 5)


def test_signals_decision_pairs_agree_with_combine():
    by_combine = {(i.cand.name.lower(), s): (i.sentence, p) for i, s, p in combine(_article(), STANCES) if p >= FLOOR}
    by_pairs = {(x.inst.cand.name.lower(), x.stance): (x.inst.sentence, x.p) for x in pairs(_article(), STANCES)}
    assert by_pairs.keys() == by_combine.keys()
    for key, (sentence, p) in by_combine.items():
        assert by_pairs[key][0] == sentence and by_pairs[key][1] == pytest.approx(p)


def test_signals_decision_without_a_model_keeps_what_clears_the_thresholds():
    kept = {(i.cand.name.lower(), s): (p, rated) for i, s, p, rated in decide(_article(), _model(cut=0.45))}
    assert set(kept) == {("kestria", "open"), ("kestria", "engaged")}
    assert all(rated is None for _, rated in kept.values())


def test_signals_decision_model_replaces_the_thresholds():
    # a model that keeps a holder's top stance only, whatever its chance
    only_top = DecisionModel({"other_higher": -10.0}, 5.0, 0.5)
    kept = {(i.cand.name.lower(), s) for i, s, _, _ in decide(_article(), _model(only_top, cut=0.99))}
    assert kept == {("kestria", "engaged"), ("dorvania", "open")}


def test_signals_decision_model_survives_the_json_file():
    model = _model(DecisionModel({"lp": 1.5, "hrank": -0.7, "st=open": 0.2}, -0.3, 0.42))
    again = from_json(json.loads(json.dumps(model.as_json())))
    assert again.decision == model.decision
    feats = {"lp": 0.4, "hrank": 0.69, "st=open": 1.0, "unknown": 3.0}
    assert again.decision is not None and again.decision.score(feats) == model.decision.score(feats)
    assert "decision" not in _model().as_json() and from_json(_model().as_json()).decision is None


def test_signals_decision_explanation_gives_the_decision_score():
    from parley.signals.extract import find_signals
    from parley.signals.train import prepared

    bias = tuple(5.0 if s == "refuse" else -5.0 for s in STANCES)
    model = StanceModel("stub", STANCES, {}, 5.0, {}, bias, tuple(0.5 for _ in STANCES),
                        DecisionModel({"lp": 1.0}, 0.0, 0.6))
    text = "Kestria said it would never negotiate with the Northern Front."
    found = [d for d in find_signals(prepared({"id": "e", "text": text}), model) if d["holder"] == "Kestria"]
    assert found and found[0]["stance"] == "refuse"
    assert "decision-lr1: " in found[0]["explanation"] and ">= 0.60" in found[0]["explanation"]
    said = float(found[0]["explanation"].split("decision-lr1: ")[1].split(" ")[0])
    assert said == round(found[0]["confidence"], 2) and said >= 0.6  # the confidence is the decision score


# --- training (needs the ``train`` extra) -------------------------------------------------


def _synthetic(n: int, seed: int = 7) -> list:
    """Articles of one main party (named five times) and one lone mention, both with the same chances;
    the main party's pair is a gold signal far more often."""
    from parley.signals.train import Article

    rnd = random.Random(seed)
    out = []
    for i in range(n):
        scored = [(Inst("Kestria", k), _probs(open=rnd.uniform(0.05, 0.3))) for k in range(5)]
        scored.append((Inst("Tarn", 6), _probs(open=1 - (1 - scored[0][1][2]) * (1 - scored[1][1][2]))))
        found = pairs(scored, STANCES)
        labels = [int(rnd.random() < (0.8 if x.inst.cand.name == "Kestria" else 0.2)) for x in found]
        gold = [{"holder": x.inst.cand.name, "stance": x.stance} for x, y in zip(found, labels, strict=True) if y]
        out.append(Article({"id": str(i), "text": "", "signals": gold}, gold, found, labels))
    return out


def test_signals_decision_plain_python_scorer_reproduces_the_trained_model():
    pytest.importorskip("sklearn")
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from parley.signals.train import fit_decision

    arts = _synthetic(60)
    model = fit_decision(arts, c=1.0)
    rows = [x.features for a in arts for x in a.pairs]
    names = sorted({f for r in rows for f in r})
    x = np.array([[r.get(f, 0.0) for f in names] for r in rows])
    lr = LogisticRegression(C=1.0, max_iter=5000).fit(x, [y for a in arts for y in a.labels])
    expected = lr.predict_proba(x)[:, 1]
    got = [model.score(r) for r in rows]
    assert got == pytest.approx(list(expected), abs=1e-3)


def test_signals_decision_lone_minor_mention_ranks_below_a_main_party():
    pytest.importorskip("sklearn")
    from parley.signals.train import fit_decision, stacked

    model = fit_decision(_synthetic(80), c=1.0)
    scored = [(Inst("Kestria", k), _probs(open=0.2 if k == 0 else 0.01)) for k in range(5)]
    scored.append((Inst("Tarn", 6), _probs(open=0.2)))
    found = {x.inst.cand.name: x for x in pairs(scored, STANCES) if x.stance == "open"}
    assert found["Kestria"].p == pytest.approx(found["Tarn"].p, abs=0.05)
    assert model.score(found["Kestria"].features) > model.score(found["Tarn"].features) + 0.1
    assert 0.1 <= stacked(_synthetic(80), [i % 4 for i in range(80)], c=1.0).threshold <= 0.8


def test_signals_decision_folds_in_file_order_or_shuffled():
    from parley.signals.train import fold_of

    assert fold_of(7, 3) == [0, 1, 2, 0, 1, 2, 0]
    shuffled = fold_of(100, 5, seed=3)
    assert shuffled != fold_of(100, 5) and shuffled == fold_of(100, 5, seed=3)
    assert sorted(shuffled.count(k) for k in range(5)) == [20] * 5
