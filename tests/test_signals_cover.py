"""Candidate holders the text names only together, by office, or behind a place (``holders``)."""

from __future__ import annotations

import pytest

from parley.signals.lexicon import TRIGGER


def _found(text: str, sentence: int) -> dict[str, tuple[str, str | None]]:
    """Candidates of one sentence of an analysed text: name -> (how it was found, side)."""
    from parley.signals.instances import instances
    from parley.signals.train import prepared

    return {i.cand.name: (i.cand.source, i.cand.side)
            for i in instances(prepared({"id": "t", "text": text})) if i.sentence == sentence}


def test_signals_cover_a_presidents_administration_goes_by_his_name():
    text = ("US President Tom Hallard spoke in Ohio on Monday. "
            "Hallard's administration offered talks to the rebels. His administration will not negotiate.")
    assert _found(text, 1)["Hallard administration"] == ("administration", "United States")
    assert _found(text, 2)["Hallard administration"] == ("administration", "United States")


def test_signals_cover_a_leaders_government_goes_by_its_state():
    text = ("Georgian Prime Minister Nino Tsereteli spoke in Tbilisi on Monday. "
            "Tsereteli's government rejected the proposal for talks.")
    assert _found(text, 1)["Georgian government"] == ("administration", "Georgia")


def test_signals_cover_a_name_after_the_place_of_its_title():
    found = _found("Officials met Head of the OSCE Mission to Moldova Claus Brandt to discuss a truce.", 0)
    assert found["Claus Brandt"][0] == "tail"
    assert "Moldova Claus Brandt" not in found


def test_signals_cover_an_adjective_keeps_the_government_the_main_states():
    text = ("The ELN attacked a pipeline in Colombia on Monday. "
            "The legitimate government and the rebels agreed to a ceasefire.")
    assert _found(text, 1)["Colombian government"] == ("government", "Colombia")


def test_signals_cover_the_eu_trio_is_the_e3():
    assert "E3" in _found("The EU trio offered Iran new talks on its nuclear programme.", 0)


@pytest.mark.parametrize("sentence", [
    "The two leaders had been exchanging messages for months.",
    "The rebels announced a cessation of hostilities.",
    "He authorised channels of communication with Havana.",
    "The plan needs the participation of both states.",
])
def test_signals_cover_trigger_reads_more_ways_of_talking(sentence):
    assert TRIGGER.search(sentence)


def test_signals_cover_a_headline_gives_no_name_tail():
    found = _found("Fifth Round of Georgia Talks Ended in Vienna With No Deal", 0)
    assert not any(source == "tail" for source, _ in found.values())


def test_signals_phrases_match_any_case_and_keep_offsets():
    """Lexicon patterns are searched in lower-cased text; any case matches, and a text whose
    lower-casing changes its length (a dotted capital I) is searched with offsets intact."""
    from parley.signals.lexicon import DOUBT, STANCE_PATTERNS, WAIVER, Phrases

    assert TRIGGER.search("NEGOTIATIONS resumed")
    assert DOUBT.search("Officials Called The Offer A Ploy.")
    assert STANCE_PATTERNS["refuse"].search("They Refused.")
    assert not TRIGGER.search("The harvest was late.")
    text = "İzmiran hosted Talks on Monday."
    assert len(text.lower()) != len(text)
    found = [text[m.start():m.end()] for m in TRIGGER.finditer(text)]
    assert found == ["hosted", "Talks"]
    assert WAIVER.sub(" ", "Ready to talk WITHOUT preconditions.") == "ready to talk  ."
    late = Phrases(r"\bmonday\b")
    assert late.search(text, 0, 20) is None and late.search(text, 20).start() == text.index("Monday")
