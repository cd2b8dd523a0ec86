"""The signal layer on texts written for these tests (fictional states, groups and people)."""

from __future__ import annotations

import json

import pytest

import parley
from parley.errors import ParleyError
from parley.signals import details
from parley.signals.model import from_json, load_model
from parley.signals.words import base_form

REFUSAL = (
    "President Amara Velic said on Friday that her government will never negotiate with the "
    "Northern Front, calling its leaders terrorists."
)
TALKS = "Armenia and Azerbaijan held talks in Oslo on Thursday to discuss a ceasefire, officials said."
AGREEMENT = "Kestria and Dorvania signed a ceasefire agreement on Monday after two weeks of negotiations."
CONDITION = (
    "Northern Front commander Ivo Darran said the movement was ready to hold talks with Kestria "
    "if the army withdrew from the valley."
)
MEDIATOR = "Norwegian Foreign Minister Lena Tovik called for immediate talks between Kestria and the Northern Front."


def _signals(text: str) -> dict[tuple[str, str], parley.model.Signal]:
    return {(s.holder, s.stance): s for s in parley.analyze(text).signals}


def test_signals_refusal_with_never_and_its_reason():
    found = _signals(REFUSAL)
    sig = found[("Amara Velic", "refuse")]
    assert sig.counterpart == "Northern Front"
    assert "terrorism" in sig.reasons


def test_signals_talks_between_two_parties_give_each_a_signal():
    found = _signals(TALKS)
    assert ("Armenia", "engaged") in found and ("Azerbaijan", "engaged") in found
    assert found[("Armenia", "engaged")].counterpart == "Azerbaijan"  # not the venue


def test_signals_agreement_gives_each_party_agreed():
    found = _signals(AGREEMENT)
    assert {("Kestria", "agreed"), ("Dorvania", "agreed")} <= set(found)


def test_signals_condition_is_the_exact_phrase():
    """The speaker's stance reads as conditional, and its draft carries the exact condition.

    Whether the signal clears its threshold is the model's call (this sentence sits near it
    since the polarity features), so the details are checked on the speaker's instance.
    """
    from parley.signals import extract
    from parley.signals.instances import instances
    from parley.signals.train import prepared

    doc = prepared({"id": "cond", "text": CONDITION})
    found = instances(doc)
    model = load_model()
    inst, probs = next((i, p) for i, p in extract.score(found, model) if i.cand.name == "Ivo Darran")
    assert max(zip(probs, model.stances, strict=True))[1] == "conditional"
    draft = extract._draft(doc, inst, "conditional", (0.5, None), model, extract.article_of(found))
    assert "the army withdrew from the valley" in draft["conditions"]
    assert draft["counterpart"] == "Kestria"


def test_signals_mediator_calling_for_talks_is_open():
    assert ("Lena Tovik", "open") in _signals(MEDIATOR)


def test_signals_records_point_into_the_input_and_explain_themselves():
    raw = "Kestria News, 3 May 2024\n\n" + AGREEMENT
    analysis = parley.analyze(raw)
    assert analysis.signals
    for s in analysis.signals:
        assert raw[s.start : s.end] == s.evidence
        assert s.extractor == "signals.model.v1"
        assert s.explanation.startswith("stance-lr")
        assert 0.0 < s.confidence <= 1.0


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They will talk only after the troops leave the border region.", "the troops leave the border region"),
        ("The rebels are demanding that the government release all prisoners.", "the government release all prisoners"),
        ("No talks until the shelling of the capital stops, he said.", "the shelling of the capital stops"),
        ("Talks can resume on condition that the blockade is lifted.", "the blockade is lifted"),
    ],
)
def test_signals_conditions_after_their_markers(sentence, expected):
    assert expected in details.conditions(sentence)


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("We will not talk to terrorists who bomb markets.", "terrorism"),
        ("Talks would only legitimise the junta.", "legitimacy"),
        ("They break every promise they make, so we cannot trust them.", "commitment"),
        ("Negotiating now would reward their blackmail.", "rewards_violence"),
        ("Victory on the battlefield must come first.", "battlefield"),
    ],
)
def test_signals_reasons_by_their_words(sentence, code):
    assert code in details.reasons(sentence)


def test_signals_rhetorical_question_is_the_speakers_refusal():
    text = 'President Amara Velic asked: "Why should we negotiate with terrorists?"'
    found = _signals(text)
    assert ("Amara Velic", "refuse") in found
    assert not any(stance == "engaged" for _, stance in found)


