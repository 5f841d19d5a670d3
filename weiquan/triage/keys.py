"""The keys a case is checked against in the similarity index (`index`): hashed identities (phone, name and
address, the address alone, the business), the suggested issue, the text's MinHash signature and its LSH
band keys within the business. Computed for a whole batch at once; nothing here touches the database."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import numpy as np

from weiquan.lib import similarity

_DIGIT = re.compile(r"\d")


@dataclass
class Keys:
    """What the index stores and searches for one case."""

    received_on: date
    phone_key: int | None
    person_key: int | None
    address_key: int | None
    business_key: int | None
    uscc: str
    problem: str
    category: str
    sig: np.ndarray
    bands: list[int]


def keys_for_many(items: list[dict], *, normalised: bool = False) -> list[Keys]:
    """The keys of each item (received_on, phone, name, address, business_name, uscc, text, problem,
    category), the MinHash signatures and band keys computed for the whole list at once; `normalised`: the
    texts already went through `classify_text.normalise`. Masked identities (as exports carry them) and
    addresses without a number give no key."""
    sigs = similarity.signatures([item["text"] for item in items], normalised=normalised)
    businesses = [_business_key(item["business_name"]) for item in items]
    usccs = [item["uscc"] or "" for item in items]
    out = []
    for item, sig, business_key, uscc, bands in zip(items, sigs, businesses, usccs,
                                                    bands_for_many(sigs, businesses, usccs), strict=True):
        phone, name, address = (v if not _masked(v) else "" for v in (item["phone"], item["name"], item["address"]))
        out.append(Keys(item["received_on"], similarity.stable_key(phone),
                        similarity.stable_key(name, address) if name else None,
                        similarity.stable_key(address) if _precise(address) else None,
                        business_key, uscc, item["problem"] or "", item["category"] or "", sig, bands))
    return out


def bands_for_many(sigs: np.ndarray, business_keys: list[int | None], usccs: list[str]) -> list[list[int]]:
    """The index keys of texts (their signature matrix) about businesses: the LSH bands once per identity
    of the business — its name, and its credit code when known, since either makes two cases "the same
    business" (`_same_business`). No keys for a case without a business or without a text."""
    n = len(sigs)
    if not n:
        return []
    hashes = similarity.band_hashes(sigs)
    empty = similarity.empty_rows(sigs).tolist()
    named = similarity.scoped_band_keys(hashes, np.array([b or 0 for b in business_keys], dtype=np.int64)).tolist()
    out = [[] if empty[i] or business_keys[i] is None else named[i] for i in range(n)]
    coded = [i for i in range(n) if usccs[i] and not empty[i]]
    if coded:
        scopes = np.array([_uscc_scope(usccs[i]) for i in coded], dtype=np.int64)
        for i, keys in zip(coded, similarity.scoped_band_keys(hashes[coded], scopes).tolist(), strict=True):
            out[i] = out[i] + keys
    return out


def _uscc_scope(uscc: str) -> int:
    return similarity.stable_key("uscc", uscc)


@functools.lru_cache(maxsize=200_000)  # a business is complained about again and again
def _business_key(name: str) -> int | None:
    return similarity.stable_key(name)


def _precise(address: str) -> bool:
    """An address with a number in it (building, door, room) can be shared meaningfully; "某小区" cannot."""
    return bool(_DIGIT.search(unicodedata.normalize("NFKC", address or "")))


def _masked(value: str) -> bool:
    """A masked value (138****5678, 张某某, as imported exports carry them) identifies nobody: two masked
    phones that read the same belong to different people."""
    return "*" in (value or "") or (value or "").endswith("某")
