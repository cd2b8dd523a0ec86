import pytest

from parley.evaluate import collapse, overlap, same_actor, score


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Putin", "Vladimir Putin", True),
        ("Kremlin", "Russia", True),
        ("President Amara Velic", "Amara Velic", True),
        ("Sergei Ivanov", "Igor Ivanov", False),
        ("Dmitri Peskov", "Dmitry Peskov", True),
        (None, None, True),
        ("Kestria", None, False),
    ],
)
def test_evaluate_same_actor(a, b, same):
    assert same_actor(a, b) is same


def test_evaluate_overlap_is_token_based_and_symmetric():
    assert overlap("We will talk,", "we will talk") == 1.0
    assert overlap("a b c d", "a b") == 1.0
    assert overlap("", "x") == 0.0


def test_evaluate_collapse_merges_holder_and_stance():
    sigs = [{"holder": "Putin", "stance": "refuse"}, {"holder": "Vladimir Putin", "stance": "refuse"},
            {"holder": "Putin", "stance": "open"}, {"holder": "Putin", "stance": "bogus"}]
    assert len(collapse(sigs)) == 2


def test_evaluate_perfect_prediction_scores_one():
    text = 'Velic said she will never negotiate. "We will not talk to them," Velic said.'
    gold = {"id": "d1", "text": text,
            "quotes": [{"speaker": "Amara Velic", "quote": "We will not talk to them,"}],
            "signals": [{"holder": "Amara Velic", "holder_side": "Kestria", "counterpart": None,
                         "stance": "refuse", "conditions": [], "reasons": [], "evidence": text[:36]}]}
    qs = text.index("We")
    pred = {"id": "d1",
            "quotes": [{"speaker": "Velic", "quote": "We will not talk to them,", "start": qs, "end": qs + 25}],
            "signals": [dict(gold["signals"][0], holder="Velic", start=0, end=36)]}
    fig = score([gold], [pred]).figures()
    assert fig["quote_speaker_f1"] == 1.0 and fig["signal_f1"] == 1.0 and fig["bad_offsets"] == 0


def test_evaluate_missing_prediction_counts_as_missing():
    gold = {"id": "d1", "text": "x", "quotes": [], "signals": [{"holder": "A", "stance": "open", "evidence": "x"}]}
    fig = score([gold], []).figures()
    assert fig["docs_missing"] == 1 and fig["signal_r"] == 0.0
