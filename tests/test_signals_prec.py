"""The decision model's ``top_share``: how many of a holder's sentences put the pair's stance first."""

from __future__ import annotations

import random

import pytest

from parley.model import STANCES
from parley.signals.decision import pairs
from parley.signals.holders import Candidate


class Inst:
    """The fields the decision reads of an instance."""

    def __init__(self, name: str, sentence: int) -> None:
        self.cand, self.sentence = Candidate(name, None, "state", "registry"), sentence


def _probs(**by_stance: float) -> tuple[float, ...]:
    return tuple(by_stance.get(s, 0.0) for s in STANCES)


def _article() -> list[tuple[Inst, tuple[float, ...]]]:
    """Velmar open in two sentences (refuse a runner-up in one), engaged in a third; Osk once, refusing."""
    return [
        (Inst("Velmar", 0), _probs(open=0.5, refuse=0.3)),
        (Inst("Osk", 0), _probs(refuse=0.4)),
        (Inst("Velmar", 1), _probs(open=0.4, engaged=0.1)),
        (Inst("velmar", 3), _probs(open=0.2, engaged=0.6)),
    ]


def test_signals_prec_top_share_counts_the_sentences_that_put_the_stance_first():
    found = {(x.inst.cand.name.lower(), x.stance): x.features for x in pairs(_article(), STANCES)}
    assert found[("velmar", "open")]["top_share"] == pytest.approx(2 / 3)
    assert found[("velmar", "engaged")]["top_share"] == pytest.approx(1 / 3)
    assert found[("velmar", "refuse")]["top_share"] == 0.0  # a runner-up in every sentence that has it
    assert found[("osk", "refuse")]["top_share"] == 1.0


def test_signals_prec_top_share_ties_go_to_the_first_stance():
    scored = [(Inst("Velmar", 0), _probs(open=0.3, refuse=0.3))]
    found = {x.stance: x.features["top_share"] for x in pairs(scored, STANCES)}
    first, second = sorted(("open", "refuse"), key=STANCES.index)
    assert (found[first], found[second]) == (1.0, 0.0)


def test_signals_prec_decision_model_learns_that_runner_up_stances_are_rarely_held():
    """Synthetic articles: the same chance, held far more often when the holder's sentences put it first."""
    pytest.importorskip("sklearn")
    from parley.signals.train import Article, fit_decision

    rnd = random.Random(3)
    arts = []
    for i in range(80):
        p = rnd.uniform(0.2, 0.5)
        scored = [(Inst("Velmar", 0), _probs(open=p, refuse=p * 0.9)), (Inst("Velmar", 1), _probs(open=p, refuse=p * 0.9)),
                  (Inst("Osk", 2), _probs(refuse=p, open=p * 0.9)), (Inst("Osk", 3), _probs(refuse=p, open=p * 0.9))]
        found = pairs(scored, STANCES)
        labels = [int(rnd.random() < (0.8 if x.features["top_share"] > 0.5 else 0.2)) for x in found]
        gold = [{"holder": x.inst.cand.name, "stance": x.stance} for x, y in zip(found, labels, strict=True) if y]
        arts.append(Article({"id": str(i), "text": "", "signals": gold}, gold, found, labels))
    model = fit_decision(arts, c=1.0)
    probe = {(x.inst.cand.name, x.stance): model.score(x.features) for x in arts[0].pairs}
    assert probe[("Velmar", "open")] > probe[("Velmar", "refuse")] + 0.2
    assert probe[("Osk", "refuse")] > probe[("Osk", "open")] + 0.2
