"""Near-duplicate texts without pairwise comparison: MinHash over character shingles, banded for LSH.

A text becomes `NUM_PERM` 32-bit minima of multiply-shift hashes of its character 3-grams (normalised:
full-width folded, traditional simplified, blanks and punctuation dropped, digits kept). The signature is
cut into `BANDS` bands of `ROWS` values; each band hashes, together with a scope (the business the text is
about), to one signed 64-bit key. Two texts about the same business whose Jaccard similarity is s share at
least one band key with probability 1 - (1 - s^ROWS)^BANDS: ≈ 0.68 at s = 0.5, 0.93 at 0.7, 0.983 at 0.8,
0.9987 at 0.9. A database index on the band keys therefore finds the texts like a new one about the same
business in a handful of indexed lookups, whatever the number of texts or businesses stored. The bands only
have to find near copies (similarity 0.8 and more, `index`): the same person's cases are found by the
person, a group by the business. Four bands of two catch them as surely as six of three did (0.986 at 0.8),
with a third fewer index rows per case; the texts of lower similarity they also return are sorted out by
comparing the signatures.

Everything is deterministic across processes (no use of Python's randomised `hash`). Pure: numpy only.
"""

from __future__ import annotations

import hashlib
import re
import threading
import zlib

import numpy as np

from .classify_text import folded, normalise

NUM_PERM = 32
BANDS = 4
ROWS = 2  # BANDS * ROWS of the NUM_PERM values are banded; all of them estimate the similarity
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


_GRAM_CACHE_SIZE = 1 << 17  # shingles whose permuted hashes are kept: 16 MB, filled as texts arrive
_TEXTS_PER_PASS = 256


class _PermutedGrams:
    """The NUM_PERM permuted hashes of the shingles seen before, one row each: complaint texts share most
    of their shingles, so a new text mostly costs a look-up per shingle and a gather, not the hashing.
    Cleared when full. Thread-safe (web workers triage in threads)."""

    def __init__(self, size: int):
        self.size = size
        self.row_of: dict[str, int] = {}
        self.rows = np.empty((size, NUM_PERM), dtype=np.uint32)  # pages are only committed as rows are written
        self.lock = threading.Lock()

    def minima(self, grams: list[str], starts: list[int]) -> np.ndarray:
        """(len(starts), NUM_PERM): the minimum over each text's shingles, grams[starts[i]:starts[i + 1]]."""
        with self.lock:
            found = list(map(self.row_of.get, grams))
            if None in found:
                new = list(dict.fromkeys(g for g, r in zip(grams, found, strict=True) if r is None))
                if len(new) > self.size:  # one enormous batch: hash it directly
                    return _minima(_permute(np.array([_crc(g) for g in grams], dtype=np.uint64)), starts)
                if len(self.row_of) + len(new) > self.size:
                    self.row_of.clear()
                    new = list(dict.fromkeys(grams))
                first = len(self.row_of)
                self.rows[first:first + len(new)] = _permute(np.array([_crc(g) for g in new], dtype=np.uint64))
                self.row_of.update(zip(new, range(first, first + len(new)), strict=True))
                found = list(map(self.row_of.__getitem__, grams))
            return _minima(self.rows[np.array(found, dtype=np.intp)], starts)


