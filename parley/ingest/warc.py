"""Crawler archives: the HTML responses of a WARC file (plain or gzip-compressed), via warcio.

Each response record with an HTML (or plain-text) payload is one input; requests,
metadata records and images are not articles and are passed over. A record over the
size cap, or an archive that ends early, becomes a coded error that names the record;
the records read before it are kept.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import ErrorRecord
from ..settings import Settings
from .decode import decode
from .sources import Item, RawInput, looks_html, open_regular

_TEXTUAL = ("text/html", "application/xhtml", "text/plain")


def iter_warc(path: Path, settings: Settings) -> Iterator[Item]:
    """The articles in the WARC file at ``path``."""
    try:
        fh = open_regular(path)
    except InputError as exc:
        yield exc.record()
        return
    except OSError as exc:
        yield ErrorRecord("P100", f"cannot read: {exc.strerror or exc}", source=str(path))
        return
    with fh:
        yield from iter_warc_stream(fh, str(path), settings)


def iter_warc_bytes(data: bytes, source: str, settings: Settings) -> Iterator[Item]:
    """The articles in a WARC archive held in memory (standard input, a download)."""
    yield from iter_warc_stream(io.BytesIO(data), source, settings)


def iter_warc_stream(stream: BinaryIO, source: str, settings: Settings) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    try:
        for record in ArchiveIterator(stream):
            n += 1
            if record.rec_type == "response" and _is_textual(record):
                yield _response(record, source, f"record {n}", settings)
    except Exception as exc:  # noqa: BLE001 - warcio raises many kinds of error on a damaged archive
        where = f"after record {n}" if n else "record 1"
        yield ErrorRecord("P109", f"the archive is truncated or damaged: {exc}"[:300], source=source, location=where)
        return
    if n == 0:
        yield ErrorRecord("P101", "the archive holds no records", source=source)


def _is_textual(record: object) -> bool:
    headers = getattr(record, "http_headers", None)
    ctype = (headers.get_header("Content-Type") if headers else "") or ""
    return ctype.split(";")[0].strip().lower().startswith(_TEXTUAL)


def _response(record: object, source: str, location: str, settings: Settings) -> Item:
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    data = record.content_stream().read(settings.max_bytes + 1)  # type: ignore[attr-defined]
    if len(data) > settings.max_bytes:
        return ErrorRecord("P104", f"over the cap of {settings.max_bytes} bytes", source=source, location=location)
    try:
        text = decode(data, source)
    except InputError as exc:
        return ErrorRecord(exc.code, exc.message, source=source, location=location)
    if not text.strip():
        return ErrorRecord("P101", "the response is empty", source=source, location=location)
    fmt = "html" if looks_html(text) or "<" in text[:500] else "text"
    return RawInput(text, fmt, source, location=location, ref=url or f"{source}:{location}", url=url)
