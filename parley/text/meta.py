"""Article metadata from a plain-text page and its URL: title, authors, date, outlet, dateline.

The page has been cut into labelled units by ``clean.classify``. Metadata is read from
where pages put it, never from boilerplate: the title is the heading near the top that
shares most words with the body (a site's tagline shares few); bylines and dates come
from the head of the page, not from a banner or a footer; the outlet from a copyright
line, a newsroom's message or disclaimer, a bio ("X is Outlet's editor"), or the URL.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlparse

from .clean import Block, is_heading

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
_DATE_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_DATE_ISO = re.compile(r"\b((?:19|20)\d\d)[-/](\d\d)[-/](\d\d)\b")
_DATE_DOTS = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|\b)")
_UPDATED = re.compile(r"\b(updated|modified|last edited)\b", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*(?:By|BY|Written [Bb]y|Words [Bb]y|Author|Authors|Reporting [Bb]y)\b[:\s]+(.+?)\s*$")
_BYLINE_END = re.compile(r"\bby ([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*$")
_BYLINE_ALONE = re.compile(r"^\s*(?:Written [Bb]y|By|Author|About the [Aa]uthor)\s*:?\s*$")
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\.?\s+){0,3}[A-Z][\w'’-]+$")
_NAME_START = re.compile(r"^((?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]+)\s+(?:is|was|has|writes|covers)\b")
_DATELINE = re.compile(
    r"^([A-Z][A-Za-z .'-]{2,40}?)(?:,\s*[A-Z][\w.]*\.?\s*\d{1,2})?(?:\s*\([^)]{2,30}\))?\s*(?:--|—|–|-\s)"
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|Copyright)\s*(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d)?\s*)?,?\s*(.+?)(?:[.,|]|$)", re.IGNORECASE
)
_MESSAGE_FROM = re.compile(r"^A (?:Message|Note|Letter|Word) from (.+?)\s*:?\s*$", re.IGNORECASE)
_POSITION_OF = re.compile(
    r"\b(?:position|views|opinions?|policy) of ((?:the |The )?[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,4})"
)
_POSSESSIVE_ROLE = re.compile(
    r"\bis ((?:the |The )?[A-Z0-9][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s\s+(?:[\w-]+\s+){0,3}"
    r"(?:editor|correspondent|reporter|writer|columnist|contributor|producer|analyst)\b",
    re.IGNORECASE,
)
_CORP_SUFFIX = re.compile(r"[\s,]+(?:Company|Co|Inc|Ltd|LLC|Group|Corporation|Corp|plc|GmbH|Media Group)\.?$")
_STOP = frozenset(
    "the a an of and or to in on for with as by at from is are was were be it its this that his her their "
    "will would not no says said".split()
)
_HEAD_UNITS = 12


@dataclass
class Metadata:
    """What a page says about its article."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    title_block: int | None = None


# --- dates ------------------------------------------------------------------------------


def iso_date(text: str) -> str | None:
    """The first date written as news writes them ("Saturday, September 15, 2001")."""
    found = [d for d in (_find_date(rx, order, text) for rx, order in _DATE_FORMS) if d]
    return min(found)[1] if found else None


_DATE_FORMS = ((_DATE_MDY, "mdy"), (_DATE_DMY, "dmy"), (_DATE_ISO, "iso"), (_DATE_DOTS, "dots"))


def _find_date(rx: re.Pattern[str], order: str, text: str) -> tuple[int, str] | None:
    for m in rx.finditer(text):
        g = m.groups()
        if order in ("iso",):
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        elif order == "mdy":
            mo, d, y = _month(g[0]), int(g[1]), int(g[2])
        elif order == "dmy":
            d, mo, y = int(g[0]), _month(g[1]), int(g[2])
        else:
            d, mo, y = int(g[0]), int(g[1]), int(g[2])
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return m.start(), f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS.get(key[:3], 0)


def url_date(url: str | None) -> str | None:
    """A date written in a URL path ("/2023/08/04/..."), when there is one."""
    m = _URL_DATE.search(urlparse(url or "").path)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return None


def url_outlet(url: str | None) -> str | None:
    """The site name in a URL's host ("www.themoscowtimes.com" -> "themoscowtimes")."""
    host = urlparse(url or "").hostname or ""
    parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "edition", "mobile", "news")]
    if len(parts) >= 3 and len(parts[-2]) <= 3 and len(parts[-1]) == 2:
        parts = parts[:-1]  # example.co.uk
    return parts[-2] if len(parts) >= 2 else None


# --- the page -----------------------------------------------------------------------------


