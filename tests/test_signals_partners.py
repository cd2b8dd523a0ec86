"""The counterpart of a signal (``partners``): the options a sentence and its article offer,
their features, and the shipped model's choice. Fictional sentences."""

from __future__ import annotations

import json

import pytest

from parley.errors import ParleyError
from parley.signals.partners import PartnerModel, cast_of, load_partners, options


def _article(text: str) -> list:
    from parley.signals.instances import instances
    from parley.signals.train import prepared

    return instances(prepared({"id": "t", "text": text}))


def _options(text: str, holder: str, stance: str = "engaged") -> dict[str, list[str]]:
    """The options of the holder's last sentence."""
    found = _article(text)
    inst = [i for i in found if holder in i.cand.name][-1]
    return dict(options(inst.cand, inst.others, inst.parsed, [], stance, cast_of(found), inst.sentence))


def test_partners_a_party_brought_in_by_with_is_an_option_and_a_venue_is_not():
    found = _options("Kestria held talks with Dorvania in Lunetta on Monday.", "Kestria")
    assert "Dorvania" in found
    assert "place=pobj_with" in found["Dorvania"]
    assert "src=sent" in found["Dorvania"]
    assert "Lunetta" not in found or "src=sent" not in found["Lunetta"]


def test_partners_never_offer_the_holder_itself():
    found = _options("Kestria held talks with Dorvania.", "Kestria")
    assert "Kestria" not in found


def test_partners_actors_named_elsewhere_in_the_article_are_options():
    text = ("Dorvania and Kestria signed a truce in May. "
            "On Tuesday Kestria said it was ready to negotiate.")
    found = _options(text, "Kestria", "open")
    assert "Dorvania" in found
    assert "src=cast" in found["Dorvania"]
    assert "beside" in found["Dorvania"]  # both named in the first sentence


def test_partners_model_chooses_the_best_scored_option():
    model = PartnerModel({"src=sent": 1.0, "place=pobj_with": 2.0, "src=cast": -1.0}, 0.0)
    picked = model.choose([("Lunetta", ["src=cast"]), ("Dorvania", ["src=sent", "place=pobj_with"])])
    assert picked == "Dorvania"
    assert model.choose([]) is None


def test_partners_shipped_model_reads_talks_with():
    from parley.signals.extract import find_signals
    from parley.signals.train import prepared

    doc = prepared({"id": "t", "text": "Kestria and Dorvania ended the war last year. "
                    "President Amara Velic of Kestria held talks with Dorvania on Monday."})
    found = [s for s in find_signals(doc) if "Velic" in s["holder"] and s["stance"] == "engaged"]
    assert found and found[0]["counterpart"] == "Dorvania"
    assert "; counterpart by partners-lr1: " in found[0]["explanation"]


def test_partners_model_file_errors_are_coded(tmp_path):
    assert isinstance(load_partners(), PartnerModel)
    bad = tmp_path / "partners.json"
    bad.write_text(json.dumps({"weights": {"src=sent": "x"}}), encoding="utf-8")
    with pytest.raises(ParleyError) as err:
        load_partners(str(bad))
    assert err.value.code == "P406"


def test_partners_training_learns_which_option_is_right():
    pytest.importorskip("sklearn")
    from parley.signals.train_partners import Case, accuracy, fit, right

    cases = [Case(f"a{k}", [("Lunetta", ["src=cast", "near=2"]), ("Dorvania", ["src=sent", "place=pobj_with"])],
                  [False, True], False) for k in range(6)]
    model = fit(cases, c=1.0)
    assert model.weights["place=pobj_with"] > 0 > model.weights["near=2"]
    assert accuracy(model, cases) == 1.0
    assert right("Dorvania", "Dorvania") and right(None, None) and not right("Dorvania", "Lunetta")
