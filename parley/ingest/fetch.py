"""Fetching articles by URL: a timeout, a size cap and an honest user agent.

parley fetches only what the user names. It says who it is (``parley/<version>``) and
stops reading at the size cap, so a huge or endless response costs no more than the
cap. Any failure becomes a P111 error for that URL; the batch goes on.
"""

from __future__ import annotations

import dataclasses
import urllib.error
import urllib.request
from collections.abc import Iterator

from .. import __version__
from ..errors import InputError
from ..settings import Settings
from .sources import Item, RawInput, from_bytes, sniff_suffix

PROJECT_URL = "https://pypi.org/project/parley/"
USER_AGENT = f"parley/{__version__} (+{PROJECT_URL})"


def fetch(url: str, settings: Settings) -> tuple[bytes, str, str]:
    """The body, content type and final URL of ``url``, or ``InputError`` P111/P104."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=settings.fetch_timeout) as resp:  # noqa: S310 - user-named URL
            data = resp.read(settings.max_bytes + 1)
            ctype = resp.headers.get("Content-Type", "") or ""
            final = resp.geturl()
    except urllib.error.HTTPError as exc:
        raise InputError("P111", f"HTTP {exc.code} {exc.reason}", source=url) from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError("P111", f"cannot fetch: {reason}", source=url) from None
    if len(data) > settings.max_bytes:
        raise InputError("P104", f"the response is over the cap of {settings.max_bytes} bytes", source=url)
    return data, ctype, final


def iter_url(url: str, settings: Settings) -> Iterator[Item]:
    """The articles at ``url`` (a page, a plain-text file, a feed or a JSONL export)."""
    try:
        data, ctype, final = fetch(url, settings)
    except InputError as exc:
        yield exc.record()
        return
    suffix = _suffix(ctype, data)
    for item in from_bytes(data, url, suffix, settings):
        if isinstance(item, RawInput) and not item.url:
            item = dataclasses.replace(item, url=final)
        yield item


def _suffix(ctype: str, data: bytes) -> str:
    kind = ctype.split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return ".html"
    if kind in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return ".rss"
    if kind in ("application/json", "application/x-ndjson", "application/jsonl"):
        return ".jsonl"
    return sniff_suffix(data)
