import pytest

from parley.offsets import OffsetMap, TextBuilder


def test_offsets_builder_maps_kept_pieces_back():
    raw = "junk\n\nHello wor\n\nld again\n\nfooter"
    b = TextBuilder()
    b.copy(raw, 6, 15)  # "Hello wor"
    b.insert(" ")
    b.copy(raw, 17, 25)  # "ld again"
    text, segs = b.build()
    assert text == "Hello wor ld again"
    m = OffsetMap(segs)
    start, end = m.span_to_raw(text.index("Hello"), len(text))
    assert raw[start:end] == "Hello wor\n\nld again"


def test_offsets_contiguous_copies_merge_into_one_segment():
    b = TextBuilder()
    b.copy("abcdef", 0, 3)
    b.copy("abcdef", 3, 6)
    assert b.build()[1] == ((0, 0, 6),)


@pytest.mark.parametrize("pos", [0, 3, 5])
def test_offsets_identity_round_trip(pos):
    m = OffsetMap.identity(6)
    assert m.to_raw(pos) == pos and m.to_clean(pos) == pos
