"""Where articles come from: files, directories, JSONL records and standard input.

``iter_inputs`` walks what the user named and yields one ``RawInput`` per article, or an
``ErrorRecord`` for anything that cannot be read: the caller counts both, so every input
is accounted for and one bad file never stops a batch.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import ErrorRecord
from ..settings import Settings
from .decode import decode

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json"}
STRING_FIELDS = ("id", "text", "html", "url", "date", "title", "outlet", "language")


@dataclass(frozen=True)
class RawInput:
    """One article as read, before cleaning: its content and what the source said about it."""

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


Item = RawInput | ErrorRecord


def iter_inputs(paths: Iterable[str], settings: Settings | None = None) -> Iterator[Item]:
    """Every article in ``paths`` ("-" is standard input), in a stable order."""
    settings = settings or Settings()
    for name in paths:
        if name == "-":
            yield from _from_bytes(sys.stdin.buffer.read(settings.max_bytes + 1), "<stdin>", ".txt", settings)
            continue
        path = Path(name)
        if path.is_dir():
            yield from _walk(path, settings)
        elif path.exists():
            yield from read_file(path, settings)
        else:
            yield ErrorRecord("P100", "no such file or directory", source=name)


def _walk(root: Path, settings: Settings) -> Iterator[Item]:
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in seen:
            dirnames[:] = []
            yield ErrorRecord("P113", "directory visited twice (symlink loop)", source=dirpath)
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames.sort()
        for fn in sorted(filenames):
            path = Path(dirpath) / fn
            if fn.startswith(".") or not settings.wants(path, root):
                continue
            yield from read_file(path, settings)


def _suffix(path: Path) -> tuple[str, bool]:
    """The meaningful suffix of ``path`` and whether it is gzip-compressed."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return (suffixes[-2] if len(suffixes) > 1 else ".txt"), True
    return (suffixes[-1] if suffixes else ".txt"), False


def read_file(path: Path, settings: Settings) -> Iterator[Item]:
    """The articles of one file, or one error saying why there are none."""
    source = str(path)
    suffix, compressed = _suffix(path)
    try:
        data = _read_bytes(path, compressed, settings.max_bytes)
    except InputError as exc:
        yield exc.record()
        return
    yield from _from_bytes(data, source, suffix, settings)


def _read_bytes(path: Path, compressed: bool, cap: int) -> bytes:
    source = str(path)
    try:
        if path.stat().st_size > cap and not compressed:
            raise InputError("P104", f"{path.stat().st_size} bytes, over the cap of {cap}", source=source)
        opener = gzip.open if compressed else open
        with opener(path, "rb") as fh:
            data = fh.read(cap + 1)
    except PermissionError:
        raise InputError("P100", "permission denied", source=source) from None
    except (EOFError, gzip.BadGzipFile, OSError) as exc:
        code = "P109" if compressed else "P100"
        raise InputError(code, f"cannot read: {exc}", source=source) from None
    if len(data) > cap:
        raise InputError("P104", f"over the cap of {cap} bytes", source=source)
    return data


def _from_bytes(data: bytes, source: str, suffix: str, settings: Settings) -> Iterator[Item]:
    if len(data) > settings.max_bytes:
        yield ErrorRecord("P104", f"over the cap of {settings.max_bytes} bytes", source=source)
        return
    try:
        text = decode(data, source)
    except InputError as exc:
        yield exc.record()
        return
    if suffix in RECORD_SUFFIXES:
        yield from _records(text, source, suffix)
    elif not text.strip():
        yield ErrorRecord("P101", "the file is empty", source=source)
    else:
        fmt = "html" if suffix in HTML_SUFFIXES or _looks_html(text) else "text"
        yield RawInput(text, fmt, source, ref=source)


def _looks_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _records(text: str, source: str, suffix: str) -> Iterator[Item]:
    """JSON records: one per line (JSONL), or a JSON array / single object (.json)."""
    if suffix == ".json" and text.lstrip()[:1] in "[{":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield ErrorRecord("P105", f"invalid JSON: {exc.msg}", source=source, location=f"line {exc.lineno}")
            return
        items = value if isinstance(value, list) else [value]
        for i, obj in enumerate(items, 1):
            yield _record(obj, source, f"record {i}")
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ErrorRecord("P105", f"invalid JSON: {exc.msg}", source=source, location=f"line {lineno}")
            continue
        yield _record(obj, source, f"line {lineno}")


def _record(obj: object, source: str, location: str) -> Item:
    if not isinstance(obj, dict):
        return ErrorRecord("P105", "the line is not a JSON object", source=source, location=location)
    for key in STRING_FIELDS:
        value = obj.get(key)
        allowed = (str, int) if key == "id" else (str,)
        if value is not None and (isinstance(value, bool) or not isinstance(value, allowed)):
            return ErrorRecord("P107", f"field {key!r} must be a string", source=source, location=location)
    authors = obj.get("authors") or ()
    if isinstance(authors, str):
        authors = (authors,)
    if not isinstance(authors, (list, tuple)) or not all(isinstance(a, str) for a in authors):
        return ErrorRecord("P107", "field 'authors' must be a list of strings", source=source, location=location)
    content, fmt = obj.get("text"), "text"
    if not (isinstance(content, str) and content.strip()) and isinstance(obj.get("html"), str):
        content, fmt = obj["html"], "html"
    if not isinstance(content, str) or not content.strip():
        return ErrorRecord("P106", "the record has no 'text' or 'html'", source=source, location=location)
    ref = obj.get("id")
    return RawInput(
        content=content,
        format=fmt if fmt == "html" or not _looks_html(content) else "html",
        source=source,
        location=location,
        ref=str(ref) if ref is not None else None,
        url=_str(obj.get("url")),
        date=_str(obj.get("date")),
        title=_str(obj.get("title")),
        authors=tuple(authors),
        outlet=_str(obj.get("outlet")),
    )


#: the public name: one JSON-like record (a dict) to an input, for callers with records in hand
#: (the Spark runner's Parquet rows, gold files)
record = _record


def _str(value: object) -> str | None:
    return str(value) if value is not None and str(value).strip() else None
