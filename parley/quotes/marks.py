"""Find quotations by pairing quote marks, paragraph by paragraph.

Marks are paired by direction and family, never by counting: a mark's direction comes
from its neighbours (a space before and a letter after opens, a letter or punctuation
before and a space after closes) and, where the position says nothing, from its glyph.
Double marks (“ ” „ " « ») are paired first; single marks (‘ ’ ') only outside the double
quotes, because inside they are nested quotes or apostrophes. A closing mark with no
opener (an apostrophe, a plural possessive such as ``governments’``) is ignored, and an
opener left unclosed is dropped and the paragraph paired again without it, so one stray
mark never loses the paragraph's other quotes.

A quote left open at the end of a paragraph runs over to the next one when that
paragraph re-opens it (the news convention for quotes over several paragraphs), and to
the end when the text stops mid-quote (a truncated excerpt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.segment import Span
from .cues import SPEECH_VERB

DOUBLE = "“”„\"«»‹›"
SINGLE = "‘’‚'"
_GLYPH_OPEN = "“„«‹‘‚"
_GLYPH_CLOSE = "”»›’"
_OPEN_BEFORE = "([{—–-/:;,…"
_CLOSE_AFTER = ".,;:!?)]}—–-…"


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation inside its marks: ``[start, end)`` of the clean text, mark positions around it.

    ``close_at`` is the closing mark, or the paragraph end for a quote left open there.
    """

    start: int
    end: int
    open_at: int
    close_at: int
    continued: bool = False  # re-opened at a paragraph start, continuing the previous quote
    open_ended: bool = False  # no closing mark: runs on to the next paragraph or the end
    close_width: int = 1  # 2 for a doubled apostrophe ('')

    @property
    def after(self) -> int:
        """The first offset after the closing mark."""
        return self.close_at + self.close_width


@dataclass(frozen=True)
class _Mark:
    at: int
    ch: str
    way: str  # "open", "close" or "either"
    width: int = 1  # 2 for a doubled apostrophe ('') standing for a double mark


def find_quotes(text: str, paragraphs: list[Span], min_words: int = 3,
                tags: list[QuoteSpan] | None = None) -> list[QuoteSpan]:
    """Quotations of at least ``min_words`` words in ``text``, in text order.

    Quoted words a headline uses as a label are no quotations; ``tags`` collects them, since they
    are still quoted words (no signal should be read from them either).
    """
    out: list[QuoteSpan] = []
    carry = False  # the previous paragraph ended inside a quote
    last = _last_body(text, paragraphs)
    for n, para in enumerate(paragraphs):
        nxt = paragraphs[n + 1] if n + 1 < last else None
        found = pair_paragraph(text, para, nxt)
        headline = bool(found) and _title_case(para.text(text))  # once a paragraph, not once a quote
        label_line = bool(found) and headline_line(para.text(text))
        for q in found:
            if carry and q.open_at == para.start:
                q = QuoteSpan(q.start, q.end, q.open_at, q.close_at, True, q.open_ended, q.close_width)
            quoted = text[q.start : q.end]
            before = text[max(para.start, q.open_at - 40) : q.open_at]  # a bounded look back: linear time
            if words(quoted) < min_words or _is_title(quoted, headline, before):
                continue
            if not (label_line and words(quoted) <= 4 and before.strip()):
                out.append(q)
            elif tags is not None:
                tags.append(q)
        carry = bool(found) and found[-1].open_ended
    return out


def _last_body(text: str, paragraphs: list[Span]) -> int:
    """One past the last paragraph of the body: short lines at the end ("Source: …") are no body, so a
    quote left open before them runs to its paragraph end as one cut off at the end of the text."""
    n = len(paragraphs)
    while n > 1 and words(paragraphs[n - 1].text(text)) < 8 and not _ANY_MARK.search(paragraphs[n - 1].text(text)):
        n -= 1
    return n


def pair_paragraph(text: str, para: Span, nxt: Span | None) -> list[QuoteSpan]:
    """Quotes of one paragraph: double marks first, then single marks outside them."""
    doubles = _pair(text, _marks(text, para.start, para.end, DOUBLE), para, nxt)
    inside = [(q.open_at, q.close_at) for q in doubles]
    singles = [
        m for m in _marks(text, para.start, para.end, SINGLE) if not any(a <= m.at <= b for a, b in inside)
    ]
    found = _mixed(text, para, doubles + _pair(text, singles, para, nxt))
    return sorted(found, key=lambda q: q.start)


