"""Find quotations by pairing quote marks, paragraph by paragraph.

Marks are paired by direction and type: an opening mark waits for a closing mark of its
own family, straight marks take their direction from their neighbours, and a closing mark
with no opener (an apostrophe, a plural possessive such as ``governments’``) is ignored.
A quote left open at the end of a paragraph continues only if the next paragraph re-opens
it (the news convention for quotes over several paragraphs); otherwise it is dropped and
the paragraph's other quotes are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text.segment import Span

# opening mark -> closing marks that may end it
FAMILIES: dict[str, str] = {
    "“": "”\"",
    "„": "“”\"",
    "«": "»",
    "‘": "’'",
    '"': '"”',
    "'": "'’",
    "‹": "›",
}
_ANY = set("“”„«»‘’\"'‹›")


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation inside its marks: ``[start, end)`` of the clean text, mark positions around it."""

    start: int
    end: int
    open_at: int
    close_at: int
    continued: bool = False  # re-opened at a paragraph start, continuing the previous quote


def _direction(text: str, i: int) -> str | None:
    """'open', 'close', or None (an apostrophe or unclear) for the mark at ``text[i]``."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in "“„«‘‹":
        if ch == "‘" and before.isalnum():
            return None
        return "open"
    if ch in "”»›":
        return "close"
    if ch == "’":
        if before.isalnum() and after.isalnum():
            return None  # don't, it’s
        return "close"
    # straight marks
    left_open = before.isspace() or before in "([{—–-/:;,"
    right_open = after.isspace() or after in ".,;:!?)]}—–-…"
    if ch == "'" and before.isalnum() and (after.isalnum() or after == "s"):
        return None
    if left_open and not after.isspace():
        return "open"
    if right_open and not before.isspace():
        return "close"
    return None


def find_quotes(text: str, paragraphs: list[Span], min_words: int = 3) -> list[QuoteSpan]:
    """Quotations of at least ``min_words`` words in ``text``."""
    out: list[QuoteSpan] = []
    carry = False  # the previous paragraph ended inside a quote
    for para in paragraphs:
        found, left_open = _pair(text, para.start, para.end, carry)
        out.extend(q for q in found if _words(text[q.start : q.end]) >= min_words)
        carry = left_open
    return out


def _pair(text: str, start: int, end: int, carry: bool) -> tuple[list[QuoteSpan], bool]:
    found: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []
    for i in range(start, end):
        ch = text[i]
        if ch not in _ANY:
            continue
        d = _direction(text, i)
        if d is None:
            continue
        opener = stack[-1][0] if stack else None
        if opener is not None and ch in FAMILIES[opener] and (d == "close" or ch == opener):
            _, at = stack.pop()
            if not stack:  # keep only outermost quotes; nested ones are part of them
                found.append(QuoteSpan(at + 1, i, at, i, continued=carry and at == start))
        elif d == "open":
            stack.append((ch, i))
    left_open = bool(stack) and stack[0][1] < end
    if stack:
        # an unclosed quote running to the paragraph end: keep it if the paragraph ends with
        # it (multi-paragraph quote); a stray opener is dropped and the rest is kept
        ch, at = stack[0]
        tail = text[at + 1 : end].rstrip()
        if tail and tail[-1] in ".!?…,:" and not any(c in _ANY for c in tail):
            found.append(QuoteSpan(at + 1, at + 1 + len(tail), at, end))
        else:
            left_open = False
    found = [_trim(text, q) for q in found]
    return sorted(found, key=lambda q: q.start), left_open


def _trim(text: str, q: QuoteSpan) -> QuoteSpan:
    s, e = q.start, q.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return QuoteSpan(s, e, q.open_at, q.close_at, q.continued)


def _words(s: str) -> int:
    return sum(1 for w in s.split() if any(c.isalnum() for c in w))
