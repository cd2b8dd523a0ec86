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
from ..offsets import Segment

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


def extract_html(page: str, url: str | None = None, source: str | None = None) -> HtmlArticle:
    """The article body and metadata of an HTML page, or P108 when there is none."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=False
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
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
