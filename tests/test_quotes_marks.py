"""Quote marks: every style, split and partial quotes, paragraphs, and marks that do not pair."""

from __future__ import annotations

import pytest

from parley.quotes.marks import find_quotes, is_title
from parley.text.segment import paragraphs


def _quotes(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text, paragraphs(text))]


@pytest.mark.parametrize(
    "text, quote",
    [
        ('Velic said: "We will not sit down with them."', "We will not sit down with them."),
        ("Velic said: “We will not sit down with them.”", "We will not sit down with them."),
        ("Velic said: «We will not sit down with them.»", "We will not sit down with them."),
        ("Velic said: „We will not sit down with them.“", "We will not sit down with them."),
        ("Velic said: ‘We will not sit down with them.’", "We will not sit down with them."),
        ("Velic said: 'We will not sit down with them.'", "We will not sit down with them."),
        ("Velic said: ''We will not sit down with them.''", "We will not sit down with them."),
        ("Velic said: ”We will not sit down with them.”", "We will not sit down with them."),
    ],
)
def test_quotes_marks_every_style(text, quote):
    assert _quotes(text) == [quote]


def test_quotes_marks_split_quote_gives_two():
    text = '"The valley is ours," Darran said. "We will not leave it before spring comes."'
    assert _quotes(text) == ["The valley is ours,", "We will not leave it before spring comes."]


def test_quotes_marks_scare_quotes_are_not_quotes_partial_quotes_are():
    text = 'The minister called them "bandits" and a "lost cause", but said talks were "not on the agenda today."'
    assert _quotes(text) == ["not on the agenda today."]


def test_quotes_marks_plural_possessive_does_not_swallow_the_quotes_after_it():
    text = "The two governments’ envoys met. ‘We are close to a deal,’ one of them said, and ‘the rest is detail.’"
    assert _quotes(text) == ["We are close to a deal,", "the rest is detail."]


def test_quotes_marks_odd_count_keeps_the_other_quotes():
    # a stray opener before the real quotes: textacy gives up on such a paragraph
    text = 'He spoke of "the 1990s deal. "We will talk," Velic said. "But not with them," she added.'
    assert _quotes(text) == ["We will talk,", "But not with them,"]


def test_quotes_marks_unclosed_quote_is_dropped_not_the_paragraph():
    text = 'Darran said "we will return to the valley and then "nothing will stop us from going home," he said.'
    assert "nothing will stop us from going home," in _quotes(text)


def test_quotes_marks_quote_over_two_paragraphs():
    text = (
        '"The army must leave the valley first. Then we can talk about everything else.\n\n'
        '"Until then there is nothing to discuss," Darran said.'
    )
    found = find_quotes(text, paragraphs(text))
    assert [text[q.start : q.end] for q in found] == [
        "The army must leave the valley first. Then we can talk about everything else.",
        "Until then there is nothing to discuss,",
    ]
    assert found[0].open_ended and found[1].continued


def test_quotes_marks_quote_cut_off_at_the_end_of_an_excerpt():
    text = 'Velic told the council: "Our offer stands until the end of the month, and after that'
    assert _quotes(text) == ["Our offer stands until the end of the month, and after that"]


def test_quotes_marks_closing_mark_written_as_an_opener():
    text = "“The roadmap is a ladder for the opposition to climb into power, “said Ferrant at the talks."
    assert _quotes(text) == ["The roadmap is a ladder for the opposition to climb into power,"]


def test_quotes_marks_nested_quote_stays_inside():
    text = "“They told us ‘go home now’ and we refused,” the farmer said."
    assert _quotes(text) == ["They told us ‘go home now’ and we refused,"]


def test_quotes_marks_titles_are_skipped_but_quoted_headlines_kept():
    assert is_title("Face the Nation", "Darran said on “Face the Nation” that the talks had failed.")
    assert not is_title("Give Back Our Fields.", "Farmers March Countrywide: ‘Give Back Our Fields.’")
    text = "Farmers March On The Capital: “We Want Our Wells Back”\n\nThe crowd marched on Sunday."
    assert _quotes(text) == ["We Want Our Wells Back"]


def test_quotes_marks_offsets_point_into_the_text():
    text = 'A line.\n\n"First quote here," said Velic. «Second quote is here.»'
    for q in find_quotes(text, paragraphs(text)):
        assert text[q.open_at] in "\"«" and q.start == q.open_at + 1


def test_quotes_marks_a_name_after_the_is_a_title_not_a_quote():
    text = ("The collapse stalls the carrying out of the ‘Accord on a Road to Calm between Kestria and "
            "Norland’ of 27 February, the envoy said, calling it “a setback for all who laboured over it.”")
    assert _quotes(text) == ["a setback for all who laboured over it."]


def test_quotes_marks_capitalised_noun_phrase_after_an_article_is_partial():
    import parley

    text = ('Besides the soldier, Kestria also released a "Norland intelligence asset" who had spent '
            'twenty years in prison, officials said.')
    assert [q.kind for q in parley.analyze(text).quotes] == ["partial"]


def test_quotes_marks_a_quote_opened_single_and_closed_double_is_still_a_quote():
    text = ("Lask said the mediators were trying their hardest.\n\n"
            "'We expect some movement on the valley question soon,\" he said. Nobody's sure of it.\n\n"
            "The conflict began in 1988.")
    assert _quotes(text) == ["We expect some movement on the valley question soon,"]


def test_quotes_marks_an_opening_glyph_ending_its_paragraph_closes():
    text = ('In May, the president said that the country “is not in a position to negotiate with the Front '
            'but is open to members who renounce violence. “\n\nOn Friday he appealed to the young.')
    assert _quotes(text) == ["is not in a position to negotiate with the Front but is open to members who renounce "
                             "violence."]


def test_quotes_marks_a_quote_left_open_before_a_credit_line_runs_to_its_paragraph_end():
    text = ('The minister wrote in a post that he wanted both parties to “open a conversation that we trust will '
            "close the war in the valley\n\nSource: Kestria News Agency")
    assert _quotes(text) == ["open a conversation that we trust will close the war in the valley"]


def test_quotes_marks_a_quote_left_open_ends_where_its_attribution_begins():
    import parley

    text = ("Prices fell again last month.\n\n"
            "“The deal puts a firm bottom under prices and ought to settle the traders, Halden Salt senior analyst, "
            "Ana Ruiz, told the Kestria Herald.\n\n"
            "“Buyers are counting on a quieter season from here on,” she added.")
    quotes = {q.quote: q.speaker for q in parley.analyze(text).quotes}
    assert quotes["The deal puts a firm bottom under prices and ought to settle the traders"] == "Ana Ruiz"


def test_quotes_marks_a_quote_left_open_without_attribution_keeps_its_paragraph():
    text = ("The talks ended late.\n\n"
            "“We will fight, and we will win the war in the valley, whatever it costs.\n\n"
            "The conflict began in 1988.")
    assert _quotes(text) == ["We will fight, and we will win the war in the valley, whatever it costs."]


def test_quotes_marks_a_few_quoted_words_in_a_headline_are_no_quote():
    text = ("Rebels 'serious about peace'\n\n"
            "The rebel leader said on Monday that his movement was \"serious about peace and ready to talk.\"")
    assert _quotes(text) == ["serious about peace and ready to talk."]
