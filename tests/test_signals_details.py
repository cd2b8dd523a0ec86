"""Conditions, reasons and the sentence selector of the signal layer, on sentences written for these tests."""

from __future__ import annotations

import json

import pytest

import parley
from parley import nlp
from parley.errors import ParleyError
from parley.settings import Settings
from parley.signals import details
from parley.signals.conditions import conditions
from parley.signals.parse import SKIPPED
from parley.signals.select import Selector, load_selector

SELECTOR_TEXT = (
    "Kestria and Dorvania held talks in Tarn on Monday. The weather in Tarn was cold and wet. "
    "Dorvanian President Ilse Maran said her government would never negotiate with the Northern Front. "
    "Markets in the capital reopened after the holiday."
)


def _conditions(sentence: str) -> list[str]:
    return conditions(next(nlp.load().pipe([sentence], disable=SKIPPED)))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Dorvania said it would negotiate only if Kestria released the detained fishermen.",
         ["Kestria released the detained fishermen"]),
        ("Velic said the front would get talks in exchange for a halt to the shelling.", ["a halt to the shelling"]),
        ("The council demanded the release of the mayor, an end to the curfew and the reopening of the port.",
         ["the release of the mayor", "an end to the curfew", "the reopening of the port"]),
        ("The Northern Front insists on a truce without preconditions and the return of all refugees to the valley.",
         ["a truce", "the return of all refugees to the valley"]),
    ],
)
def test_signals_details_conditions_from_the_parse(sentence, expected):
    found = _conditions(sentence)
    assert found == expected
    assert all(c in sentence for c in found)  # exact phrases of the text


def test_signals_details_condition_of_an_order_is_what_is_ordered():
    sentence = "The minister told the rebel commander to hand over his weapons if he wished to open talks with the army."
    assert _conditions(sentence) == ["hand over his weapons"]  # the talks he wants are not the condition


def test_signals_details_hyphenated_word_the_parser_splits_stays_one_condition():
    sentence = "The rebels said their leader had called for a de-escalation\nof the war before negotiations could begin."
    assert _conditions(sentence) == ["a de-escalation\nof the war"]


def test_signals_details_a_call_for_talks_is_not_a_condition():
    sentence = "Kestria rejected Dorvania's call for talks, insisting it must first withdraw its gunboats."
    assert _conditions(sentence) == ["it must first withdraw its gunboats"]


def test_signals_details_aside_is_not_a_condition():
    assert _conditions("Kestria, on the other hand, insists on the withdrawal of Dorvanian troops.") == [
        "the withdrawal of Dorvanian troops"]
    assert _conditions("The two sides will meet in Tarn next week.") == []


def test_signals_details_conditional_signal_carries_its_parsed_conditions():
    text = "Northern Front commander Ivo Darran said the front would only hold talks if Kestria freed its prisoners."
    found = {(s.holder, s.stance): s for s in parley.analyze(text).signals}
    sig = found[("Ivo Darran", "conditional")]
    assert list(sig.conditions) == ["Kestria freed its prisoners"]


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Talks are impossible while our people are being killed in their homes.", "atrocities"),
        ("The junta has shown no will for peace and keeps obstructing every meeting.", "commitment"),
        ("The government remains intransigent and will not talk.", "hostility"),
        ("Paying the ransom would only make every tourist more of a target for the gangs.", "rewards_violence"),
        ("The front is not recognised by the government as a party to any talks.", "legitimacy"),
    ],
)
def test_signals_details_reason_words(sentence, code):
    assert code in details.reasons(sentence)


def test_signals_details_unnamed_reason_is_other_for_refusals_only():
    sentence = "Kestria stayed away from the talks because of the venue chosen by the hosts."
    assert details.reasons(sentence, "refuse") == ["other"]
    assert details.reasons(sentence, "open") == []
    assert details.reasons("They refused to talk to terrorists because of the bombing.", "refuse") == ["terrorism"]


def test_signals_details_selector_parses_a_subset_of_the_trigger_sentences():
    from parley.signals.instances import chosen
    from parley.signals.train import prepared

    doc = prepared({"id": "t", "text": SELECTOR_TEXT})
    every = chosen(doc)  # the selector is off by default: every trigger sentence
    assert every == [0, 2]  # the weather and the markets have no trigger word
    doc.settings = doc.settings.replace(signal_select=True)
    assert set(chosen(doc)) <= set(every)


def test_signals_details_extraction_runs_with_the_selector_on():
    analysis = parley.analyze(SELECTOR_TEXT, settings=Settings(signal_select=True))
    assert not analysis.errors
    for s in analysis.signals:
        assert SELECTOR_TEXT[s.start : s.end] == s.evidence


def test_signals_details_selector_scores_by_its_weights():
    sel = Selector("t", {"w=talks": 2.0, "actors=0": -3.0}, 0.0, 0.5)
    assert sel.score(["w=talks"]) > 0.5 > sel.score(["w=talks", "actors=0"])
    assert Selector("t", sel.weights, 0.0, 0.5).as_json()["weights"] == {"actors=0": -3.0, "w=talks": 2.0}


def test_signals_details_shipped_selector_loads_and_damaged_one_is_a_coded_error(tmp_path):
    shipped = load_selector()
    assert shipped.weights and 0.0 < shipped.threshold < 1.0
    path = tmp_path / "select.json"
    path.write_text(json.dumps({"name": "x", "weights": {}}), encoding="utf-8")
    with pytest.raises(ParleyError) as err:
        load_selector(str(path))
    assert err.value.code == "P406"


def _parsed(sentence: str):
    return next(nlp.load().pipe([sentence], disable=SKIPPED))


