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


_NONSPACE = re.compile(r"\S+")


def visible_chars(page: str) -> tuple[str, list[int]]:
    """The page's visible non-space characters (entities decoded) and each one's offset in ``page``."""
    parts: list[str] = []
    where: list[int] = []
    for m in _TOKENS.finditer(page):
        tok = m.group(0)
        if tok[0] == "<" and len(tok) > 1:
            continue
        if tok[0] == "&" and tok.endswith(";"):
            chars = "".join(htmllib.unescape(tok).split())
            parts.append(chars)
            where.extend([m.start()] * len(chars))
            continue
        base = m.start()
        for r in _NONSPACE.finditer(tok):
            parts.append(r.group(0))
            where.extend(range(base + r.start(), base + r.end()))
    return "".join(parts), where


def align(clean: str, page: str) -> tuple[Segment, ...]:
    """Segments mapping ``clean`` (trafilatura's text) into ``page`` where they agree literally.

    Each line of ``clean`` is found, white space ignored, in the page's visible text after
    the previous line; its characters that equal the page's become segments.
    """
    stream, where = visible_chars(page)
    segs: list[list[int]] = []
    cursor = pos = 0
    for line in clean.split("\n"):
        runs = [(pos + r.start(), r.group(0)) for r in _NONSPACE.finditer(line)]
        key = "".join(t for _, t in runs)
        hit = stream.find(key, cursor) if key else -1
        if hit >= 0:
            j = hit
            for cs, t in runs:
                _map_run(segs, cs, t, where[j : j + len(t)], page)
                j += len(t)
            cursor = hit + len(key)
        pos += len(line) + 1
    return _merge(segs, clean, page)


def _map_run(segs: list[list[int]], cs: int, run: str, raw: list[int], page: str) -> None:
    """Segments for one run of non-space characters found at page offsets ``raw``."""
    if raw[-1] - raw[0] == len(run) - 1 and page[raw[0] : raw[0] + len(run)] == run:
        segs.append([cs, raw[0], len(run)])  # the common case: the run is literally in the page
        return
    for k, ch in enumerate(run):
        r = raw[k]
        if page[r] != ch:
            continue  # a decoded entity: not in the page as such
        last = segs[-1] if segs else None
        if last and last[0] + last[2] == cs + k and last[1] + last[2] == r:
            last[2] += 1
        else:
            segs.append([cs + k, r, 1])


def _merge(segs: list[list[int]], clean: str, page: str) -> tuple[Segment, ...]:
    """Join neighbouring segments when the white space between them is the same in both texts."""
    out: list[list[int]] = []
    for seg in segs:
        if out:
            cs, rs, n = out[-1]
            gap = seg[0] - (cs + n)
            if gap >= 0 and seg[1] - (rs + n) == gap and clean[cs + n : seg[0]] == page[rs + n : seg[1]]:
                out[-1][2] += gap + seg[2]
                continue
        out.append(list(seg))
    return tuple((a, b, n) for a, b, n in out)


# htmldate's extensive search doubles the cost of a page for rare gains; the URL and the
# page's own date lines are searched anyway, and the publication (not update) date wins.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _has_article(text: str) -> bool:
    """Whether extracted text reads as an article: some prose, not a menu left over."""
    from ..text.clean import blocks, is_prose

    if len(text.split()) >= 40 or len(text) >= 400:  # 400 characters: languages written without spaces
        return True
    return any(is_prose(b) for b in blocks(text))


def extract_html(page: str, url: str | None = None, source: str | None = None) -> HtmlArticle:
    """The article body and metadata of an HTML page, or P108 when there is none."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_precision=False,
        date_extraction_params=_DATE_PARAMS,
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
