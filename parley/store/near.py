"""The store's side of near-duplicate detection: signatures and band keys in two tables."""

from __future__ import annotations

import sqlite3

from ..ingest import dedupe


def first_copy(db: sqlite3.Connection, text: str) -> tuple[str | None, bytes | None]:
    """The id of the first stored article ``text`` nearly duplicates (or None), and its signature."""
    sig = dedupe.signature(text)
    if sig is None:
        return None, None
    keys = dedupe.band_keys(sig)
    clause = " OR ".join("(band = ? AND key = ?)" for _ in keys)
    params = [v for pair in keys for v in pair]
    rows = db.execute(
        "SELECT DISTINCT m.article_id, m.signature, a.duplicate_of, a.rowid FROM article_bands b"
        " JOIN article_minhash m ON m.article_id = b.article_id JOIN articles a ON a.id = b.article_id"
        f" WHERE m.scheme = ? AND ({clause}) ORDER BY a.rowid",
        [dedupe.SCHEME, *params],
    ).fetchall()
    for article_id, blob, duplicate_of, _ in rows:
        if dedupe.similarity(sig, dedupe.from_bytes(blob)) >= dedupe.THRESHOLD:
            return duplicate_of or article_id, dedupe.to_bytes(sig)
    return None, dedupe.to_bytes(sig)


def remember(db: sqlite3.Connection, article_id: str, signature: bytes | None) -> None:
    """Store an article's signature and band keys, so later copies can find it."""
    if signature is None:
        return
    db.execute("INSERT OR REPLACE INTO article_minhash VALUES (?, ?, ?)", (article_id, dedupe.SCHEME, signature))
    keys = dedupe.band_keys(dedupe.from_bytes(signature))
    db.executemany("INSERT OR IGNORE INTO article_bands VALUES (?, ?, ?)", [(b, k, article_id) for b, k in keys])
