"""Map positions in a cleaned text back to the input it was cut from.

Cleaning keeps some stretches of the input and drops others (boilerplate lines), and may
join stretches with a separator (a space where a paragraph was broken mid-sentence). A
``TextBuilder`` records each kept stretch as a segment ``(clean_start, raw_start, length)``;
an ``OffsetMap`` turns clean offsets into input offsets through those segments, so every
quote and piece of evidence can be shown in the text the user gave.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

Segment = tuple[int, int, int]


class TextBuilder:
    """Build a clean text from pieces of a raw text, remembering where each piece came from."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    def copy(self, raw: str, start: int, end: int) -> None:
        """Append ``raw[start:end]``, mapped to its place in ``raw``."""
        if end <= start:
            return
        last = self._segments[-1] if self._segments else None
        if last and last[0] + last[2] == self._length and last[1] + last[2] == start:
            self._segments[-1] = (last[0], last[1], last[2] + end - start)  # contiguous: extend
        else:
            self._segments.append((self._length, start, end - start))
        self._parts.append(raw[start:end])
        self._length += end - start

    def insert(self, text: str) -> None:
        """Append text that is not in the input (a separator); it maps to its neighbours."""
        self._parts.append(text)
        self._length += len(text)

    def __len__(self) -> int:
        return self._length

    def build(self) -> tuple[str, tuple[Segment, ...]]:
        return "".join(self._parts), tuple(self._segments)


class OffsetMap:
    """Clean-text offsets to raw-text offsets through the segments of a ``TextBuilder``."""

    def __init__(self, segments: Sequence[Segment]):
        self.segments = tuple(segments)
        self._starts = [s[0] for s in self.segments]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(((0, 0, length),) if length else ())

    def to_raw(self, pos: int, *, end: bool = False) -> int:
        """The raw offset of clean offset ``pos``.

        A position inside an inserted separator maps to the end of the segment before it
        when ``end`` is true (a span ending there) and to the start of the next otherwise.
        """
        if not self.segments:
            return pos
        i = bisect_right(self._starts, pos) - 1
        if i >= 0:
            cs, rs, n = self.segments[i]
            if pos < cs + n or (end and pos == cs + n):
                return rs + pos - cs
            if end:
                return rs + n
        nxt = self.segments[i + 1] if i + 1 < len(self.segments) else None
        if nxt is None:
            cs, rs, n = self.segments[-1]
            return rs + n
        return nxt[1]

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the clean span ``[start, end)``."""
        rs = self.to_raw(start)
        re_ = self.to_raw(end, end=True) if end > start else rs
        return rs, max(rs, re_)

    def to_clean(self, pos: int) -> int:
        """The clean offset of raw offset ``pos`` (the nearest kept character after it)."""
        for cs, rs, n in self.segments:
            if pos < rs:
                return cs
            if pos < rs + n:
                return cs + pos - rs
        if self.segments:
            cs, _, n = self.segments[-1]
            return cs + n
        return pos
