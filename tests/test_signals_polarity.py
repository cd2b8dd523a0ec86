"""The polarity and scope features of a candidate's own predicate (``features.polarity``).

Fictional sentences; each test asserts what the holder's predicate is read to say of talks,
whether it is negated, and the candidate's part in it.
"""

from __future__ import annotations

from parley.signals.model import load_model


def _pol(text: str, who: str) -> set[str]:
    """The polarity features of the candidate whose name contains ``who``."""
    from parley.signals.instances import instances
    from parley.signals.train import prepared

    found = [i for i in instances(prepared({"id": "t", "text": text})) if who in i.cand.name]
    assert found, f"no candidate {who!r}"
    return {f for f in found[0].features if f.startswith("pol")}


def test_signals_polarity_calling_off_talks_is_the_subjects_refusal():
    feats = _pol("President Amara Velic angrily called off the peace talks with the Northern Front on Monday.", "Velic")
    assert {"polr=subj:refuse:pos", "pol2=refuse>talk:pos"} <= feats


def test_signals_polarity_calling_for_talks_is_not_calling_them_off():
    feats = _pol("President Amara Velic called for peace talks with the Northern Front on Monday.", "Velic")
    assert "polr=subj:seek:pos" in feats and not any("refuse" in f for f in feats)


def test_signals_polarity_no_agreement_is_a_negated_agreement():
    feats = _pol("Ivo Darran said there was no agreement on the new border measures.", "Darran")
    assert "polr=says:agree:neg" in feats


def test_signals_polarity_could_not_agree_is_negated_for_each_party():
    text = "Kestria and Dorvania could not agree on a common text for the border commission."
    assert "pol=agree:neg" in _pol(text, "Kestria")
    assert "pol=agree:neg" in _pol(text, "Dorvania")


def test_signals_polarity_rejecting_a_proposal_refuses_and_its_owner_proposed():
    text = "President Amara Velic rejects the Northern Front's proposal for a truce."
    assert "pol2=refuse>seek:pos" in _pol(text, "Velic")
    owner = _pol(text, "Northern Front")
    assert {"poln=seek:pos", "polu=refuse:pos"} <= owner and "polr=subj:refuse:pos" not in owner


def test_signals_polarity_not_ready_is_negated_and_the_counterpart_is_brought_in_by_with():
    text = "Dorvania is not ready to hold talks with Kestria."
    assert "polr=subj:ready:neg" in _pol(text, "Dorvania")
    assert "polr=p_with:ready:neg" in _pol(text, "Kestria")


def test_signals_polarity_terms_set_or_waived():
    assert "polc=ready:pos:free" in _pol("Kestria is ready to resume talks without any preconditions.", "Kestria")
    assert "polc=talk:neg:cond" in _pol("Kestria will not negotiate until the army leaves the valley.", "Kestria")


def test_signals_polarity_of_a_second_verb_with_the_same_subject():
    feats = _pol("Kestria welcomed the Norwegian envoy on Monday and then walked out of the talks.", "Kestria")
    assert "polcj=subj:refuse:pos" in feats


def test_signals_polarity_talks_out_of_the_question_refuse_for_the_speaker():
    feats = _pol("Ivo Darran told reporters that talks with Kestria were out of the question.", "Darran")
    assert "polr=says:refuse:pos" in feats


def test_signals_polarity_features_are_left_to_the_stance_model():
    model = load_model()
    assert not [f for f in model.holder if f.startswith("pol")]
    assert any(f.startswith("polr=") for f in model.weights)
