"""From a raw input to an Article: clean body, metadata, language and a content-hash id."""

from __future__ import annotations

import hashlib

from ..errors import InputError
from ..model import Article
from ..offsets import Segment
from ..text.clean import build_text, classify
from ..text.lang import guess_language
from ..text.meta import Metadata, extract_metadata, iso_date, url_date, url_outlet
from .html import compose, extract_html, fragment_text
from .sources import RawInput

CLEANER_TEXT = "clean.text.v2"
CLEANER_HTML = "clean.html.trafilatura.v1"
CLEANER_FRAGMENT = "clean.fragment.v1"


def content_id(content: str) -> str:
    """A stable id for an input: the SHA-256 of its text, whitespace-normalised, 20 hex digits."""
    norm = " ".join(content.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:20]


def prepare(raw: RawInput) -> Article:
    """Clean ``raw`` into an Article. Raises ``InputError`` (P108) for HTML with no body."""
    if raw.format == "html":
        page = extract_html(raw.content, url=raw.url, source=raw.source)
        text, segments, extractor = page.text, page.segments, CLEANER_HTML
        meta = Metadata(page.title, page.authors, page.date, page.outlet or url_outlet(raw.url), None)
    elif raw.format == "fragment":
        plain, outer = fragment_text(raw.content)
        text, inner, meta = clean_page(plain, raw.url, raw.site_lines)
        segments, extractor = compose(outer, inner), CLEANER_FRAGMENT
    else:
        text, segments, meta = clean_page(raw.content, raw.url, raw.site_lines)
        extractor = CLEANER_TEXT
    if not text.strip():
        raise InputError("P108", "no article text was left after cleaning", source=raw.source, location=raw.location)
    return Article(
        id=content_id(raw.content),
        raw=raw.content,
        text=text,
        segments=segments,
        ref=raw.ref,
        url=raw.url,
        outlet=raw.outlet or meta.outlet,
        title=raw.title or meta.title,
        authors=tuple(raw.authors or meta.authors),
        date=_date(raw.date) or meta.date or url_date(raw.url),
        dateline=meta.dateline,
        language=guess_language(text),
        source=raw.source + (f":{raw.location}" if raw.location else ""),
        input_format=raw.format,
        extractor=extractor,
    )


def clean_page(
    raw: str, url: str | None, site_lines: frozenset[str] = frozenset()
) -> tuple[str, tuple[Segment, ...], Metadata]:
    """The body of a plain-text page (its headline first), its segments and its metadata."""
    blocks = classify(raw, site_lines)
    meta = extract_metadata(blocks, url)
    if meta.title_block is not None:  # headlines carry signals: the title stays in the text
        blocks[meta.title_block].keep = blocks[meta.title_block].heading = True
    text, segments = build_text(raw, blocks)
    return text, segments, meta


def _date(value: str | None) -> str | None:
    """An ISO date from a record's ``date`` field, whatever format it came in."""
    if not value:
        return None
    value = value.strip()
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    return iso_date(value) or value
