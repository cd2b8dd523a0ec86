"""Article metadata from a plain-text page and its URL: title, authors, date, outlet, dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from .clean import Block, _is_heading, _visible

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501
_DATE_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH},?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_DATE_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|\b)")
_BYLINE = re.compile(r"^\s*(?:By|Written [Bb]y|BY)[:\s]+(.+?)\s*$")
_DATELINE = re.compile(r"^([A-Z][A-Z .'-]{2,40}?)(?:,\s*[A-Z][\w.]*\.?\s*\d{1,2})?\s*(?:--|—|–|\()")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright)\s*(?:\d{4}\s*)?(.+?)(?:\.|,|$)", re.IGNORECASE)
_MESSAGE_FROM = re.compile(r"A Message from (.+?):?\s*$")


@dataclass
class Metadata:
    """What a page says about its article."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    outlet: str | None = None
    dateline: str | None = None


def iso_date(text: str) -> str | None:
    """The first date written as news writes them ("Saturday, September 15, 2001")."""
    for rx, order in ((_DATE_MDY, "mdy"), (_DATE_DMY, "dmy"), (_DATE_ISO, "iso")):
        m = rx.search(text)
        if not m:
            continue
        if order == "iso":
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif order == "mdy":
            mo, d, y = _month(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            d, mo, y = int(m.group(1)), _month(m.group(2)), int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS.get(key[:3], 0)


def url_date(url: str | None) -> str | None:
    m = _URL_DATE.search(url or "")
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def url_outlet(url: str | None) -> str | None:
    host = urlparse(url or "").hostname or ""
    parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "edition", "uk", "us")]
    return parts[-2] if len(parts) >= 2 else None


def extract_metadata(blocks: list[Block], url: str | None = None) -> Metadata:
    """Metadata from the blocks of a page (as classified by ``clean.classify``)."""
    meta = Metadata()
    body = [i for i, b in enumerate(blocks) if b.keep]
    first_body = body[0] if body else len(blocks)
    for b in blocks[: first_body + 1]:
        vis = _visible(b.text)
        if meta.title is None and (b.text.lstrip().startswith("#") or _is_heading(b)) and b.words >= 3:
            meta.title = vis
        m = _BYLINE.match(vis)
        if m and not meta.authors:
            meta.authors = [a.strip() for a in re.split(r",| and ", m.group(1)) if a.strip()]
        if meta.date is None and b.words <= 12:
            meta.date = iso_date(vis)
    if body:
        m = _DATELINE.match(blocks[body[0]].text)
        if m:
            meta.dateline = m.group(1).strip().title()
    meta.date = meta.date or url_date(url)
    meta.outlet = _outlet(blocks, url)
    return meta


def _outlet(blocks: list[Block], url: str | None) -> str | None:
    for b in blocks:
        vis = _visible(b.text)
        m = _MESSAGE_FROM.match(vis)
        if m:
            return m.group(1).strip()
        if b.words <= 12:
            m = _COPYRIGHT.search(vis)
            if m:
                return re.sub(r"\s+(Company|Inc|Ltd|LLC|Group)\.?$", "", m.group(1).strip())
    return url_outlet(url)