def _mixed(text: str, para: Span, found: list[QuoteSpan]) -> list[QuoteSpan]:
    """Add the quotes opened with one family and closed with the other (`'We hope …," he said`): a
    typo a reader still reads as a quote. Only a single opener and the next double closer left
    unpaired (or taken for the opener of a quote left open) make one."""
    kept = [q for q in found if not q.open_ended]
    used = {q.open_at for q in kept} | {q.close_at for q in kept}
    free = [m for m in _marks(text, para.start, para.end, DOUBLE + SINGLE) if m.at not in used
            and not any(q.open_at < m.at < q.close_at for q in kept)]
    for a, b in zip(free, free[1:], strict=False):
        if a.way == "open" and a.ch in "‘'" and b.way != "open" and b.ch in "”\"" and "\n" not in text[a.at : b.at]:
            found = [q for q in found if q.open_at not in (a.at, b.at)]
            found.append(_trim(text, QuoteSpan(a.at + 1, b.at, a.at, b.at)))
    return found


_ANY_MARK = re.compile("''|[" + re.escape(DOUBLE + SINGLE) + "]")


def _marks(text: str, start: int, end: int, glyphs: str) -> list[_Mark]:
    out = []
    for m in _ANY_MARK.finditer(text, start, end):
        i = m.start()
        if m.group() == "''":  # typewriter double quotes written as two apostrophes
            if glyphs is DOUBLE:
                way = _way(text[i - 1] if i > start else " ", text[i + 2] if i + 2 < end else " ", '"')
                out.append(_Mark(i, '"', way or "either", 2))
        elif text[i] in glyphs:
            way = direction(text, i, start, end)
            if way is not None:
                out.append(_Mark(i, text[i], way))
    return out


def direction(text: str, i: int, start: int = 0, end: int | None = None) -> str | None:
    """'open', 'close', 'either', or None (an apostrophe) for the mark at ``text[i]``.

    The position decides first: space (or an opening bracket) before and a word after
    opens; a word or punctuation before and a space after closes. Only where the
    position is ambiguous ("word."Next", a mark between letters) does the glyph decide.
    """
    end = len(text) if end is None else end
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    way = _way(before, after, text[i])
    if way == "open" and not text[i + 1 : end].strip():
        return "close"  # `… ideology. “` at the end of its paragraph: a closing mark, whatever its glyph
    if way == "open" and text[i] in DOUBLE and after.islower() and i >= start + 2 and text[i - 2] in ",.?!":
        return "either"  # `..., “said Moncada`: a closing mark written as an opener
    return way


def _way(before: str, after: str, ch: str) -> str | None:
    """The direction of mark ``ch`` between the characters ``before`` and ``after``."""
    if ch in SINGLE and before.isalnum() and after.isalnum():
        return None  # don't, it’s, rock'n'roll
    left = before.isspace() or before in _OPEN_BEFORE or before in DOUBLE + SINGLE
    right = after.isspace() or after in _CLOSE_AFTER or after in DOUBLE + SINGLE
    if left and not right:
        return "open"
    if right and not left:
        if ch in SINGLE and before in "sS" and after.isspace():
            return "either"  # a plural possessive (governments’) or a closing mark
        return "close"
    if ch in _GLYPH_OPEN:
        return "open"
    if ch in _GLYPH_CLOSE:
        return "close"
    return "either"


def _pair(text: str, marks: list[_Mark], para: Span, nxt: Span | None) -> list[QuoteSpan]:
    """Pair ``marks``; while an opener stays unclosed, drop it and pair again."""
    marks = list(marks)
    while True:
        found, stray = _pair_once(marks)
        if stray is None:
            return [_trim(text, q) for q in found]
        tail = _open_tail(text, stray, para, nxt)
        if tail is not None:
            return [_trim(text, q) for q in (*found, tail)]
        marks.remove(stray)


def _pair_once(marks: list[_Mark]) -> tuple[list[QuoteSpan], _Mark | None]:
    """Outermost quotes, and the first opener left unclosed (None when all closed)."""
    found: list[QuoteSpan] = []
    stack: list[_Mark] = []
    for m in marks:
        k = _innermost_closed(stack, m)
        if k is not None:
            if k + 1 < len(stack):  # an opener after it was never closed: a stray
                return found, stack[k + 1]
            opener = stack.pop()
            if not stack:  # nested quotes are part of the outer quote
                found.append(QuoteSpan(opener.at + opener.width, m.at, opener.at, m.at, close_width=m.width))
        elif m.way == "open" or (m.way == "either" and m.ch in DOUBLE):
            stack.append(m)
    return found, (stack[0] if stack else None)


