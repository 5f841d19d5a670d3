"""Near-duplicate texts without pairwise comparison: MinHash over character shingles, banded for LSH.

A text becomes `NUM_PERM` 32-bit minima of multiply-shift hashes of its character 3-grams (normalised:
full-width folded, traditional simplified, blanks and punctuation dropped, digits kept). The signature is
cut into `BANDS` bands of `ROWS` values; each band hashes to one signed 64-bit key. Two texts whose
Jaccard similarity is s share at least one band key with probability 1 - (1 - s^ROWS)^BANDS: ≈ 0.40 at
s = 0.5, 0.89 at 0.7, 0.998 at 0.9. A database index on the band keys therefore finds the texts like a
new one in a handful of indexed lookups, whatever the number of texts stored.

Everything is deterministic across processes (no use of Python's randomised `hash`). Pure: numpy only.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

from .classify_text import normalise

NUM_PERM = 32
BANDS = 8
ROWS = NUM_PERM // BANDS
SHINGLE = 3
_MASK64 = (1 << 64) - 1
_rng = np.random.default_rng(20260415)
_A = (_rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1))  # odd multipliers
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
_EMPTY = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)


def _clean(text: str) -> str:
    return _DROP.sub("", normalise(text))


def shingles(text: str) -> set[str]:
    clean = _clean(text)
    if len(clean) <= SHINGLE:
        return {clean} if clean else set()
    return {clean[i:i + SHINGLE] for i in range(len(clean) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray:
    """NUM_PERM uint32 minima; all-max for an empty text (matches nothing but itself)."""
    return signatures([text])[0]


_GRAM_HASHES: dict[str, int] = {}  # crc32 of shingles seen before: complaint texts share most of theirs
_GRAM_CACHE_SIZE = 500_000
_TEXTS_PER_PASS = 256


def _gram_hashes(grams: list[str]) -> list[int]:
    hashes = list(map(_GRAM_HASHES.get, grams))
    if None in hashes:
        if len(_GRAM_HASHES) >= _GRAM_CACHE_SIZE:
            _GRAM_HASHES.clear()
        for i, value in enumerate(hashes):
            if value is None:
                hashes[i] = _GRAM_HASHES[grams[i]] = zlib.crc32(grams[i].encode("utf-8"))
    return hashes


def signatures(texts: list[str]) -> np.ndarray:
    """`signature` of each text, as rows of one (len(texts), NUM_PERM) array: the shingle hashes of the
    whole batch go through each permutation in one vectorised pass (a minimum over a text's shingles
    with repeats is the minimum over its set)."""
    out = np.tile(_EMPTY, (len(texts), 1))
    grams: list[str] = []
    rows, starts = [], []
    for row, text in enumerate(texts):
        clean = _clean(text)
        if not clean:
            continue
        rows.append(row)
        starts.append(len(grams))
        if len(clean) <= SHINGLE:
            grams.append(clean)
        else:
            grams.extend([clean[i:i + SHINGLE] for i in range(len(clean) - SHINGLE + 1)])
    hashes = _gram_hashes(grams)
    if not rows:
        return out
    x = np.array(hashes, dtype=np.uint64)
    starts.append(len(hashes))
    for first in range(0, len(rows), _TEXTS_PER_PASS):  # a few MB of hashes at a time
        last = min(first + _TEXTS_PER_PASS, len(rows))
        grams_of = x[starts[first]:starts[last]]
        with np.errstate(over="ignore"):  # multiply-shift, mod 2^64: one row per shingle, one column per permutation
            hashed = (grams_of[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
        offsets = np.array(starts[first:last], dtype=np.intp) - starts[first]
        out[rows[first:last]] = np.minimum.reduceat(hashed, offsets, axis=0).astype(np.uint32)
    return out


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<u4")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    if (a == _EMPTY).all() or (b == _EMPTY).all():
        return 0.0
    return float(np.count_nonzero(a == b)) / NUM_PERM


def similarities(a: np.ndarray, others: list[bytes]) -> list[float]:
    """`similarity(a, from_bytes(o))` for each stored signature in `others`, in one vectorised pass."""
    if not others:
        return []
    matrix = np.frombuffer(b"".join(bytes(o) for o in others), dtype="<u4").reshape(len(others), NUM_PERM)
    if (a == _EMPTY).all():
        return [0.0] * len(others)
    scores = np.count_nonzero(matrix == a[None, :], axis=1) / NUM_PERM
    scores[(matrix == _EMPTY).all(axis=1)] = 0.0
    return scores.tolist()


def _signed64(digest: bytes) -> int:
    value = int.from_bytes(digest[:8], "little")
    return value - (1 << 64) if value >= (1 << 63) else value


_BAND_PREFIXES = [bytes([band]) for band in range(BANDS)]
_BAND_BYTES = ROWS * 4
_BLANK = int(_EMPTY[0])


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (band number included, so equal values in different bands differ)."""
    if int(sig[0]) == _BLANK and (sig == _EMPTY).all():
        return []
    raw = sig.astype("<u4").tobytes()
    step = _BAND_BYTES
    return [int.from_bytes(hashlib.blake2b(prefix + raw[band * step:(band + 1) * step], digest_size=8).digest(),
                           "little", signed=True)
            for band, prefix in enumerate(_BAND_PREFIXES)]


def stable_key(*parts: str) -> int | None:
    """A signed 64-bit key for exact-match lookups (a phone, a normalised name); None when all parts are
    empty, so that blanks never match one another."""
    cleaned = [_DROP.sub("", normalise(p or "")) for p in parts]
    if not any(cleaned):
        return None
    return _signed64(hashlib.blake2b("\x1f".join(cleaned).encode("utf-8"), digest_size=8).digest())
