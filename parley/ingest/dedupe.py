"""Near-duplicate articles: MinHash signatures of the clean text (datasketch), banded for lookup.

Syndicated copies and re-posts differ in chrome, headline or a paragraph, so their ids
(content hashes of the input) differ. Their clean bodies share most 5-word shingles: the
MinHash of those shingles estimates the Jaccard similarity of two bodies in constant
space, and LSH bands (32 bands of 4 values) find the candidates without comparing every
pair. A candidate is a near-duplicate when the estimated similarity reaches ``THRESHOLD``.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasketch import MinHash

SCHEME = "minhash.w5.p128.b32.v1"
NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5
MIN_WORDS = 30  # shorter texts (a feed summary, a caption) are too small to call copies
THRESHOLD = 0.7
_SEED = 1
_HASH_SCHEME = "affine32"  # datasketch's permutation scheme, fixed so stored signatures stay comparable
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """The 5-word shingles of ``text``, case and punctuation ignored."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(max(0, len(words) - SHINGLE + 1))}


def signature(text: str) -> MinHash | None:
    """The MinHash of ``text``'s shingles, or None for a text too short to compare."""
    if len(_WORD.findall(text)) < MIN_WORDS:
        return None
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_HASH_SCHEME)
    m.update_batch(list(shingles(text)))
    return m


def to_bytes(m: MinHash) -> bytes:
    """A signature as stored: 128 little-endian unsigned 64-bit values."""
    return m.hashvalues.astype("<u8").tobytes()


def from_bytes(data: bytes) -> MinHash:
    import numpy as np
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_HASH_SCHEME, hashvalues=np.frombuffer(data, dtype="<u8"))


def band_keys(m: MinHash) -> list[tuple[int, int]]:
    """(band, key) pairs: two texts that share any pair are candidates to compare."""
    values = m.hashvalues.astype("<u8")
    out = []
    for band in range(BANDS):
        digest = hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little", signed=True)))
    return out


def similarity(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(a.jaccard(b))
