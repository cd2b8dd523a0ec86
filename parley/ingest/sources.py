"""Where articles come from: files, directories, URLs, JSON records, archives, feeds, stdin.

``iter_inputs`` walks what the user named and yields one ``RawInput`` per article, or an
``ErrorRecord`` for anything that cannot be read: the caller counts both, so every input
is accounted for and one bad file never stops a batch.

Formats are chosen by suffix (``.txt``/``.md``, ``.html``, ``.jsonl``/``.json``, ``.warc``,
``.rss``/``.atom``/``.xml``; any of them ``.gz``), and by sniffing the content where the
suffix says nothing (standard input, URLs, ``.txt`` files that are really HTML or feeds).
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import ErrorRecord
from ..settings import Settings
from .decode import decode

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}
WARC_SUFFIXES = {".warc", ".arc"}
STRING_FIELDS = ("id", "text", "html", "url", "date", "title", "outlet", "language")
RECORD_FIELDS = (*STRING_FIELDS, "authors")


@dataclass(frozen=True)
class RawInput:
    """One article as read, before cleaning: its content and what the source said about it.

    ``format`` is "text" (a plain-text page), "html" (a whole page) or "fragment" (the
    HTML of an article body, as feeds and some exports carry it).
    """

    content: str
    format: str
    source: str
    location: str | None = None
    ref: str | None = None
    url: str | None = None
    date: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    site_lines: frozenset[str] = frozenset()  # chrome lines seen on other pages of the same site


Item = RawInput | ErrorRecord


def iter_inputs(paths: Iterable[str], settings: Settings | None = None) -> Iterator[Item]:
    """Every article in ``paths`` ("-" is standard input, http(s) URLs are fetched), in order."""
    settings = settings or Settings()
    yield from SiteMemory().apply(_inputs(paths, settings))


def _inputs(paths: Iterable[str], settings: Settings) -> Iterator[Item]:
    for name in paths:
        if name == "-":
            data = sys.stdin.buffer.read(settings.max_bytes + 1)
            yield from from_bytes(data, "<stdin>", sniff_suffix(data), settings)
        elif name.startswith(("http://", "https://")):
            from .fetch import iter_url

            yield from iter_url(name, settings)
        else:
            yield from _path(Path(name), settings)


class SiteMemory:
    """Short lines seen on earlier pages of the same site (URL host, or folder of the file).

    A line that two pages of one site share — a menu, a prompt, a footer — is the site's,
    not an article's; pages after the first are cleaned knowing it. Bounded: at most
    ``max_lines`` remembered per site and ``max_sites`` sites.
    """

    def __init__(self, max_lines: int = 5000, max_sites: int = 1000):
        self.max_lines, self.max_sites = max_lines, max_sites
        self.seen: dict[str, set[str]] = {}

    def apply(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            if isinstance(item, RawInput) and item.format == "text" and (item.url or item.location is None):
                item = self.remember(item)
            yield item

    def remember(self, raw: RawInput) -> RawInput:
        """``raw`` with the site's known lines attached; its own lines are remembered after."""
        from ..text.clean import blocks, line_key

        site = _site(raw)
        keys = {k for k in (line_key(b) for b in blocks(raw.content)) if k}
        known = self.seen.get(site)
        if known is None:
            if len(self.seen) >= self.max_sites:
                self.seen.pop(next(iter(self.seen)))
            known = self.seen[site] = set()
        shared = frozenset(keys & known)
        if len(known) < self.max_lines:
            known |= keys
        return dataclasses.replace(raw, site_lines=shared) if shared else raw


def _site(raw: RawInput) -> str:
    from urllib.parse import urlparse

    host = urlparse(raw.url or "").hostname
    return host or os.path.dirname(raw.source) or "."


