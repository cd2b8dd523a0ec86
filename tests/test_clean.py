"""Plain-text cleaning and metadata, on page dumps written for these tests (tests/data/dumps)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.ingest.article import clean_page, prepare
from parley.ingest.sources import RawInput
from parley.offsets import OffsetMap
from parley.text.clean import blocks, classify, clean_text
from parley.text.lang import guess_language
from parley.text.meta import iso_date, url_date, url_outlet

DUMPS = Path(__file__).parent / "data" / "dumps"

CASES = {
    "blog.txt": dict(
        body=["The Island Council of Vessa voted", "What is on the table", "- how many mainland trawlers",
              "- who will pay for the new monitoring buoys", "doubted the\nmainland would honour",
              "This time we want it on paper."],
        chrome=["Menu", "Home »", "Search this site", "Share:", "Lena Ortiz is a staff reporter", "Tags:",
                "Related posts", "Mainland detains", "Leave a comment", "All rights reserved"],
        meta=("Island Council Agrees to Resume Fishing Talks With Mainland", ("Lena Ortiz",), "2024-03-03",
              "Harbor Ledger"),
    ),
    "wire.txt": dict(
        body=["PORT ELARA, June 2 (Meridian Press) - The Delta", "Withdraw first, then we talk.",
              "said Imre Kassel, a researcher"],
        chrome=["World News", "3 min read", "Reporting by", "Our Standards", "Subscribe", "Sign up", "Copyright"],
        meta=("Rebel Alliance Says No Talks Until Troops Leave Delta", ("Tomas Reyes", "Ana Lind"), "2023-06-02",
              "Meridian Press Agency"),
    ),
    "markdown.md": dict(
        body=["Mediators from three neighbouring states", "A line both sides can see",
              "one of the mediators told the *Coastal Star*", "revised map next week"],
        chrome=["Skip to", "cookies", "News | Opinion", "Soldiers patrol", "Photo:", "Read more", "monthly gift",
                "Donate", "https://"],
        meta=("Mediators Propose Ceasefire Line Along the Old Canal", ("Ines Moreau",), "2022-05-12",
              "The Coastal Star"),
    ),
    "newsletter.txt": dict(
        body=["Negotiators for the Ridge Front", "would not discuss a ceasefire until that was settled."],
        chrome=["View this email", "Good morning", "You are receiving", "Unsubscribe"],
        meta=("Hostage Talks Move to a Third Country", (), "2023-11-14", None),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_clean_dumps_keep_the_article_and_drop_the_site(name: str):
    raw = (DUMPS / name).read_text(encoding="utf-8")
    case = CASES[name]
    art = prepare(RawInput(raw, "text", name))
    for piece in case["body"]:
        assert piece in art.text, piece
    for piece in case["chrome"]:
        assert piece not in art.text, piece
    assert (art.title, art.authors, art.date, art.outlet) == case["meta"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_clean_every_clean_character_maps_back_to_the_input(name: str):
    raw = (DUMPS / name).read_text(encoding="utf-8")
    text, segments, _ = clean_page(raw, None)
    for cs, rs, n in segments:
        assert text[cs : cs + n] == raw[rs : rs + n]
    mapped = sum(n for _, _, n in segments)
    assert mapped >= 0.98 * len(text.replace("\n\n", ""))  # only separators are unmapped


def test_clean_evidence_offsets_index_the_raw_text():
    raw = (DUMPS / "wire.txt").read_text(encoding="utf-8")
    art = prepare(RawInput(raw, "text", "wire.txt"))
    m = OffsetMap(art.segments)
    for evidence in ("Withdraw first, then we talk.", "The Delta Liberation Alliance said on Friday"):
        i = art.text.index(evidence)
        s, e = m.span_to_raw(i, i + len(evidence))
        assert raw[s:e] == evidence


def test_clean_broken_paragraph_is_joined_and_maps_back():
    raw = ("Talks Stall Again\n\nThe two delegations met for six hours on Tuesday but could not agree on the order in "
           "which the\n\nprisoners would be exchanged, officials from both sides said afterwards.\n\n"
           "A further round is planned for next month in the capital, the mediators said on Wednesday.\n")
    text, segments = clean_text(raw)
    assert "order in which the prisoners would be exchanged" in text
    m = OffsetMap(segments)
    i = text.index("the prisoners")
    s, e = m.span_to_raw(i, i + len("the prisoners"))
    assert raw[s:e] == "the\n\nprisoners"  # the evidence spans the break, as the input has it


def test_clean_appeal_next_to_body_is_dropped_but_reported_speech_is_kept():
    raw = ("Ceasefire Holds in the Hills\n\nThe ceasefire agreed last week held through the weekend, monitors said on "
           "Monday, although both armies reported isolated shots near the old bridge.\n\n"
           '"We will keep our side of the deal as long as they keep theirs," the northern commander told reporters '
           "in the village square.\n\nA Note from the Valley Gazette\n\nDear readers,\n\n"
           "We are a small newsroom and your support keeps our reporters in the field. Please help us with a "
           "monthly contribution.\n\nThank you for reading.\n")
    text, _ = clean_text(raw)
    assert "We will keep our side of the deal" in text and "isolated shots" in text
    assert "newsroom" not in text and "Dear readers" not in text and "Thank you" not in text


def test_clean_repeated_teaser_and_caption_are_dropped():
    raw = ("Envoys Return to the Table\n\nEnvoys of the two governments will return to the table on Friday, ...\n\n"
           "Harbour crane at dawn\nDock workers load grain at the northern terminal. (Photo by Ivo Brant)\n\n"
           "Envoys of the two governments will return to the table on Friday, the foreign ministry said, after a "
           "pause of three weeks caused by a dispute over the agenda.\n\n"
           "The ministry did not say where the talks would be held. Both sides have accused each other of delaying "
           "the exchange of maps.\n\n"
           "The ministry did not say where the talks would be held. Both sides have accused each other of delaying "
           "the exchange of maps.\n")
    text, _ = clean_text(raw)
    assert "..." not in text and "Photo" not in text and "crane" not in text
    assert text.count("did not say where") == 1 and "pause of three weeks" in text


def test_clean_a_dated_line_announcing_a_quote_is_no_dateline():
    raw = ("Fact-Checkers Busy in Kestria\n\nThe fact-checkers at Brinley Watch worked through the night on Monday, "
           "reading every claim the two candidates made.\n\nOn July 6, 2015, Lena Morrow made this comment:\n\n"
           "\u201cFor young people who left school early, the jobless rate is higher than anyone admits.\u201d\n")
    text, _ = clean_text(raw)
    assert "Lena Morrow made this comment:" in text and "jobless rate" in text


def test_clean_single_newline_text_keeps_every_paragraph():
    raw = ("Rebels reject truce offer\nThe rebel council rejected the government's truce offer on Sunday.\n"
           "Its spokesman said the offer \"changes nothing on the ground\" and that fighting would go on.\n"
           "Short line here.\nThe government said the offer remained open until the end of the month, and that "
           "mediators from two neighbouring countries were ready to host the talks at short not")
    art = prepare(RawInput(raw, "text", "x"))
    assert art.title == "Rebels reject truce offer"
    for piece in ("rejected the government's", "changes nothing", "Short line here.", "at short not"):
        assert piece in art.text, piece


def test_clean_hard_wrapped_paragraph_is_one_unit():
    raw = ("The committee met in closed session for most of the day and heard\n"
           "evidence from the two delegations about the state of the talks and\n"
           "the prospects for a settlement before the end of the year, members\n"
           "said.\n")
    assert len(blocks(raw)) == 1


@pytest.mark.parametrize(
    "text, iso",
    [("Saturday, September 15, 2001; Page A06", "2001-09-15"), ("August 04, 2023", "2023-08-04"),
     ("Published 12 May 2022 · Updated 13 May 2022", "2022-05-12"), ("Sept. 3, 1999", "1999-09-03"),
     ("2009-09-30 12:03", "2009-09-30"), ("on the 3rd of March 2024", "2024-03-03"), ("no date here", None)],
)
def test_clean_meta_dates_in_news_formats(text: str, iso: str | None):
    assert iso_date(text) == iso


def test_clean_meta_banner_date_is_not_the_publication_date():
    raw = ("Since March 1, 2021, we have dropped every ad from these pages so you can read in peace. Your support pays for it.\n"
           "\nTruce Talks Resume\n\nMediators said on Friday that truce talks between the two parties would resume "
           "next week in the border town.\n\nNeither side commented on the announcement.\n")
    _, _, meta = clean_page(raw, None)
    assert meta.date is None and meta.title == "Truce Talks Resume"
    _, _, meta = clean_page(raw, "https://www.gazette.example/world/2024/05/17/truce-talks")
    assert meta.date == "2024-05-17"


def test_clean_meta_url_and_dateline():
    assert url_date("https://x.example/2023/08/04/story-a1") == "2023-08-04"
    assert url_date("https://x.example/story-2023-99-99") is None
    assert url_outlet("https://www.valleygazette.co.uk/news/1") == "valleygazette"
    raw = ("PORT ELARA, June 2 -- The alliance said it would not negotiate while troops remained in the delta, "
           "rejecting an offer of talks.\n\nThe valleygazette.example desk filed this from The Valley Gazette "
           "newsroom, which has covered the delta for years.\n")
    _, _, meta = clean_page(raw, "https://www.valleygazette.example/a")
    assert meta.dateline == "Port Elara" and meta.outlet == "The Valley Gazette"


def test_clean_language_of_the_whole_body():
    english = ("The foreign minister said the talks would continue next week in the capital, and that both sides "
               "had agreed to exchange lists of prisoners. ")
    russian = (DUMPS / "russian.txt").read_text(encoding="utf-8")
    assert guess_language(english * 3 + "Переговоры продолжатся на следующей неделе.") == "en"
    assert guess_language(russian) == "ru"
    assert guess_language("Le ministre a déclaré que les négociations avec les rebelles sont suspendues pour "
                          "une durée indéterminée et que la délégation est rentrée dans la capitale.") == "fr"


def test_clean_russian_article_is_recorded_and_flagged():
    from parley.batch import analyze_input

    raw = (DUMPS / "russian.txt").read_text(encoding="utf-8")
    analysis = analyze_input(RawInput(raw, "text", "russian.txt"))
    assert analysis.article.language == "ru" and analysis.article.text
    assert [e.code for e in analysis.errors] == ["P110"] and not analysis.signals


def test_clean_units_are_labelled_with_a_reason():
    raw = (DUMPS / "markdown.md").read_text(encoding="utf-8")
    kinds = {b.vis[:12]: b.kind for b in classify(raw)}
    assert kinds["Skip to main"] == "link" and kinds["Soldiers pat"] == "caption"
    assert kinds["We use cooki"] == "chrome" and kinds["Mediators fr"] == "prose"


def test_clean_lines_repeated_across_a_sites_pages_are_chrome(tmp_path: Path):
    from parley.ingest.sources import iter_inputs

    pages = [
        ("Water Talks Resume", "Negotiators from the two provinces met again on Monday to keep talking about the water "
         "treaty, officials said.", "A second round of water talks is due next month in the capital, they said."),
        ("River Truce Extended", "The truce along the river was extended by a week on Friday after both commanders "
         "signed a short statement, mediators said.", "Monitors will stay on the river banks until the truce ends."),
    ]
    for i, (title, p1, p2) in enumerate(pages):
        text = f"{title}\n\n{p1}\n\nMore from the valley desk\n\n{p2}\n"
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    first, second = (prepare(r) for r in iter_inputs([str(tmp_path)]))
    assert "More from the valley desk" in first.text  # one page alone reads it as a subheading
    assert "More from the valley desk" not in second.text
    assert "Monitors will stay" in second.text and second.title == "River Truce Extended"
