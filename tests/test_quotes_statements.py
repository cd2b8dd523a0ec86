"""Reported speech: statement records with speaker, cue and content span, kept out of quotes."""

from __future__ import annotations

import parley


def _statements(text: str, date: str | None = None) -> list[tuple[str | None, str | None, str]]:
    return [(s.speaker, s.cue, s.quote) for s in parley.analyze(text, date=date).statements]


def test_quotes_statements_said_that_gives_speaker_and_clause():
    text = "Amara Velic said on Friday that her government was open to talks with the Northern Front."
    assert _statements(text) == [("Amara Velic", "said", "her government was open to talks with the Northern Front")]


def test_quotes_statements_told_someone_that():
    text = "Ivo Darran told reporters in the hills that the movement would lay down its arms in spring."
    assert _statements(text) == [("Ivo Darran", "told reporters", "the movement would lay down its arms in spring")]


def test_quotes_statements_closing_attribution_and_according_to():
    text = (
        "The army will withdraw from the valley within a month, Teodor Lask said after the meeting.\n\n"
        "According to Amara Velic, the talks in Oslo will resume as soon as the roads are open."
    )
    got = _statements(text)
    assert ("Teodor Lask", "said", "The army will withdraw from the valley within a month") in got
    assert ("Amara Velic", "according to", "the talks in Oslo will resume as soon as the roads are open") in got


def test_quotes_statements_pronoun_speaker_is_resolved():
    text = (
        "Mara Quill met the envoys in Oslo on Thursday to discuss a possible ceasefire in the valley.\n\n"
        "She said the northern commanders had agreed to a second round of talks next month."
    )
    assert _statements(text) == [("Mara Quill", "said", "the northern commanders had agreed to a second round of talks next month")]


def test_quotes_statements_are_not_quotes_and_direct_quotes_are_not_statements():
    text = (
        '"We will not sit down with them," Amara Velic said on Friday in the capital of the republic.\n\n'
        "Velic said the talks could only start after the army had left the valley for good."
    )
    a = parley.analyze(text)
    assert [q.kind for q in a.quotes] == ["direct"]
    assert [(s.speaker, s.kind) for s in a.statements] == [("Amara Velic", "indirect")]
    for s in a.statements:
        assert text[s.start : s.end] == s.quote


def test_quotes_statements_keep_the_shape_the_signal_layer_reads():
    from parley.pipeline import Doc
    from parley.steps import DEFAULT_STEPS

    article = parley.analyze("Ivo Darran said the movement was ready to hold talks with the government.").article
    doc = Doc(article, parley.settings.Settings(), parley.offsets.OffsetMap(article.segments))
    for step in DEFAULT_STEPS:
        if step.name.startswith(("segment", "actors", "quotes", "statements")):
            step(doc)
    (draft,) = doc.statements
    assert {"start", "end", "kind", "speaker", "speaker_side", "speaker_role", "cue", "medium", "extractor"} <= set(draft)
    assert doc.text[draft["start"] : draft["end"]] == "the movement was ready to hold talks with the government"


def test_quotes_statements_label_verbs_and_objects_are_not_statements():
    text = "Amara Velic called the offer a trap and accused the rebels of stalling the talks for months."
    assert _statements(text) == []


def test_quotes_statements_calls_demands_and_sides():
    text = (
        "Kestria called for an immediate ceasefire in the valley at the talks in Oslo on Monday.\n\n"
        "According to the agency, the Russian side proposed a prisoner exchange before the end of the month.\n\n"
        "Ivo Darran, for his part, insists on a withdrawal of the army from the valley before any talks."
    )
    got = {(s.speaker, s.cue): s.quote for s in parley.analyze(text).statements}
    assert got[("Russia", "proposed")] == "a prisoner exchange before the end of the month"
    assert got[("Ivo Darran", "insists")] == "a withdrawal of the army from the valley before any talks"
    assert any(cue == "called" and quote.startswith("an immediate ceasefire") for (_, cue), quote in got.items())


def test_quotes_statements_one_of_a_body_s_documents_speaks_for_the_body():
    text = ("The talks will open in Nairobi next week. Ivo Darran, the AU envoy for the region, will lead the "
            "negotiations, according to one of the AU invitation letters shown to the press.")
    assert [s[0] for s in _statements(text)] == ["African Union"]