def extract_metadata(blocks: list[Block], url: str | None = None) -> Metadata:
    """Metadata from the units of a page (as labelled by ``clean.classify``)."""
    meta = Metadata()
    meta.outlet = _outlet(blocks, url)
    meta.title_block = _title(blocks, _body_words(blocks), meta.outlet)
    if meta.title_block is not None:
        meta.title = blocks[meta.title_block].vis.strip()
    meta.outlet = meta.outlet or _masthead(blocks, meta.title_block)
    head = _head(blocks)
    meta.authors = _authors(blocks, head)
    meta.date = _date(blocks, head) or url_date(url)
    meta.dateline = _dateline(blocks)
    return meta


def _content_words(text: str) -> list[str]:
    """Stems (first five letters) of the words that say what a text is about."""
    return [w[:5] for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in _STOP and len(w) > 2]


def _body_words(blocks: list[Block]) -> Counter[str]:
    return Counter(w for b in blocks if b.kind == "prose" for w in _content_words(b.vis))


def _head(blocks: list[Block]) -> list[int]:
    """Units at the top of the page: up to the first prose paragraph, and a few more."""
    first = next((i for i, b in enumerate(blocks) if b.kind == "prose"), len(blocks))
    return list(range(min(len(blocks), max(first + 4, 6), first + _HEAD_UNITS)))


def _title(blocks: list[Block], body: Counter[str], outlet: str | None) -> int | None:
    """The unit most like a headline: near the top, title-shaped, about what the body is about."""
    best, best_score = None, 0.0
    prose_seen = 0
    echoed = {_key(b.vis.rstrip(".…")) for b in blocks if b.kind in ("teaser", "repeat")}
    for i, b in enumerate(blocks[:40]):
        prose_seen += b.kind == "prose"
        if prose_seen > 3:
            break
        if outlet and _key(b.vis) == _key(outlet):
            continue  # the masthead, not the headline
        score = _title_score(b, i, body) + (0.3 if _key(b.vis) in echoed else 0.0)
        if score > best_score:
            best, best_score = i, score
    return best


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _title_score(b: Block, i: int, body: Counter[str]) -> float:
    if b.kind in ("link", "chrome", "caption", "appeal", "repeat", "teaser", "bio") or b.words < 3 or b.words > 25:
        return 0.0
    if b.kind == "prose" or _BYLINE.match(b.vis) or _BYLINE_END.search(b.vis) or iso_date(b.vis):
        return 0.0
    marked = b.text.lstrip().startswith("# ")
    shaped = marked or is_heading(b) or i == 0
    if not shaped and (b.words < 5 or b.vis.rstrip("’'\"”").endswith(".")):
        return 0.0  # sentence-case headlines are long enough and end without a full stop
    words = _content_words(b.vis)
    if not words:
        return 0.0
    matched = sum(1 for w in words if body[w])
    about = matched / len(words) * min(1.0, matched / 3)
    score = about + 0.5 * marked + 0.2 * (i == 0) + 0.1 * shaped + 0.05 * min(b.words, 12) / 12
    return score * (1 - 0.02 * min(i, 20))  # headlines come first


def _authors(blocks: list[Block], head: list[int]) -> list[str]:
    for i in head:
        vis = blocks[i].vis
        m = _BYLINE.match(vis)
        if m and not _BYLINE_ALONE.match(vis):
            names = _names(m.group(1))
            if names:
                return names
        if _BYLINE_ALONE.match(vis):
            names = _name_after(blocks, i)
            if names:
                return names
        m = _BYLINE_END.search(vis)
        if m and blocks[i].words <= 15 and blocks[i].kind != "prose":
            return _names(m.group(1))
    in_head = set(head)  # a set: a page of thousands of lines made the list lookup quadratic
    for i, b in enumerate(blocks):  # a "Written by" box or a bio at the foot of the page
        if i not in in_head and _BYLINE_ALONE.match(b.vis):
            names = _name_after(blocks, i)
            if names:
                return names
    return []


def _name_after(blocks: list[Block], i: int) -> list[str]:
    for b in blocks[i + 1 : i + 3]:
        if _NAME.match(b.vis) and b.words <= 4:
            return [b.vis]
        m = _NAME_START.match(b.vis)
        if m:
            return [m.group(1)]
    return []


def _names(text: str) -> list[str]:
    """Names in a byline ("Ann Lee and Bo Park, Reuters" -> ["Ann Lee", "Bo Park"])."""
    text = re.split(r"\s+[|•·–—]\s+|\s{2,}|;", text)[0]
    parts = [p.strip(" .,") for p in re.split(r",|\band\b|&", text)]
    return [p for p in parts if p and _NAME.match(p) and len(p.split()) <= 4 and not _is_org(p)]


def _is_org(name: str) -> bool:
    return bool(re.search(r"\b(Staff|Reporter|Correspondent|Editor|Writer|Columnist|Contributor|Analyst|Producer|"
                          r"Chief|Bureau|News|Press|Agency|Service|Desk|Times|Post)\b", name))


