"""Clean a plain-text page dump down to the article body, keeping a map to the input.

Text copied from a browser carries the site around the article: banners, donation
appeals, navigation prompts, captions, author bios, copyright lines. No library handles
raw text, so parley cuts the page into units (paragraphs, or lines of a block of short
lines) and labels each one from signals of boilerplate rather than from known strings:

- shape: length, terminal punctuation, share of capitalised words, link-only lines;
- vocabulary: web chrome ("subscribe", "skip to"), photo credits, appeals that address
  the reader ("your support") outside quotation marks, author bios ("X is a journalist");
- repetition: a unit repeated on the page, or a truncated teaser of another unit;
- position: the article is the run from the first to the last prose unit; appeals and
  bios count as chrome only next to other chrome or after the last prose.

Every prose paragraph and the subheadings between them are kept; paragraphs broken
mid-sentence by a blank line are joined again. Markdown links keep their text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..offsets import Segment, TextBuilder
from .segment import Span

_BLOCK_SEP = re.compile(r"\n[ \t\r\f\v]*\n")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\n]*)\)")
_MD_DECOR = re.compile(r"^[#>*_\s]+|[*_\s]+$")
_URL_ONLY = re.compile(r"^<?(https?://|www\.)\S+>?$")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_TERMINAL = tuple(".!?\"'”’»)…")
_CLOSERS = "\"'”’»)]*_ "

#: Phrases of site chrome: navigation, sharing, subscriptions, legal lines, credits.
_CHROME = re.compile(
    r"\b(subscribe|subscription|newsletter|cookies?|advertisement|sign up|sign in|"
    r"log ?in|log ?out|skip to|jump to|donat\w+|your support|support us|please support|dear readers?|"
    r"all rights reserved|copyright|image credit|photo credit|read more|read also|also read|related:|"
    r"related (?:stories|articles|content|posts)|most (?:read|popular|viewed)|"
    r"views expressed|original url|written by|follow us|share (?:this|on|via)|connect with us|"
    r"what are you looking for|remind me later|ad-free|terms of (?:use|service)|privacy policy|"
    r"click here|tap here|listen to this article|min read|print this|email this|leave a comment|"
    r"back to top|main menu|toggle navigation|search for|continues below|necessarily reflect|unsubscribe|"
    r"this email|in your browser|update your preferences|support our|share:|facebook|twitter|whatsapp|"
    r"linkedin|telegram|pinterest)(?!\w)"
)  # matched against lower-cased text: much faster than IGNORECASE
#: A photo or image credit: the mark of a caption.
_CREDIT = re.compile(
    r"\b(?:photo|image|picture|illustration|photograph)s?(?: credit)?\s*(?:by\b|:)|\bcredit:|"
    r"getty images|shutterstock|creative commons|\w/(?:reuters|afp|ap|epa|getty)\b|"
    r"\b(?:reuters|afp|epa|tass|ria novosti)/\w"
)
_READER = re.compile(r"\b(?:we|we're|we've|our|ours|us|you|you're|you've|your|yours)\b")
_US = re.compile(r"\bUS\b")
_APPEAL = re.compile(
    r"\b(?:support\w*|donat\w+|contribut\w+|subscri\w+|member(?:ship)?s?|journalism|journalists|readers?|"
    r"help|please|thank|monthly|independent|newsroom|paywall|ads?)\b"
)
_QUOTED = re.compile(r"[\"“«][^\"“”«»]*(?:[\"”»]|$)")
_ROLE = (
    r"(?:author|journalist|reporter|correspondent|editor|writer|columnist|contributor|researcher|fellow|"
    r"professor|analyst|scholar|blogger|photographer|producer|freelancer|novelist|commentator|lecturer)"
)
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){1,3}(?:is|was|has been|serves as|writes)\b[^.]{0,160}?\b(?i:" + _ROLE + r"s?)\b"
)
_MENU_SEP = re.compile(r"\s[|»›•]\s")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·–]|\d+[.)]|\[\d+\])\s+")


@dataclass
class Block:
    """A unit of the input (a paragraph, or one line of a block of short lines) and its label.

    ``kind`` says what cleaning decided and why: "prose", "heading", "short", or a kind of
    boilerplate ("link", "chrome", "caption", "appeal", "bio", "repeat", "teaser", "date", "tail").
    """

    span: Span
    text: str
    kind: str = "short"
    keep: bool = False
    heading: bool = False
    joined: bool = False  # continues the sentence of the kept unit before it
    after_blank: bool = True  # separated from the unit before it by a blank line
    vis: str = field(default="", repr=False)
    low: str = field(default="", repr=False)
    words: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        self.vis = _visible(self.text)
        self.low = self.vis.lower()
        self.words = len(_WORD.findall(self.vis))


def _visible(text: str) -> str:
    """Unit text without markdown links, emphasis and heading marks."""
    return _MD_DECOR.sub("", _MD_LINK.sub(r"\1", text)).strip()


# --- units ----------------------------------------------------------------------------


def blocks(raw: str) -> list[Block]:
    """The units of ``raw``: blank-line blocks, split into lines unless they are hard-wrapped."""
    out: list[Block] = []
    pos = 0
    for m in [*_BLOCK_SEP.finditer(raw), None]:
        end = m.start() if m else len(raw)
        _add_block(raw, pos, end, out)
        pos = m.end() if m else len(raw)
    return out


def _add_block(raw: str, start: int, end: int, out: list[Block]) -> None:
    lines: list[tuple[int, int]] = []
    offset = start
    for line in raw[start:end].split("\n"):
        lines.append((offset, offset + len(line)))
        offset += len(line) + 1
    first = len(out)
    for a, b in _group_lines(raw, [(a, b) for a, b in lines if raw[a:b].strip()]):
        _append(raw, a, b, out)
    for k in range(first + 1, len(out)):
        out[k].after_blank = False


def _group_lines(raw: str, lines: list[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """Lines of a block grouped into units: hard-wrapped text and lower-case continuations join."""
    if not lines:
        return []
    if _hard_wrapped([raw[a:b].rstrip() for a, b in lines]):
        return [(lines[0][0], lines[-1][1])]
    groups = [list(lines[0])]
    for a, b in lines[1:]:
        nxt = raw[a:b].lstrip()
        prev = raw[groups[-1][0] : groups[-1][1]].rstrip()
        if nxt[:1].islower() and not prev.endswith(_TERMINAL) and not _LIST_ITEM.match(nxt):
            groups[-1][1] = b
        else:
            groups.append([a, b])
    return [(a, b) for a, b in groups]


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether a block is one paragraph wrapped at a fixed width (wire copy, e-mail)."""
    if len(lines) < 3 or any(_LIST_ITEM.match(line) for line in lines):
        return False
    width = max(len(line) for line in lines)
    body = lines[:-1]
    near = sum(1 for line in body if len(line) >= 0.7 * width and not line.endswith((".", "?", "!", ":")))
    return 40 <= width <= 100 and near >= 0.7 * len(body)


