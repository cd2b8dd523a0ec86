"""Clean a plain-text page dump down to the article body, keeping a map to the input.

Text copied from a browser carries the site around the article: banners, donation
appeals, navigation prompts, captions, author bios, copyright lines. No library handles
raw text, so parley scores each block on signals of boilerplate (length, punctuation,
link-only lines, appeal vocabulary, repetition, position) and keeps the article: every
prose paragraph and the subheadings between them. Paragraphs broken mid-sentence by a
blank line are joined again. Markdown links keep their text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..offsets import TextBuilder
from .segment import Span

_BLOCK_SEP = re.compile(r"\n[ \t\r\f\v]*\n")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\n]*)\)")
_MD_DECOR = re.compile(r"^[#>*_\s]+|[*_\s]+$")
_URL_ONLY = re.compile(r"^<?(https?://|www\.)\S+>?$")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_BOILER = re.compile(
    r"\b(subscribe|newsletter|cookies?|advertisement|sign up|log ?in|skip to|donat\w+|"
    r"your support|support us|please support|dear readers?|all rights reserved|copyright|"
    r"image credit|photo credit|photo by|getty images|read more|read also|related:|"
    r"views expressed|original url|written by|follow us|share this|connect with us|"
    r"what are you looking for|remind me later|ad-free|terms of (use|service)|privacy policy)\b",
    re.IGNORECASE,
)
_TERMINAL = tuple(".!?\"'”’»)…:")


@dataclass
class Block:
    """A blank-line separated block of the input, with what cleaning decided about it."""

    span: Span
    text: str
    keep: bool = False
    heading: bool = False

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def blocks(raw: str) -> list[Block]:
    """Non-empty blocks of ``raw``; a block of many short lines is split into lines."""
    out: list[Block] = []
    pos = 0
    bounds = [(m.start(), m.end()) for m in _BLOCK_SEP.finditer(raw)] + [(len(raw), len(raw))]
    for sep_start, sep_end in bounds:
        _add_block(raw, pos, sep_start, out)
        pos = sep_end
    return out


def _add_block(raw: str, start: int, end: int, out: list[Block]) -> None:
    lines = raw[start:end].split("\n")
    if len(lines) > 1 and all(len(line) < 80 for line in lines):
        offset = start
        for line in lines:
            _append(raw, offset, offset + len(line), out)
            offset += len(line) + 1
    else:
        _append(raw, start, end, out)


def _append(raw: str, start: int, end: int, out: list[Block]) -> None:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Block(Span(start, end), raw[start:end]))


def _visible(text: str) -> str:
    """Block text without markdown links, emphasis and heading marks."""
    return _MD_DECOR.sub("", _MD_LINK.sub(r"\1", text)).strip()


def _is_prose(b: Block) -> bool:
    vis = _visible(b.text)
    return b.words >= 12 and vis.endswith(_TERMINAL) and not _URL_ONLY.match(vis)


def _is_boiler(b: Block) -> bool:
    vis = _visible(b.text)
    if not vis or _URL_ONLY.match(vis) or (_MD_LINK.fullmatch(b.text.strip()) is not None):
        return True
    hits = len(_BOILER.findall(vis))
    return hits >= 2 or (hits == 1 and b.words < 40)


def _is_heading(b: Block) -> bool:
    vis = _visible(b.text)
    if not vis or b.words < 2 or b.words > 16 or vis.endswith((".", ",", ";")):
        return False
    caps = [w for w in _WORD.findall(vis) if w[0].isupper()]
    return b.text.lstrip().startswith("#") or len(caps) >= max(2, b.words // 2)


def classify(raw: str) -> list[Block]:
    """Blocks of ``raw`` with ``keep`` set on the article body."""
    bl = blocks(raw)
    prose = [i for i, b in enumerate(bl) if _is_prose(b) and not _is_boiler(b)]
    if not prose:
        for b in bl:
            b.keep = bool(_visible(b.text)) and not _is_boiler(b) and b.words >= 3
        return bl
    first, last = prose[0], prose[-1]
    seen: set[str] = set()
    for i, b in enumerate(bl):
        key = re.sub(r"\W+", " ", _visible(b.text)).strip().lower()
        repeated = key in seen or any(k.startswith(key.rstrip(". ")) for k in seen if key.endswith("..."))
        seen.add(key)
        if repeated or _is_boiler(b):
            continue
        if first <= i <= last:
            b.keep = _is_prose(b) or _is_heading(b) or b.words >= 3 or _continues(bl, i)
            b.heading = b.keep and not _is_prose(b) and _is_heading(b)
    return bl


def _continues(bl: list[Block], i: int) -> bool:
    """A block that finishes the sentence of the block before it (a broken paragraph)."""
    if i == 0:
        return False
    vis = _visible(bl[i].text)
    return bool(vis) and vis[0].islower() and not _visible(bl[i - 1].text).endswith(_TERMINAL)


def clean_text(raw: str) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """The article body of a plain-text dump and its segments into ``raw``."""
    builder = TextBuilder()
    kept = [b for b in classify(raw) if b.keep]
    for j, b in enumerate(kept):
        if j:
            joined = _visible(b.text)[:1].islower() and not _visible(kept[j - 1].text).endswith(_TERMINAL)
            builder.insert(" " if joined else "\n\n")
        _copy_visible(raw, b.span, builder)
    return builder.build()


def _copy_visible(raw: str, span: Span, builder: TextBuilder) -> None:
    """Copy a block, dropping markdown link targets and emphasis/heading marks."""
    text = raw[span.start : span.end]
    lead = len(text) - len(text.lstrip("#>*_ \t"))
    trail = len(text) - len(text.rstrip("*_ \t"))
    pos, end = span.start + lead, span.end - trail
    for m in _MD_LINK.finditer(raw, pos, end):
        builder.copy(raw, pos, m.start())
        builder.copy(raw, m.start(1), m.end(1))
        pos = m.end()
    builder.copy(raw, pos, end)