def _date(blocks: list[Block], head: list[int]) -> str | None:
    """The first publication date in the head of the page, preferring it over "Updated" dates."""
    found: list[str] = []
    for i in head:
        b = blocks[i]
        if b.kind in ("appeal", "chrome", "caption", "link", "teaser") or b.words > 25:
            continue
        d = iso_date(b.vis)
        if d and not _UPDATED.search(b.vis):
            return d
        if d:
            found.append(d)
    return found[0] if found else None


def _dateline(blocks: list[Block]) -> str | None:
    for b in [b for b in blocks if b.keep and b.kind == "prose"][:2]:
        m = _DATELINE.match(b.vis)
        if m and m.group(1).strip().split()[0].isupper():
            return m.group(1).strip().title()
        if m and re.match(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)?,?\s*(?:\([^)]+\))?\s*(?:--|—|–)", b.vis):
            return m.group(1).strip()
    return None


# --- outlet -------------------------------------------------------------------------------


def _outlet(blocks: list[Block], url: str | None) -> str | None:
    """The outlet named by the page itself, else the one its URL's domain spells."""
    for finder in (_outlet_message, _outlet_copyright, _outlet_bio, _outlet_disclaimer):
        for b in blocks:
            name = finder(b)
            if name:
                return _fullest(_tidy_outlet(name), blocks)
    urls = [url] if url else []
    urls += [m.group(0) for b in blocks for m in re.finditer(r"https?://[^\s)>\]]+", b.text)]
    for u in urls:
        name = _outlet_from_domain(u, blocks)
        if name:
            return name
    return url_outlet(url)


def _masthead(blocks: list[Block], title: int | None) -> str | None:
    """A newspaper's name above the headline ("The Eastern Courier"), when nothing else names one."""
    for b in blocks[: title if title is not None else 6]:
        words = b.vis.split()
        if b.kind in ("heading", "short") and 2 <= len(words) <= 5 and words[0] == "The" and is_heading(b):
            return b.vis
    return None


def _outlet_message(b: Block) -> str | None:
    m = _MESSAGE_FROM.match(b.vis)
    return m.group(1) if m and b.words <= 10 else None


def _outlet_copyright(b: Block) -> str | None:
    if b.words > 20:
        return None
    m = _COPYRIGHT.search(b.vis)
    name = m.group(1).strip() if m else ""
    return name if name and name[0].isupper() and len(name.split()) <= 6 else None


def _outlet_bio(b: Block) -> str | None:
    if b.kind not in ("bio", "tail", "prose", "appeal?"):
        return None
    m = _POSSESSIVE_ROLE.search(b.vis)
    return m.group(1) if m and b.kind in ("bio", "tail") else None


def _outlet_disclaimer(b: Block) -> str | None:
    if "views" not in b.vis.lower() and "opinion" not in b.vis.lower():
        return None
    m = _POSITION_OF.search(b.vis)
    return m.group(1) if m else None


def _outlet_from_domain(url: str, blocks: list[Block]) -> str | None:
    """A name on the page that spells the URL's site ("The Moscow Times" for themoscowtimes.com)."""
    site = url_outlet(url)
    if not site or len(site) < 4:
        return None
    text = " ".join(b.vis for b in blocks)
    for m in re.finditer(r"\b(?:The\s+)?[A-Z0-9][\w&'-]*(?:\s+[A-Z0-9][\w&'-]*){0,4}", text):
        name = m.group(0)
        bare = re.sub(r"^The\s+", "", name)
        if site.lower() in (re.sub(r"\W", "", name).lower(), re.sub(r"\W", "", bare).lower()):
            return name
    return None


def _fullest(name: str, blocks: list[Block]) -> str:
    """The fullest form of an outlet's name on the page ("the Observer" -> "The Dravec Observer")."""
    core = re.sub(r"^[Tt]he\s+", "", name)
    rx = re.compile(r"\b(?:[Tt]he\s+)?(?:[A-Z][\w'’&-]*\s+){0,3}" + re.escape(core) + r"(?!\w)")
    found = [m.group(0) for b in blocks for m in rx.finditer(b.vis)]
    bare = [re.sub(r"^[Tt]he\s+", "", f) for f in found]
    longest = max(range(len(found)), key=lambda k: len(bare[k].split()), default=None)
    if longest is not None and len(bare[longest].split()) > len(core.split()):
        name = found[longest]
    return re.sub(r"^the\b", "The", name)


def _tidy_outlet(name: str) -> str:
    name = re.sub(r"\s+", " ", name.strip(" .:*_"))
    name = re.sub(r"\s*All rights reserved\.?$", "", name, flags=re.IGNORECASE)
    return _CORP_SUFFIX.sub("", name).strip()
