"""RSS and Atom feed files, via feedparser: one input per item.

An item's article is its full content when the feed carries it (``content:encoded``,
Atom ``content``), else its summary. Both are HTML fragments as a rule; offsets then
refer to the item's content as the feed gives it (entities decoded once by the feed
parser), which is what ``Article.raw`` holds.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from ..model import ErrorRecord
from .sources import Item, RawInput

_TAG_HINT = ("<p", "<br", "<div", "<a ", "<b>", "<i>", "<em", "<strong", "<span", "<img", "<ul", "<li")


def iter_feed(text: str, source: str) -> Iterator[Item]:
    """The items of a feed, or one error when the text is not a feed parley can read."""
    import feedparser

    feed = feedparser.parse(text)
    entries = list(feed.entries)
    if not entries:
        why = f": {feed.bozo_exception}" if feed.get("bozo") else ""
        yield ErrorRecord("P114", f"no items in the feed{why}"[:300], source=source)
        return
    outlet = (feed.feed.get("title") or "").strip() or None
    for i, entry in enumerate(entries, 1):
        yield _item(entry, source, f"item {i}", outlet)


def _item(entry: dict, source: str, location: str, outlet: str | None) -> Item:
    content = _content(entry)
    if not content.strip():
        return ErrorRecord("P106", "the item has no content or summary", source=source, location=location)
    fmt = "fragment" if any(t in content.lower() for t in _TAG_HINT) else "text"
    authors = tuple(a.get("name", "").strip() for a in entry.get("authors", []) if a.get("name", "").strip())
    return RawInput(
        content=content,
        format=fmt,
        source=source,
        location=location,
        ref=entry.get("id") or entry.get("link") or f"{source}:{location}",
        url=entry.get("link"),
        date=_date(entry),
        title=(entry.get("title") or "").strip() or None,
        authors=authors,
        outlet=outlet,
    )


def _content(entry: dict) -> str:
    best = ""
    for part in entry.get("content", []) or []:
        value = part.get("value") or ""
        if len(value) > len(best):
            best = value
    return best or entry.get("summary") or entry.get("description") or ""


def _date(entry: dict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None