def _append(raw: str, start: int, end: int, out: list[Block]) -> None:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Block(Span(start, end), raw[start:end]))


# --- unit signals ---------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _ends_terminal(vis: str) -> bool:
    return vis.rstrip(_CLOSERS).endswith((".", "!", "?", "…")) or vis.endswith(_TERMINAL)


def is_prose(b: Block) -> bool:
    """A sentence-like paragraph: words ending as sentences end, or a long paragraph cut short."""
    if b.words < 8 or _URL_ONLY.match(b.vis):
        return False
    if _ends_terminal(b.vis):
        return b.words >= 12 or _caps_share(b.vis) < 0.5 and not _reader_address(b.vis)[0]
    return b.words >= 20 and _caps_share(b.vis) < 0.5


def _caps_share(vis: str) -> float:
    words = _WORD.findall(vis)
    return sum(1 for w in words if w[0].isupper()) / max(1, len(words))


def is_heading(b: Block) -> bool:
    """A short title-like line: 2–20 words, mostly capitalised or marked ``#``, no closing stop."""
    vis = b.vis
    if not vis or b.words < 2 or b.words > 20 or vis.rstrip(_CLOSERS).endswith((".", ",", ";", ":")):
        return False
    words = _WORD.findall(vis)
    caps = [w for w in words if w[0].isupper()]
    return b.text.lstrip().startswith("#") or len(caps) >= max(2, round(0.6 * len(words)))


