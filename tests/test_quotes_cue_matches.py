"""``cues.cue_matches``: the same matches as ``CUE_RX.finditer``, found faster."""

from __future__ import annotations

from parley.quotes.cues import CUE_RX, cue_matches

TEXT = (
    "“We will not talk,” said Ilse Maran, who Said nothing more. The envoy told reporters, pointed  out the "
    "so-called truce and later added: the rebels have vowed, warned and threatened; a spokesman says-nothing. "
    "Asked about it, he went on\nto say the council's claims, its report and reports were false. "
    "Unsaid, resaid, saidx and _said are not cues; said_ neither. He puts it plainly; she said."
)


def test_quotes_cue_matches_finds_what_cue_rx_finds():
    slow = [(m.start(), m.end(), m.group(0)) for m in CUE_RX.finditer(TEXT)]
    assert [(m.start(), m.end(), m.group(0)) for m in cue_matches(TEXT)] == slow
    assert len(slow) > 10  # the text does hold many cues, multi-word ones among them
    assert any("\n" in g or "  " in g for _, _, g in slow)


def test_quotes_cue_matches_on_every_suffix_of_the_text():
    for k in range(0, len(TEXT), 7):  # starts inside words, after hyphens, at spaces
        part = TEXT[k:]
        assert [m.span() for m in cue_matches(part)] == [m.span() for m in CUE_RX.finditer(part)]