def test_signals_hypothetical_talks_are_not_engaged():
    text = "Analyst Petra Lund said Kestria might hold talks with the Northern Front next year."
    assert not any(stance == "engaged" for _, stance in _signals(text))


@pytest.mark.parametrize(
    ("word", "tag", "base"),
    [("negotiating", "VBG", "negotiate"), ("met", "VBD", "meet"), ("agreed", "VBD", "agree"),
     ("talked", "VBD", "talk"), ("proposals", "NNS", "proposal"), ("parties", "NNS", "party")],
)
def test_signals_words_base_forms(word, tag, base):
    assert base_form(word, tag) == base


def test_signals_model_round_trips_through_json():
    model = load_model()
    again = from_json(json.loads(json.dumps(model.as_json())))
    assert again == model
    assert len(model.thresholds) == len(model.stances) == 6


def test_signals_damaged_model_file_is_a_coded_error(tmp_path):
    path = tmp_path / "model.json"
    path.write_text('{"name": "x", "stances": ["refuse"]}', encoding="utf-8")
    with pytest.raises(ParleyError) as err:
        load_model(str(path))
    assert err.value.code == "P406"


def _candidates(text: str) -> dict[str, tuple[int, str]]:
    """Candidate holders of an analysed text: name -> (sentence, how it was found)."""
    from parley.signals.instances import instances
    from parley.signals.train import prepared

    return {i.cand.name: (i.sentence, i.cand.source) for i in instances(prepared({"id": "t", "text": text}))}


def test_signals_role_reference_is_the_person_holding_it():
    found = _candidates(
        "Ukrainian President Olena Marchuk visited Lviv on Monday. "
        "On Tuesday Ukraine's president rejected any talks with the rebels."
    )
    assert found["Olena Marchuk"] == (1, "role")


def test_signals_plural_group_nouns_name_their_state():
    found = _candidates("Georgian officials and Armenian negotiators met in Vienna to discuss a truce.")
    assert found["Georgia"][1] == "demonym" and found["Armenia"][1] == "demonym"


def test_signals_hyphened_owner_and_registry_acronym_are_states():
    found = _candidates("Kestria and Georgia signed a US-brokered ceasefire after the Qatari-led mediation.")
    assert found["United States"][1] == "acronym" and found["Qatar"][1] == "hyphen"


def _features(text: str) -> dict[str, list[str]]:
    """Features of each candidate holder of an analysed text (the last sentence naming it)."""
    from parley.signals.instances import instances
    from parley.signals.train import prepared

    return {i.cand.name: i.features for i in instances(prepared({"id": "t", "text": text}))}


def test_signals_hyphened_pair_of_states_names_both():
    found = _candidates("Diplomats prepared the Armenian-Azerbaijani talks in Vienna on Monday.")
    assert "Armenia" in found and "Azerbaijan" in found


def test_signals_the_government_is_the_states_not_the_armed_groups():
    found = _candidates(
        "The ELN attacked a pipeline in Colombia on Monday. The ELN said it wanted a new round of talks. "
        "The government suspended the talks with the ELN."
    )
    assert found["Colombian government"] == (2, "government")


def test_signals_capitalised_common_words_and_datelines_name_no_one():
    found = _candidates(
        "OSLO, Norway (Wire) – Kestria and the Northern Front held talks on Monday. "
        "Delegates from Reconciliation met the rebels to discuss reconciliation and a truce."
    )
    assert "Norway" not in found and "Reconciliation" not in found


def test_signals_features_tell_a_party_from_a_target():
    feats = _features("Georgia held talks with Armenia after Azerbaijan attacked Dorvania on Monday.")
    assert "anc=pobj>prep" in feats["Armenia"]
    assert "subj_talk=nsubj" in feats["Georgia"]
    assert "target_of_attack" not in feats["Georgia"] and "target_of_attack" in feats["Dorvania"]


def test_signals_joint_statement_speaks_for_each_party_not_for_a_joint_actor():
    text = ("Negotiators for both Armenia and Azerbaijan agreed to reopen the border crossings, a joint statement said.\n\n"
            '"We will meet again in Oslo next month to continue the talks," the statement said. The group '
            "said the talks would go on.")
    found = _candidates(text)
    assert "Armenia" in found and "Azerbaijan" in found
    assert not any(" and " in name for name in found)  # no holder or counterpart named "Armenia and Azerbaijan"