def read_url_list(path: str) -> list[str]:
    """URLs listed one a line in ``path`` (blank lines and ``#`` comments skipped)."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = [line.strip() for line in fh]
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("P100", f"cannot read the URL list: {exc}", source=path) from None
    return [line for line in lines if line and not line.startswith("#")]


def stat_input(path: Path) -> os.stat_result | ErrorRecord:
    """The stat of an input named on the command line, or the error record saying why there is none.

    Shared by ``parley ingest`` and the Spark runner's planner, so a missing or unreadable
    input reads the same in both.
    """
    try:
        return path.stat()
    except FileNotFoundError:
        return ErrorRecord("P100", "no such file or directory", source=str(path))
    except OSError as exc:  # a symlink loop, a folder on the way that may not be entered
        return ErrorRecord("P100", f"cannot read: {exc.strerror or exc}", source=str(path))


def _path(path: Path, settings: Settings) -> Iterator[Item]:
    st = stat_input(path)
    if isinstance(st, ErrorRecord):
        yield st
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(path, settings)
    else:
        yield from read_file(path, settings)


def _walk(root: Path, settings: Settings) -> Iterator[Item]:
    """Every file under ``root``, following symlinks; unreadable folders and loops are errors."""
    for found in walk_folders(root, settings):
        if isinstance(found, ErrorRecord):
            yield found
            continue
        for path in found:
            yield from read_file(path, settings)


def walk_folders(root: Path, settings: Settings) -> Iterator[list[Path] | ErrorRecord]:
    """The wanted files under ``root``, one sorted list per folder in walk order, or an error for a folder.

    Shared by ``_walk`` and the Spark runner's planner, so both see the same files, in the
    same order, with the same errors for unreadable folders and symlink loops. Lazy: a
    folder is listed only when the one before it has been consumed.
    """
    seen: set[tuple[int, int]] = set()
    unreadable: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unreadable.append):
        yield from _walk_errors(unreadable)
        try:
            st = os.stat(dirpath)
        except OSError as exc:  # removed or made unreadable while the walk ran
            dirnames[:] = []
            yield ErrorRecord("P100", f"cannot read the folder: {exc.strerror or exc}", source=dirpath)
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirnames[:] = []
            yield ErrorRecord("P113", "directory visited twice (symlink loop)", source=dirpath)
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        paths = (Path(dirpath) / fn for fn in sorted(filenames) if not fn.startswith("."))
        files = [path for path in paths if settings.wants(path, root)]
        if files:
            yield files
    yield from _walk_errors(unreadable)


def _walk_errors(errors: list[OSError]) -> Iterator[ErrorRecord]:
    """The folders ``os.walk`` could not list, as P100 records (it would skip them silently)."""
    while errors:
        exc = errors.pop(0)
        yield ErrorRecord("P100", f"cannot list the folder: {exc.strerror or exc}", source=exc.filename)


def _suffix(path: Path) -> tuple[str, bool]:
    """The meaningful suffix of ``path`` and whether it is gzip-compressed."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in (".gz", ".gzip"):
        return (suffixes[-2] if len(suffixes) > 1 else ""), True
    return (suffixes[-1] if suffixes else ""), False


def read_file(path: Path, settings: Settings) -> Iterator[Item]:
    """The articles of one file, or one error saying why there are none."""
    source = str(path)
    suffix, compressed = _suffix(path)
    if suffix in WARC_SUFFIXES:
        from .warc import iter_warc

        yield from iter_warc(path, settings)
        return
    try:
        data = _read_bytes(path, compressed, settings.max_bytes)
    except InputError as exc:
        yield exc.record()
        return
    yield from from_bytes(data, source, suffix or sniff_suffix(data), settings)


def _read_bytes(path: Path, compressed: bool, cap: int) -> bytes:
    """At most ``cap`` bytes of ``path`` (decompressed); a larger file is P104, never read whole."""
    source = str(path)
    try:
        with open_regular(path) as raw:
            size = os.fstat(raw.fileno()).st_size
            if size > cap and not compressed:
                raise InputError("P104", f"{size} bytes, over the cap of {cap}", source=source)
            if compressed:
                with gzip.GzipFile(fileobj=raw, mode="rb") as fh:
                    data = fh.read(cap + 1)
            else:
                data = raw.read(cap + 1)
    except PermissionError:
        raise InputError("P100", "permission denied", source=source) from None
    except (EOFError, gzip.BadGzipFile, OSError, zlib.error) as exc:
        code = "P109" if compressed else "P100"
        raise InputError(code, f"cannot read: {exc}", source=source) from None
    if len(data) > cap:
        raise InputError("P104", f"over the cap of {cap} bytes", source=source)
    return data


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, if it is a regular file; P100 for a FIFO, socket or device.

    The file is opened without blocking, then checked: opening a FIFO for reading would
    otherwise wait for a writer forever and hang the batch.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError("P100", "not a regular file (a pipe, socket or device)", source=str(path))
    return os.fdopen(fd, "rb")


def sniff_suffix(data: bytes) -> str:
    """A suffix for content that came without one (stdin, a URL, a file with no extension)."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"\x1f\x8b"):
        return ".gz"
    if head.startswith(b"warc/"):
        return ".warc"
    if head.startswith(b"{") or head.startswith(b"["):
        return ".jsonl" if head.startswith(b"{") else ".json"
    if head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return ".rss" if (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head) else ".html"
    return ".txt"


def from_bytes(data: bytes, source: str, suffix: str, settings: Settings) -> Iterator[Item]:
    """The articles in ``data``, read as the format ``suffix`` names."""
    if len(data) > settings.max_bytes:
        yield ErrorRecord("P104", f"over the cap of {settings.max_bytes} bytes", source=source)
        return
    if suffix == ".gz":
        yield from _gunzip(data, source, settings)
        return
    if suffix in WARC_SUFFIXES:
        from .warc import iter_warc_bytes

        yield from iter_warc_bytes(data, source, settings)
        return
    try:
        text = decode(data, source)
    except InputError as exc:
        yield exc.record()
        return
    yield from from_text(text, source, suffix, settings)


def _gunzip(data: bytes, source: str, settings: Settings) -> Iterator[Item]:
    """Decompress gzip ``data`` (stdin, a download) up to the cap: a gzip bomb stops there."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as fh:
            inner = fh.read(settings.max_bytes + 1)
    except (EOFError, gzip.BadGzipFile, OSError, zlib.error) as exc:
        yield ErrorRecord("P109", f"cannot decompress: {exc}", source=source)
        return
    if len(inner) > settings.max_bytes:
        yield ErrorRecord("P104", f"over the cap of {settings.max_bytes} bytes once decompressed", source=source)
        return
    yield from from_bytes(inner, source, sniff_suffix(inner), settings)


