"""Which stance a holder's words state: reported futures, waived terms, the event above a party, the reading.

Fictional sentences; each test asserts the features ``features`` gives a candidate (or what
``features.reading`` makes of a chain), never a model's probabilities.
"""

from __future__ import annotations

from parley.signals.features import reading


def _features(text: str, who: str) -> set[str]:
    """The features of the first candidate whose name contains ``who``."""
    from parley.signals.instances import instances
    from parley.signals.train import prepared

    found = [i for i in instances(prepared({"id": "t", "text": text})) if who in i.cand.name]
    assert found, f"no candidate {who!r}"
    return set(found[0].features)


def test_signals_aspect_reported_would_is_a_future():
    feats = _features("Foreign Minister Amara Velic said the envoy would arrive in Kestria on Monday for talks.", "Velic")
    assert {"clause_modal=will", "asp=hold:future"} <= feats
    assert "clause_modal=would" not in feats


def test_signals_aspect_hedged_would_stays_hypothetical():
    feats = _features("Foreign Minister Amara Velic said the envoy would arrive in Kestria if the army left.", "Velic")
    assert "clause_modal=would" in feats and "clause_modal=will" not in feats


def test_signals_aspect_would_without_a_report_stays_hypothetical():
    feats = _features("Amara Velic would meet the Northern Front in Lisbon.", "Velic")
    assert "clause_modal=would" in feats


def test_signals_aspect_terms_waived_are_no_condition():
    feats = _features("Kestria is ready to resume talks with Dorvania without any preconditions.", "Kestria")
    assert {"rx=waiver", "cue=waive", "rx=open"} <= feats
    assert "rx=conditional" not in feats and "cue=cond" not in feats


def test_signals_aspect_terms_set_stay_conditional():
    feats = _features("Kestria will resume talks with Dorvania only if the army leaves the valley.", "Kestria")
    assert "rx=conditional" in feats and "rx=waiver" not in feats


def test_signals_aspect_parties_of_a_deal_struck_see_the_agreement():
    feats = _features("The final deal was struck at a dinner meeting in Lisbon between Amara Velic and Tomas Grell.", "Grell")
    assert "polud=agreed" in feats and "polud=engaged" not in feats


def test_signals_aspect_parties_of_a_brokered_deal_agreed():
    text = "Envoys from Kestria helped broker a ceasefire agreement between Dorvania and the Northern Front."
    assert "polud=agreed" in _features(text, "Northern Front")


def test_signals_aspect_the_holders_predicate_read_as_a_stance():
    assert "pold=agreed" in _features("Kestria and Dorvania signed a ceasefire agreement on Monday.", "Kestria")
    assert "pold=engaged" in _features("Kestria agreed to hold talks with Dorvania next week.", "Kestria")
    assert "pold=open" in _features("Kestria called for talks with Dorvania.", "Kestria")
    assert "pold=conditional" in _features("Kestria will not negotiate with Dorvania until the army leaves.", "Kestria")
    assert "pold=refuse" in _features("Kestria is not ready to talk to Dorvania.", "Kestria")


def test_signals_aspect_reading_of_chains():
    assert reading(["agree"], "pos", "perfect", "none", "subj") == "agreed"
    assert reading(["agree"], "neg", "past", "none", "subj") is None  # "could not agree"
    assert reading(["agree"], "pos", "inf", "none", "subj") is None  # an agreement not (yet) reached
    assert reading(["hold", "talk"], "pos", "future", "none", "subj") == "engaged"  # "will hold talks"
    assert reading(["talk"], "pos", "modal", "none", "subj") == "open"  # "could negotiate"
    assert reading(["refuse", "talk"], "neg", "past", "none", "subj") == "open"  # "did not rule out talks"
    assert reading(["seek"], "pos", "past", "cond", "subj") == "conditional"
    assert reading(["doubt"], "pos", "pres", "none", "subj") == "skeptical"
    assert reading(["mediate", "agree"], "pos", "past", "none", "subj") == "engaged"  # the broker itself
    assert reading(["mediate", "agree"], "pos", "past", "none", "p_between") == "agreed"  # its parties
    assert reading([], "pos", "past", "none", "subj") is None