def _innermost_closed(stack: list[_Mark], m: _Mark) -> int | None:
    """Index of the innermost opener on ``stack`` that ``m`` closes, if ``m`` closes one."""
    if m.way == "open":
        return None
    for k in range(len(stack) - 1, -1, -1):
        if _closes(stack[k], m):
            return k
    return None


def _closes(opener: _Mark, closer: _Mark) -> bool:
    """Whether ``closer`` can end a quote opened by ``opener`` (same family, right glyph)."""
    if closer.way == "open":
        return False
    if opener.ch in DOUBLE:
        return closer.ch in {"«": "»", "‹": "›"}.get(opener.ch, "”“\"")
    return closer.ch in SINGLE and closer.ch not in "‘‚"


def _open_tail(text: str, opener: _Mark, para: Span, nxt: Span | None) -> QuoteSpan | None:
    """A quote left open at the paragraph end that a careful reader would still take as one.

    Kept when the next paragraph re-opens it (a quote over several paragraphs), when the
    text ends inside it, or when it opens the paragraph and runs to a full stop.
    """
    if opener.way == "close" or opener.ch in SINGLE:
        return None
    tail = text[opener.at + opener.width : para.end].rstrip()
    if not tail or any(c in DOUBLE for c in tail):
        return None
    reopened = nxt is not None and text[nxt.start] in DOUBLE
    reopened = reopened and direction(text, nxt.start, nxt.start, nxt.end) != "close"
    at_start = opener.at == para.start and tail[-1] in ".!?…"
    if reopened or nxt is None or at_start:
        start = opener.at + opener.width
        cut = _TAIL_CUE.search(tail)
        if cut is not None and words(tail[: cut.start()]) >= 3:  # its attribution inside: closed there
            return QuoteSpan(start, start + cut.start(), opener.at, start + cut.start(), close_width=0)
        return QuoteSpan(start, start + len(tail), opener.at, para.end, open_ended=True)
    return None


# `“We will not give in, Ana Ruiz, the group's leader, said on Monday.` with no closing mark: the
# attribution after the last comma (a name or description, one apposition, a speech verb) ends the quote
_TAIL_CUE = re.compile(
    rf",\s+(?:(?:the|a|an)\s+)?(?:[A-Z][^,.;:!?“”\"]{{0,100}}?(?:,\s+[A-Z(][^,;:!?“”\"]{{0,60}}?,)?|he|she|they)"
    rf"\s+(?:{SPEECH_VERB})\b[^,;:!?“”\"]{{0,60}}[.!]$"
)


def headline_line(paragraph: str) -> bool:
    """Whether a paragraph is a short headline, where a few quoted words ("Rebels 'serious about
    peace'", "Palace repeats 'no ransom policy' amid threat") are the headline's label for what the
    article reports, not a quotation."""
    line = paragraph.strip()
    return "\n" not in line and words(line) <= 15 and not line.rstrip("\"'”’»").endswith((".", "!", "?", ":"))


_MINOR = frozenset("a an and as at by for from in into of on or the to with vs. vs".split())


def is_title(quoted: str, paragraph: str, before: str = "") -> bool:
    """Whether a quotation is the title of a show, book, policy or treaty ("Face the Nation").

    Every word capitalised but the minor ones, inside a paragraph that is not itself a
    title-case headline (a quoted headline is a quote); or a name the article puts "the"
    before (the ‘Accord on a Road to Calm’ of 27 February).
    """
    return _is_title(quoted, _title_case(paragraph), before)


def _is_title(quoted: str, in_headline: bool, before: str = "") -> bool:
    if in_headline or quoted.rstrip("\"'”’»").endswith((".", "!", "?")):
        return False
    if quoted[:1].isupper() and re.search(r"\bthe\s*$", before) and not quoted.split()[0].isupper():
        return True
    return _title_case(quoted)


def _title_case(s: str) -> bool:
    ws = [w.strip("\"'“”‘’«»,.:;!?()") for w in s.split()]
    ws = [w for w in ws if w and w[0].isalpha()]
    major = [w for w in ws if w.lower() not in _MINOR]
    return len(major) >= 2 and all(w[0].isupper() for w in major)


def _trim(text: str, q: QuoteSpan) -> QuoteSpan:
    s, e = q.start, q.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return QuoteSpan(s, e, q.open_at, q.close_at, q.continued, q.open_ended, q.close_width)


def words(s: str) -> int:
    """Words with at least one letter or digit (dashes and ellipses are not words)."""
    return sum(1 for w in s.split() if any(c.isalnum() for c in w))