def _cand(parsed, name: str, side: str | None, kind: str = "state", word: str | None = None):
    from parley.signals.holders import Candidate

    token = next((t.i for t in parsed if t.text == (word or name.split()[-1])), None)
    return Candidate(name, side, kind, "registry", token)


def test_signals_details_counterpart_of_a_list_after_with_is_outside_the_list():
    parsed = _parsed("Kestria opened talks with Dorvania, Tarnia and Velmark on Monday.")
    holder = _cand(parsed, "Dorvania", "Dorvania")
    others = [_cand(parsed, n, n) for n in ("Kestria", "Tarnia", "Velmark")]
    assert details.counterpart(holder, others, parsed, []) == "Kestria"  # Tarnia sits beside Dorvania


def test_signals_details_counterpart_is_never_the_holder_under_another_name_nor_its_own_side():
    parsed = _parsed("Ivo Darran said Darran and the Kestrian army would never recognise the Northern Front.")
    holder = _cand(parsed, "Ivo Darran", "Kestria", "person", word="Ivo")
    others = [_cand(parsed, "Darran", None, "person"), _cand(parsed, "Kestria", "Kestria", word="Kestrian"),
              _cand(parsed, "Northern Front", "Northern Front", "armed_group", word="Front")]
    assert details.counterpart(holder, others, parsed, []) == "Northern Front"


def test_signals_details_counterpart_prefers_a_placed_party_to_an_unresolved_word():
    parsed = _parsed("The Committee said Kestria held talks with Dorvania in Tarn.")
    holder = _cand(parsed, "Kestria", "Kestria")
    others = [_cand(parsed, "Committee", None, "organisation"), _cand(parsed, "Dorvania", "Dorvania")]
    assert details.counterpart(holder, others, parsed, []) == "Dorvania"


def test_signals_details_unnamed_partner_of_talks_is_the_counterpart():
    parsed = _parsed("The Kestrian government will never negotiate with criminal gangs, the minister said.")
    holder = _cand(parsed, "Kestrian government", "Kestria", word="government")
    assert details.counterpart(holder, [], parsed, ["Kestria", "Dorvania"]) == "criminal gangs"
    bare = _parsed("The Kestrian government will never negotiate with terrorists, the minister said.")
    holder = _cand(bare, "Kestrian government", "Kestria", word="government")
    assert details.counterpart(holder, [], bare, ["Kestria", "Dorvania"]) == "Dorvania"  # named elsewhere


def test_signals_details_fallback_counterpart_skips_the_holders_own_side_and_bodies():
    parsed = _parsed("He said that the talks would go on.")
    holder = _cand(parsed, "Ivo Darran", "Kestria", "person", word="He")
    assert details.counterpart(holder, [], parsed, ["Kestria", "Dorvania"]) == "Dorvania"


def test_signals_details_a_conditional_signal_gives_only_its_own_goals_as_reason():
    from parley.signals.extract import _reasons

    sentence = "Kestria will talk only if the terrorists release the hostages, so that our goals are met."
    assert _reasons(sentence, "conditional") == ["objectives"]
    assert "terrorism" in _reasons(sentence, "refuse")
    assert _reasons(sentence, "engaged") == []


def test_signals_details_a_signal_collects_the_conditions_of_all_its_sentences():
    from parley.model import STANCES
    from parley.signals.extract import find_signals
    from parley.signals.model import StanceModel
    from parley.signals.train import prepared

    # a model under which every candidate holds a conditional stance in every sentence
    bias = tuple(5.0 if s == "conditional" else -5.0 for s in STANCES)
    model = StanceModel("stub", STANCES, {}, 5.0, {}, bias, tuple(0.5 for _ in STANCES))
    text = ("Kestria said it would only talk if Dorvania freed the fishermen. "
            "Kestria also demanded the withdrawal of the gunboats from the bay.")
    found = {(d["holder"], d["stance"]): d for d in find_signals(prepared({"id": "c", "text": text}), model)}
    conds = found[("Kestria", "conditional")]["conditions"]
    assert conds[:2] == ["Dorvania freed the fishermen", "the withdrawal of the gunboats from the bay"]


@pytest.mark.parametrize(
    ("sentence", "feature"),
    [
        ("The two delegations are negotiating in Tarn this week.", "asp=talk:prog"),
        ("Kestria and Dorvania held talks in Tarn on Monday.", "asp=hold:past"),
        ("Kestria will meet the rebels next month.", "asp=hold:future"),
        ("The council called for talks between the two sides.", "tg=talk:for>call"),
        ("Talks were held in Tarn.", "tgc=talk:nsubjpass>hold"),
    ],
)
def test_signals_details_sentence_features_tell_talks_wished_for_from_talks_held(sentence, feature):
    from parley.signals.features import sentence_features

    assert feature in sentence_features(_parsed(sentence), in_quote=False, first=False)


def test_signals_details_a_holder_saying_it_twice_is_likelier_than_once():
    from parley.model import STANCES
    from parley.signals.extract import combine
    from parley.signals.holders import Candidate

    class Inst:  # the fields ``combine`` reads
        def __init__(self, name: str, sentence: int) -> None:
            self.cand, self.sentence = Candidate(name, None, "state", "registry"), sentence

    p = tuple(0.3 if s == "open" else 0.0 for s in STANCES)
    twice = [(Inst("Kestria", 0), p), (Inst("kestria", 3), p)]
    found = {(inst.cand.name, s): (inst.sentence, prob) for inst, s, prob in combine(twice, STANCES)}
    sentence, prob = found[("Kestria", "open")]
    assert sentence == 0 and prob == pytest.approx(1 - 0.7 * 0.7)  # the evidence is the first best sentence
