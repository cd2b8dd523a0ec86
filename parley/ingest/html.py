"""HTML pages: trafilatura finds the body and metadata; parley maps the body back to the HTML.

trafilatura returns plain text without positions. To keep evidence offsets pointing into the
page the user gave, the page's visible text is rebuilt here with the source offset of every
character (entities decoded, script and style skipped), and trafilatura's text is aligned
to it; stretches that match literally become segments of the offset map.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field

from ..errors import InputError
from ..offsets import Segment, TextBuilder

_TOKENS = re.compile(
    r"<!--.*?-->|<(script|style|noscript|template)\b.*?</\1\s*>|<[^>]*>|&#?\w+;|[^<&]+|[<&]",
    re.S | re.I,
)


@dataclass
class HtmlArticle:
    """What trafilatura found on a page."""

    text: str
    segments: tuple[Segment, ...]
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    outlet: str | None = None
    language: str | None = None


def visible_chars(page: str) -> tuple[str, list[int]]:
    """The page's text (tags dropped, entities decoded) and each character's offset in ``page``."""
    chars: list[str] = []
    where: list[int] = []
    for m in _TOKENS.finditer(page):
        tok = m.group(0)
        if tok.startswith("<") and len(tok) > 1:
            chars.append(" ")
            where.append(-1)
        elif tok.startswith("&") and tok.endswith(";"):
            for ch in htmllib.unescape(tok):
                chars.append(ch)
                where.append(m.start())
        else:
            chars.extend(tok)
            where.extend(range(m.start(), m.end()))
    return "".join(chars), where


def align(clean: str, page: str) -> tuple[Segment, ...]:
    """Segments mapping ``clean`` (trafilatura's text) into ``page`` where they agree literally."""
    stream, where = visible_chars(page)
    s_chars = [(c, where[i]) for i, c in enumerate(stream) if not c.isspace()]
    s_text = "".join(c for c, _ in s_chars)
    mapped: dict[int, int] = {}
    cursor = 0
    for line_start, line in _lines(clean):
        nonspace = [(line_start + i, c) for i, c in enumerate(line) if not c.isspace()]
        key = "".join(c for _, c in nonspace)
        if not key:
            continue
        hit = s_text.find(key, cursor)
        if hit < 0:
            continue
        for k, (ci, _) in enumerate(nonspace):
            mapped[ci] = s_chars[hit + k][1]
        cursor = hit + len(key)
    return _segments(clean, page, mapped)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _segments(clean: str, page: str, mapped: dict[int, int]) -> tuple[Segment, ...]:
    segs: list[list[int]] = []
    prev_c = prev_r = -2
    for ci, ch in enumerate(clean):
        r = mapped.get(ci)
        if r is None and ch.isspace() and prev_c == ci - 1 and prev_r + 1 < len(page) and page[prev_r + 1] == ch:
            r = prev_r + 1  # a space that is also in the source
        if r is None or r < 0 or page[r] != ch:
            continue
        if segs and prev_c == ci - 1 and prev_r == r - 1:
            segs[-1][2] += 1
        else:
            segs.append([ci, r, 1])
        prev_c, prev_r = ci, r
    return tuple((a, b, n) for a, b, n in segs)


def _has_article(text: str) -> bool:
    """Whether extracted text reads as an article: some prose, not a menu left over."""
    from ..text.clean import blocks, is_prose

    return len(text.split()) >= 40 or any(is_prose(b) for b in blocks(text))


def extract_html(page: str, url: str | None = None, source: str | None = None) -> HtmlArticle:
    """The article body and metadata of an HTML page, or P108 when there is none."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=False
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text or not _has_article(text):
        raise InputError("P108", "no article body was found in the HTML", source=source)
    authors = [a.strip() for a in re.split(r";|,| and ", doc.author or "") if a.strip()]
    return HtmlArticle(
        text=text,
        segments=align(text, page),
        title=doc.title,
        authors=authors,
        date=doc.date,
        outlet=doc.sitename,
        language=doc.language,
    )


_BLOCK_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|blockquote|tr|table|section|article|header|footer|pre|hr)\b",
                        re.I)


def fragment_text(fragment: str) -> tuple[str, tuple[Segment, ...]]:
    """Text of an HTML fragment (a feed item, a record's ``html``) with segments into it.

    Block tags become paragraph breaks, runs of white space one space; text is copied
    with its place in ``fragment``, and a decoded entity ("&amp;") is inserted unmapped.
    """
    builder = TextBuilder()
    pending = ""
    for m in _TOKENS.finditer(fragment):
        tok = m.group(0)
        if tok.startswith("<") and len(tok) > 1:
            if _BLOCK_TAG.match(tok):
                pending = "\n\n" if len(builder) else ""
            continue  # inline tags do not separate words: <b>Os</b>lo
        pending = _emit(fragment, m, tok, builder, pending)
    return builder.build()


def _emit(fragment: str, m: re.Match[str], tok: str, builder: TextBuilder, pending: str) -> str:
    """Append one text token; returns the separator still owed before the next one."""
    if tok.startswith("&") and tok.endswith(";"):
        pieces = [(htmllib.unescape(tok), None)]
    else:
        pieces = [(w.group(0), m.start() + w.start()) for w in re.finditer(r"\S+|\s+", tok)]
    for piece, at in pieces:
        if piece.isspace() or not piece.strip():
            pending = pending or (" " if len(builder) else "")
            continue
        if pending:
            builder.insert(pending)
            pending = ""
        if at is None:
            builder.insert(piece)
        else:
            builder.copy(fragment, at, at + len(piece))
    return pending


def compose(outer: tuple[Segment, ...], inner: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """Segments of ``clean -> raw`` from ``clean -> mid`` (``inner``) and ``mid -> raw`` (``outer``)."""
    out: list[Segment] = []
    for cs, ms, n in inner:
        for os_, rs, k in outer:
            lo, hi = max(ms, os_), min(ms + n, os_ + k)
            if lo < hi:
                out.append((cs + lo - ms, rs + lo - os_, hi - lo))
    return tuple(out)