def _link_only(b: Block) -> bool:
    vis = b.vis
    if not vis or _URL_ONLY.match(vis):
        return True
    linked = sum(len(m.group(1)) for m in _MD_LINK.finditer(b.text))
    return linked > 0 and linked >= 0.8 * len(_MD_DECOR.sub("", _MD_LINK.sub(r"\1", b.text)).strip())


def _is_chrome(b: Block) -> bool:
    """Chrome vocabulary in a short line, or twice in a paragraph; or a menu of separated items."""
    hits = len(_CHROME.findall(b.low))
    if hits >= 2 and b.words < 80 or hits >= 1 and (b.words < 12 or b.words < 25 and not is_prose(b)):
        return True
    return len(_MENU_SEP.findall(b.vis)) >= 2 and b.words < 20


def _reader_address(vis: str) -> tuple[int, int]:
    """(words addressing the reader or the newsroom, appeal words), outside quotations."""
    narration = _QUOTED.sub(" ", vis)
    low = narration.lower()
    you = len(_READER.findall(low)) - len(_US.findall(narration))  # "US" is the United States
    return you, len(_APPEAL.findall(low))


def appeal_strength(b: Block) -> int:
    """2 for an unmistakable appeal to the reader, 1 for a possible one, 0 for none."""
    you, asks = _reader_address(b.vis)
    if you >= 2 and asks >= 2 or you >= 1 and asks >= 3 or you >= 4 and you >= 0.06 * b.words:
        return 2
    return 1 if you >= 2 else 0


def _label(b: Block) -> str:
    if not b.vis or b.words == 0 or _link_only(b):
        return "link"
    if b.words < 90 and _CREDIT.search(b.low):
        return "caption"
    if _is_chrome(b):
        return "chrome"
    strength = appeal_strength(b)
    if strength == 2:
        return "appeal"
    if _BIO.match(b.vis):
        return "bio"
    if is_prose(b):
        return "appeal?" if strength else "prose"
    if b.words <= 10 and _is_date_line(b.vis):
        return "date"
    return "heading" if is_heading(b) else "short"


def _is_date_line(vis: str) -> bool:
    """A dateline of the page ("Wednesday, October 9, 2024", "Updated 13 May 2022 10:32 GMT")."""
    from .meta import iso_date  # meta reads clean's labels; the import is here to avoid a cycle

    if vis.rstrip().endswith(":"):
        return False  # "On July 6, 2015, Lena Morrow made this comment:" announces a quote, it dates no page
    return iso_date(vis) is not None


SITE_LINE_WORDS = 12


def line_key(b: Block) -> str | None:
    """The key a short line is remembered by across a site's pages (None for sentences).

    Sentences are never remembered: two articles may share a quoted line, and it is
    evidence in both.
    """
    if not 0 < b.words <= SITE_LINE_WORDS or _ends_terminal(b.vis) and b.words > 3:
        return None
    return _norm(b.vis)


def _mark_captions(bl: list[Block]) -> None:
    """The title line of a caption (a heading right above it, in the same block) is caption too."""
    for b, nxt in zip(bl, bl[1:], strict=False):
        if nxt.kind == "caption" and not nxt.after_blank and b.kind in ("heading", "short"):
            b.kind = "caption"


