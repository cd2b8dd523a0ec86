"""Paragraphs and sentences by rule: fast, offset-exact, and without a model.

spaCy's parser is the cost to avoid (most sentences carry no signal), so parley splits
text itself and parses only the sentences that need it. The splitter knows news English:
abbreviations ("Gen.", "U.S.", "Sept."), initials ("Susan B. Glasser"), closing quotes
after the full stop, and hard-wrapped wire copy where a single newline is not a break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cpt sgt cpl adm gov sen rep rev st jr sr
    pres sec dept corp inc ltd co no nos vs etc approx est fig vol
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd
    u.s u.k u.n e.u a.m p.m d.c i.e e.g""".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*[\"'”’»)\]]*$")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_OPENERS = "\"'“‘«([—-–"


@dataclass(frozen=True)
class Span:
    """A half-open character span ``[start, end)`` of a text."""

    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def paragraphs(text: str) -> list[Span]:
    """Blank-line separated blocks; single newlines split too unless the text is hard-wrapped."""
    out: list[Span] = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        out.extend(_split_lines(text, pos, m.start()))
        pos = m.end()
    out.extend(_split_lines(text, pos, len(text)))
    return [s for s in out if text[s.start : s.end].strip()]


def _split_lines(text: str, start: int, end: int) -> list[Span]:
    """Split a block at single newlines that end a sentence or a heading-like line."""
    out: list[Span] = []
    seg_start = start
    pos = text.find("\n", start, end)
    while pos != -1:
        line_start = text.rfind("\n", seg_start, pos) + 1 or seg_start
        line = text[max(line_start, seg_start) : pos].rstrip()
        nxt = text[pos + 1 : end].lstrip(" \t")
        if _line_breaks(line, nxt):
            out.append(_trim(text, seg_start, pos))
            seg_start = pos + 1
        pos = text.find("\n", pos + 1, end)
    out.append(_trim(text, seg_start, end))
    return [s for s in out if s.end > s.start]


def _line_breaks(line: str, nxt: str) -> bool:
    """Whether a single newline after ``line`` ends a paragraph (not a hard wrap)."""
    if not line or not nxt:
        return True
    if nxt[0].islower() or nxt[0] in ",;:)":
        return False
    if line[-1] in ".!?:\"'”’»…)]*|" or len(line) < 60:
        return True
    return False


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` (a paragraph, usually) as spans of ``text``."""
    end = len(text) if end is None else end
    out: list[Span] = []
    sent_start = start
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end()
        if not _is_boundary(text, sent_start, m.start(), cut, end):
            continue
        span = _trim(text, sent_start, cut)
        if span.end > span.start:
            out.append(span)
        sent_start = cut
    tail = _trim(text, sent_start, end)
    if tail.end > tail.start:
        out.append(tail)
    return out


def _is_boundary(text: str, sent_start: int, mark: int, cut: int, end: int) -> bool:
    rest = text[cut:end].lstrip()
    if not rest:
        return False
    first = rest[0]
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    if text[mark] == ".":
        m = _WORD_BEFORE.search(text, sent_start, mark + 1)
        word = (m.group(1) if m else "").lower().rstrip(".")
        if word in ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isalpha():  # an initial: "Susan B. Glasser"
            return False
    return cut - sent_start > 1


def sentence_spans(text: str) -> list[Span]:
    """All sentences of ``text``, paragraph by paragraph."""
    out: list[Span] = []
    for para in paragraphs(text):
        out.extend(sentences(text, para.start, para.end))
    return out


def cap_length(text: str, spans: list[Span], limit: int) -> tuple[list[Span], int]:
    """``spans`` with any longer than ``limit`` characters cut into parts; and how many were cut.

    A "sentence" of a million characters (a table flattened to one line, a page with no
    punctuation) is not a sentence a parser can take in one call: spaCy refuses texts over
    its ``max_length`` and its cost grows with length. Parts end at the last whitespace
    before the limit, so words stay whole where the text has any spaces.
    """
    out: list[Span] = []
    cut = 0
    for span in spans:
        if span.end - span.start <= limit:
            out.append(span)
            continue
        cut += 1
        out.extend(_parts(text, span, limit))
    return out, cut


def _parts(text: str, span: Span, limit: int) -> list[Span]:
    parts: list[Span] = []
    start = span.start
    while span.end - start > limit:
        space = max(text.rfind(" ", start + 1, start + limit), text.rfind("\n", start + 1, start + limit))
        stop = space if space > start else start + limit
        piece = _trim(text, start, stop)
        if piece.end > piece.start:
            parts.append(piece)
        start = stop
    tail = _trim(text, start, span.end)
    if tail.end > tail.start:
        parts.append(tail)
    return parts