def _crc(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8"))


def _permute(x: np.ndarray) -> np.ndarray:
    """The NUM_PERM multiply-shift hashes (mod 2^64, high half) of each shingle hash: one row per shingle."""
    with np.errstate(over="ignore"):
        return ((x[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)).astype(np.uint32)


def _minima(permuted: np.ndarray, starts: list[int]) -> np.ndarray:
    return np.minimum.reduceat(permuted, np.array(starts, dtype=np.intp), axis=0)


_GRAMS = _PermutedGrams(_GRAM_CACHE_SIZE)


def signatures(texts: list[str], *, normalised: bool = False) -> np.ndarray:
    """`signature` of each text, as rows of one (len(texts), NUM_PERM) array (a minimum over a text's
    shingles with repeats is the minimum over its set). `normalised`: the texts already went through
    `classify_text.normalise`."""
    out = np.tile(_EMPTY, (len(texts), 1))
    for first in range(0, len(texts), _TEXTS_PER_PASS):  # a few MB of hashes at a time
        grams: list[str] = []
        rows: list[int] = []
        starts: list[int] = []
        for row in range(first, min(first + _TEXTS_PER_PASS, len(texts))):
            clean = _DROP.sub("", texts[row] if normalised else normalise(texts[row]))
            if not clean:
                continue
            rows.append(row)
            starts.append(len(grams))
            if len(clean) <= SHINGLE:
                grams.append(clean)
            else:
                grams.extend([clean[i:i + SHINGLE] for i in range(len(clean) - SHINGLE + 1)])
        if rows:
            out[rows] = _GRAMS.minima(grams, starts)
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
    return similarities_many([(a, others)])[0]


def similarities_many(queries: list[tuple[np.ndarray, list[bytes]]]) -> list[list[float]]:
    """`similarities(a, others)` for each (a, others), all in one vectorised pass: a batch judges the
    candidates of a thousand cases, a few each, and one numpy call per case would cost more than the
    comparisons."""
    counts = [len(others) for _a, others in queries]
    total = sum(counts)
    if not total:
        return [[] for _q in queries]
    matrix = np.frombuffer(b"".join(bytes(o) for _a, others in queries for o in others),
                           dtype="<u4").reshape(total, NUM_PERM)
    mine = np.repeat(np.stack([a for a, _others in queries]), counts, axis=0)
    scores = np.count_nonzero(matrix == mine, axis=1) / NUM_PERM
    scores[(matrix == _EMPTY[None]).all(axis=1) | (mine == _EMPTY[None]).all(axis=1)] = 0.0
    flat = scores.tolist()
    out, first = [], 0
    for n in counts:
        out.append(flat[first:first + n])
        first += n
    return out


def _signed64(digest: bytes) -> int:
    value = int.from_bytes(digest[:8], "little")
    return value - (1 << 64) if value >= (1 << 63) else value


_BAND_MULTIPLIERS = (_rng.integers(1, 2**63, (BANDS, ROWS), dtype=np.uint64) | np.uint64(1))
_BAND_SALT = _rng.integers(0, 2**63, BANDS, dtype=np.uint64)


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, element-wise on uint64: every input bit moves every output bit."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def band_hashes(sigs: np.ndarray) -> np.ndarray:
    """(len(sigs), BANDS) uint64: each band's ROWS values hashed with the band's own multipliers and salt,
    for all signatures at once."""
    banded = sigs[:, :BANDS * ROWS].astype(np.uint64).reshape(len(sigs), BANDS, ROWS)
    with np.errstate(over="ignore"):
        return _mix((banded * _BAND_MULTIPLIERS[None]).sum(axis=2, dtype=np.uint64) + _BAND_SALT[None])


def scoped_band_keys(hashes: np.ndarray, scopes: np.ndarray) -> np.ndarray:
    """(n, BANDS) int64: the index keys of n texts' band hashes (rows of `band_hashes`), each within its
    scope (n `stable_key`s, int64): texts in different scopes never share a key."""
    with np.errstate(over="ignore"):
        return _mix(hashes ^ _mix(scopes.astype(np.int64).view(np.uint64))[:, None]).view(np.int64)


def empty_rows(sigs: np.ndarray) -> np.ndarray:
    """Which rows of a signature matrix belong to texts with nothing to compare."""
    return (sigs == _EMPTY[None]).all(axis=1)




def stable_key(*parts: str) -> int | None:
    """A signed 64-bit key for exact-match lookups (a phone, a normalised name); None when all parts are
    empty, so that blanks never match one another."""
    # a phone of ASCII digits is its own cleaned form; anything else is folded and stripped of blanks and marks
    cleaned = [p if p and p.isascii() and p.isdigit() else _DROP.sub("", folded(p or "")) for p in parts]
    if not any(cleaned):
        return None
    return _signed64(hashlib.blake2b("\x1f".join(cleaned).encode("utf-8"), digest_size=8).digest())