def _mark_broken(bl: list[Block]) -> None:
    """Two halves of a paragraph broken mid-sentence by a blank line are prose together."""
    loose = ("prose", "short", "heading")
    for a, b in zip(bl, bl[1:], strict=False):
        if b.vis[:1].islower() and not _ends_terminal(a.vis) and a.kind in loose and b.kind in loose:
            if a.words + b.words >= 12 and (a.kind == "prose" or b.kind == "prose" or _ends_terminal(b.vis)):
                a.kind = b.kind = "prose"


def _mark_repeats(bl: list[Block]) -> None:
    """Later copies of a unit, and truncated teasers of another unit, are boilerplate."""
    seen: dict[str, int] = {}
    for i, b in enumerate(bl):
        key = _norm(b.vis)
        if b.words >= 4 and key in seen:
            b.kind = "repeat"
        seen.setdefault(key, i)
        stem = b.vis.rstrip(_CLOSERS)
        if stem.endswith(("...", "…")) and len(stem) > 25:
            prefix = _norm(stem.rstrip(".…"))
            if any(j != i and _norm(o.vis).startswith(prefix) for j, o in enumerate(bl)):
                b.kind = "teaser"
                nxt = bl[i + 1] if i + 1 < len(bl) else None
                if nxt is not None and not nxt.after_blank and _norm(nxt.vis).startswith(prefix):
                    nxt.kind = "teaser"  # the card a truncated teaser opens


_BAD = frozenset({"link", "caption", "chrome", "appeal", "repeat", "teaser", "tail", "date"})
_BODY = frozenset({"prose"})


def _settle_appeals(bl: list[Block]) -> None:
    """A possible appeal is one when it sits beside chrome or another appeal."""
    changed = True
    while changed:
        changed = False
        for i, b in enumerate(bl):
            if b.kind != "appeal?":
                continue
            around = [bl[j] for j in (i - 1, i + 1) if 0 <= j < len(bl)]
            if any(o.kind in _BAD or (o.kind == "short" and not _ends_terminal(o.vis)) for o in around):
                b.kind, changed = "appeal", True


# --- the article ------------------------------------------------------------------------


def classify(raw: str, site_lines: frozenset[str] = frozenset()) -> list[Block]:
    """Units of ``raw`` with ``kind`` set and ``keep`` on the article body.

    ``site_lines`` are short lines (as ``line_key`` gives them) seen on other pages of the
    same site: menus, prompts and footers repeat from page to page, articles do not.
    """
    bl = blocks(raw)
    for b in bl:
        b.kind = "chrome" if site_lines and line_key(b) in site_lines else _label(b)
    _mark_captions(bl)
    _mark_broken(bl)
    _mark_repeats(bl)
    _settle_appeals(bl)
    body = [i for i, b in enumerate(bl) if b.kind in _BODY]
    if not body:
        for b in bl:
            b.keep = b.kind not in _BAD and b.kind != "bio" and b.words >= 3
        return bl
    first, last = body[0], body[-1]
    for i, b in enumerate(bl):
        if i > last and b.kind not in _BAD:
            b.kind = "tail" if b.kind in ("appeal?", "short", "heading") else b.kind
        if first <= i <= last:
            _decide(bl, i)
    _keep_lead(bl, first)
    _keep_cut_end(bl, last)
    _join_broken(bl)
    return bl


def _keep_lead(bl: list[Block], first: int) -> None:
    """Right above the body: its subheading, and key-point bullets that open some articles."""
    for i in range(first - 1, -1, -1):
        b = bl[i]
        if b.kind in _BAD or b.kind == "bio":
            return
        if _LIST_ITEM.match(b.vis) and b.words >= 6:
            b.keep = True
        elif b.kind == "heading" and i == first - 1:
            b.keep = b.heading = True
        else:
            return


def _keep_cut_end(bl: list[Block], last: int) -> None:
    """Short closing sentences right after the last paragraph, and one cut off mid-sentence at
    the very end of an excerpt, are still the article's."""
    i = last + 1
    while i < len(bl) and bl[i].kind in ("tail", "short") and _closing_sentence(bl[i]):
        bl[i].keep, bl[i].kind = True, "prose"
        i += 1
    if i + 1 != len(bl):
        return
    b = bl[-1]
    if b.kind in ("tail", "short") and b.words >= 8 and _caps_share(b.vis) < 0.5 and not _ends_terminal(b.vis):
        b.keep, b.kind = True, "prose"


