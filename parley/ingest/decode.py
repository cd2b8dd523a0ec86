"""Bytes to text: detect binary files and unknown encodings, never guess silently."""

from __future__ import annotations

from ..errors import InputError

_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"MZ",
    b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"RIFF", b"OggS", b"ID3", b"\x00\x00\x01\x00",
)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding parley reads."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False  # a byte-order mark: UTF-16 or UTF-8 text
    if head.startswith(_BINARY_MAGIC):
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.10


def decode(data: bytes, source: str | None = None) -> str:
    """Decode ``data`` (UTF-8 first, then what charset-normalizer finds), or raise P102/P103."""
    if looks_binary(data):
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError("P102", "binary data, not text", source=source)
        return text
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect(data, source)
    if "\x00" in text:
        text = text.replace("\x00", "")  # stray NULs carry nothing and break SQLite and spaCy
    return text


def _detect(data: bytes, source: str | None) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("P103", "the bytes match no known text encoding", source=source)
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """``data`` as UTF-16 text with no byte-order mark (its NULs look binary), or None.

    Accepted only when the result reads as text in the scripts parley meets (Latin,
    Greek, Cyrillic, punctuation): random or structured binary data decoded as UTF-16
    gives unpaired surrogates or characters from all over the code space.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text[:4000]):
            return text
    return None


def _reads_as_text(text: str) -> bool:
    """Whether nearly every character is printable Latin, Greek, Cyrillic or punctuation."""
    ok = sum(1 for c in text if (c.isprintable() or c in "\t\n\r") and (c < "\u0530" or "\u2000" <= c < "\u2070"))
    return ok >= 0.95 * len(text)
