"""Doubt about talks (``features.doubt``, ``lexicon.DOUBT``) and outside commentators as holders.

Fictional sentences; each test asserts what is read (a doubt in the candidate's own words or
clause, a person introduced as a commentator), not a model's probability.
"""

from __future__ import annotations

import pytest

from parley.signals.holders import introduced_as_commentator
from parley.signals.lexicon import DOUBT


def _instances(text: str) -> list:
    from parley.signals.instances import instances
    from parley.signals.train import prepared

    return instances(prepared({"id": "t", "text": text}))


def _doubt(text: str, who: str) -> set[str]:
    """The doubt features of the first candidate whose name contains ``who``."""
    found = [i for i in _instances(text) if who in i.cand.name]
    assert found, f"no candidate {who!r}"
    return {f for f in found[0].features if f.startswith("dbt")}


@pytest.mark.parametrize("text", [
    "I am not optimistic about the talks.",
    "We see this as posturing.",
    "Negotiations are pointless because he breaks every promise.",
    "A deal is unlikely in the near future.",
    "The offer is a cynical ploy.",
    "They showed a lack of seriousness.",
    "He did not believe that talks would end the war.",
    "Prospects of a settlement were now at their lowest point.",
    "This calls into question the whole process.",
    "It remains far from clear whether the talks will go anywhere.",
    "They have no intention of reaching a deal.",
])
def test_signals_doubt_lexicon_reads_doubt_about_talks(text):
    assert DOUBT.search(text)


@pytest.mark.parametrize("text", [
    "The talks stalled on Monday.",
    "Talks were held in the capital.",
    "We will not accept these terms.",
    "Both sides signed the agreement.",
])
def test_signals_doubt_lexicon_leaves_out_reports_and_refusals(text):
    assert not DOUBT.search(text)


def test_signals_doubt_of_the_subjects_clause():
    feats = _doubt("Kestria dismissed the offer of talks as a cynical ploy.", "Kestria")
    assert "dbt=subj" in feats


def test_signals_doubt_in_reported_words():
    feats = _doubt("Amara Velic said the talks with Kestria were unlikely to produce a deal this year.", "Velic")
    assert "dbt=says" in feats


def test_signals_doubt_of_the_speaker_of_a_quotation():
    feats = _doubt('"We cannot give the Northern Front the benefit of the doubt," President Amara Velic said.', "Velic")
    assert "dbt=speaker" in feats


def test_signals_doubt_under_a_noun_the_candidate_owns():
    feats = _doubt("Kestria rejected Dorvania's assertion that the new demands show a lack of seriousness.", "Dorvania")
    assert "dbt=poss" in feats


def test_signals_doubt_absent_where_no_one_doubts():
    assert not _doubt("Amara Velic said the talks with Kestria would resume next week.", "Velic")


@pytest.mark.parametrize(("text", "name"), [
    ("Political analyst Ibro Kastel said the talks were doomed.", "Ibro Kastel"),
    ('"No chance," Ibro Kastel of the Kestrian Institute for Peace Studies told reporters.', "Ibro Kastel"),
    ('"No chance," said Ibro Kastel, a senior fellow at a research centre in Dorvan.', "Ibro Kastel"),
    ("Ana Dorn, a professor of politics at Dorvan University, said so.", "Ana Dorn"),
    ("Professor Ana Dorn said so.", "Ana Dorn"),
])
def test_signals_commentator_introduced_by_title_or_affiliation(text, name):
    assert introduced_as_commentator(text, name)


@pytest.mark.parametrize(("text", "name"), [
    ("Foreign Minister Ana Dorn said the talks would go on.", "Ana Dorn"),
    ("Ana Dorn, the foreign minister of Kestria, said so.", "Ana Dorn"),
    ("Ana Dorn of the Northern Front said so.", "Ana Dorn"),
    ("The expert left. Ana Dorn, the rebel leader, said so.", "Ana Dorn"),
    ("The expert said that Ana Dorn would stay.", "Ana Dorn"),
])
def test_signals_commentator_not_a_party_or_official(text, name):
    assert not introduced_as_commentator(text, name)


def test_signals_commentator_candidate_gets_side_analyst():
    text = ("Political analyst Ibro Kastel said the talks between Kestria and the Northern Front were pointless. "
            "Kastel added that both sides were posturing.")
    found = [i.cand for i in _instances(text) if "Kastel" in i.cand.name]
    assert found and all(c.side == "analyst" and c.kind == "analyst" for c in found)
    assert any("kind=analyst" in i.features for i in _instances(text) if "Kastel" in i.cand.name)


def test_signals_commentator_of_a_research_body_in_the_registry():
    text = ('"I do not think there is any chance of a deal this year," Ibro Kastel of the International '
            "Crisis Group told reporters.")
    found = [i.cand for i in _instances(text) if "Kastel" in i.cand.name]
    assert found and found[0].side == "analyst"


def test_signals_commentator_an_official_keeps_a_party_side():
    text = "Foreign Minister Ibro Kastel said the talks with the Northern Front were pointless."
    found = [i.cand for i in _instances(text) if "Kastel" in i.cand.name]
    assert found and found[0].side != "analyst"


def test_signals_doubted_needs_doubting_words():
    from parley.signals.extract import doubted

    assert doubted({"w=talk"}, False, 0.2, 0.6) <= 0.01
    assert doubted({"w=talk"}, True, 0.2, 0.6) == 0.2
    assert doubted({"cue=doubt"}, False, 0.2, 0.6) == 0.2


def test_signals_doubted_lifts_the_candidates_own_doubt():
    from parley.signals.extract import doubted

    assert doubted({"dbt=says"}, True, 0.05, 0.6) == 0.3
    assert doubted({"dbt=other"}, True, 0.05, 0.6) == 0.05


def test_signals_doubts_in_reads_the_sentence_and_the_clause():
    from parley.signals.features import doubts_in

    sure = _instances("Kestria said the talks with Dorvania would resume next week.")[0].parsed
    assert not doubts_in(sure)
    assert not any(doubts_in(sure, word) for word in sure)
    mixed = _instances("Kestria held talks on Monday, though Dorvania called the effort pointless.")[0].parsed
    assert doubts_in(mixed)
    called = next(w for w in mixed if w.text == "called")
    assert doubts_in(mixed, called)
    assert not doubts_in(mixed, next(w for w in mixed if w.text == "Monday"))