def _closing_sentence(b: Block) -> bool:
    return 4 <= b.words and _ends_terminal(b.vis) and _caps_share(b.vis) < 0.5 and not _reader_address(b.vis)[0]


def _decide(bl: list[Block], i: int) -> None:
    """Keep a unit inside the body run unless it is boilerplate or a stray short line."""
    b = bl[i]
    if b.kind in _BAD:
        return
    if b.kind in ("prose", "appeal?", "bio"):
        b.keep = True
    elif b.kind == "heading" or _subheading(bl, i):
        nxt = bl[i + 1] if i + 1 < len(bl) else None
        b.keep = b.heading = nxt is not None and (nxt.kind in ("prose", "appeal?", "bio") or nxt.kind == "short"
                                                  and nxt.words >= 8)
    else:
        sentence = _ends_terminal(b.vis) and b.words >= 3 and _caps_share(b.vis) < 0.5
        b.keep = (b.words >= 8 or sentence or bool(_LIST_ITEM.match(b.vis)) and b.words >= 4 or _continues(bl, i)
                  or _introduces_quote(bl, i))


def _introduces_quote(bl: list[Block], i: int) -> bool:
    """A short line that announces the quotation under it ("Ana Ruiz, head of the union, stated:"): the
    quote's attribution, not a stray line."""
    nxt = bl[i + 1] if i + 1 < len(bl) else None
    return (nxt is not None and bl[i].words >= 2 and bl[i].vis.rstrip().endswith(":")
            and nxt.vis.lstrip()[:1] in "“\"«„")


def _subheading(bl: list[Block], i: int) -> bool:
    """A short sentence-case line between two paragraphs of the body ("What is on the table")."""
    b = bl[i]
    return 2 <= b.words <= 12 and not _ends_terminal(b.vis) and not b.vis.endswith((":", ",", ";")) and (
        i > 0 and bl[i - 1].kind == "prose"
    )


def _continues(bl: list[Block], i: int) -> bool:
    """A unit that finishes the sentence of the unit before it (a broken paragraph)."""
    if i == 0:
        return False
    vis = bl[i].vis
    return bool(vis) and vis[0].islower() and not _ends_terminal(bl[i - 1].vis)


def _join_broken(bl: list[Block]) -> None:
    prev: Block | None = None
    for i, b in enumerate(bl):
        if not b.keep:
            continue
        if prev is not None and bl[i - 1] is prev and _continues(bl, i):
            b.joined = True
        prev = b


def build_text(raw: str, bl: Iterable[Block]) -> tuple[str, tuple[Segment, ...]]:
    """The kept units as one text (paragraphs apart, broken ones joined) and its segments."""
    builder = TextBuilder()
    for b in bl:
        if not b.keep:
            continue
        if len(builder):
            builder.insert(" " if b.joined else "\n\n")
        _copy_visible(raw, b.span, builder)
    return builder.build()


def clean_text(raw: str) -> tuple[str, tuple[Segment, ...]]:
    """The article body of a plain-text dump and its segments into ``raw``."""
    return build_text(raw, classify(raw))


def _copy_visible(raw: str, span: Span, builder: TextBuilder) -> None:
    """Copy a unit, dropping markdown link targets and emphasis/heading marks."""
    text = raw[span.start : span.end]
    lead = len(text) - len(text.lstrip("#>*_ \t"))
    trail = len(text) - len(text.rstrip("*_ \t"))
    pos, end = span.start + lead, span.end - trail
    for m in _MD_LINK.finditer(raw, pos, end):
        builder.copy(raw, pos, m.start())
        builder.copy(raw, m.start(1), m.end(1))
        pos = m.end()
    builder.copy(raw, pos, end)