def from_text(text: str, source: str, suffix: str, settings: Settings) -> Iterator[Item]:
    """The articles in decoded ``text``."""
    if not text.strip():
        yield ErrorRecord("P101", "the file is empty", source=source)
    elif suffix in RECORD_SUFFIXES:
        yield from _records(text, source, suffix, field_map(settings))
    elif suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and looks_feed(text)):
        from .feeds import iter_feed

        yield from iter_feed(text, source)
    else:
        fmt = "html" if suffix in HTML_SUFFIXES or looks_html(text) else "text"
        yield RawInput(text, fmt, source, ref=source)


def looks_html(text: str) -> bool:
    """Whether ``text`` is an HTML page rather than plain text."""
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


_looks_html = looks_html  # the name other modules imported first


def looks_feed(text: str) -> bool:
    """Whether ``text`` is an RSS or Atom feed."""
    head = text[:2000].lstrip().lower()
    return head.startswith(("<?xml", "<rss", "<feed", "<rdf:rdf")) and any(
        tag in head for tag in ("<rss", "<feed", "<rdf:rdf", "<channel")
    )


# --- JSON records -------------------------------------------------------------------------


def field_map(settings: Settings) -> dict[str, str]:
    """parley's record field names to the user's (``--field text=body``); dots reach into objects."""
    out: dict[str, str] = {}
    for pair in settings.fields:
        ours, _, theirs = pair.partition("=")
        out[ours.strip()] = theirs.strip()
    return out


def _records(text: str, source: str, suffix: str, fields: Mapping[str, str]) -> Iterator[Item]:
    """JSON records: one per line (JSONL), or a JSON array / single object (.json)."""
    if suffix == ".json" or text.lstrip().startswith("["):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            if suffix != ".json":
                yield from _lines(text, source, fields)
                return
            yield ErrorRecord("P105", f"invalid JSON: {exc.msg}", source=source, location=f"line {exc.lineno}")
            return
        for i, obj in enumerate(_record_list(value, fields), 1):
            yield _record(obj, source, f"record {i}", fields)
        return
    yield from _lines(text, source, fields)


def _lines(text: str, source: str, fields: Mapping[str, str]) -> Iterator[Item]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ErrorRecord("P105", f"invalid JSON: {exc.msg}", source=source, location=f"line {lineno}")
            continue
        yield _record(obj, source, f"line {lineno}", fields)


def _record_list(value: object, fields: Mapping[str, str]) -> list[object]:
    """The records of a JSON document: a list, one object, or the one list inside an export object."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and not any(_get(value, fields.get(k, k)) for k in ("text", "html")):
        lists = [v for v in value.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if len(lists) == 1:
            return lists[0]
    return [value]


def _get(obj: Mapping[str, object], name: str) -> object:
    """``obj[name]``, where a dotted name reaches into nested objects ("meta.published")."""
    value: object = obj
    for part in name.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _record(obj: object, source: str, location: str, fields: Mapping[str, str] | None = None) -> Item:
    """One JSON record as a RawInput, or the error that says what is wrong with it."""
    if not isinstance(obj, dict):
        return ErrorRecord("P105", "the line is not a JSON object", source=source, location=location)
    fields = fields or {}
    values = {key: _get(obj, fields.get(key, key)) for key in RECORD_FIELDS}
    for key in STRING_FIELDS:
        value = values[key]
        allowed = (str, int) if key == "id" else (str,)
        if value is not None and (isinstance(value, bool) or not isinstance(value, allowed)):
            name = fields.get(key, key)
            return ErrorRecord("P107", f"field {name!r} must be a string", source=source, location=location)
    authors = values["authors"] or ()
    if isinstance(authors, str):
        authors = (authors,)
    if not isinstance(authors, (list, tuple)) or not all(isinstance(a, str) for a in authors):
        return ErrorRecord("P107", "field 'authors' must be a list of strings", source=source, location=location)
    content, fmt = values["text"], "text"
    if not (isinstance(content, str) and content.strip()) and isinstance(values["html"], str):
        content, fmt = values["html"], "html" if looks_html(values["html"]) else "fragment"
    if not isinstance(content, str) or not content.strip():
        return ErrorRecord("P106", "the record has no 'text' or 'html'", source=source, location=location)
    ref = values["id"]
    return RawInput(
        content=content,
        format=fmt if fmt != "text" or not looks_html(content) else "html",
        source=source,
        location=location,
        ref=str(ref) if ref is not None else None,
        url=_str(values["url"]),
        date=_str(values["date"]),
        title=_str(values["title"]),
        authors=tuple(authors),
        outlet=_str(values["outlet"]),
    )


#: the public name: one JSON-like record (a dict) to an input, for callers with records in hand
#: (the Spark runner's Parquet rows, gold files)
record = _record


def _str(value: object) -> str | None:
    return str(value) if value is not None and str(value).strip() else None
