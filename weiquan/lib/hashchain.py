"""Hash chain of a case's events: each event's hash covers its content and the previous hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

GENESIS = "0" * 64


# one encoder for every event: json.dumps with options builds a new one per call, a third of the cost
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def canonical(content: Mapping[str, Any]) -> bytes:
    return _CANONICAL.encode(content).encode()


def link(previous_hash: str, content: Mapping[str, Any]) -> str:
    return hashlib.sha256(previous_hash.encode() + b"\n" + canonical(content)).hexdigest()


def first_break(chain: Iterable[tuple[Mapping[str, Any], str, str]]) -> int | None:
    """Index of the first (content, prev_hash, hash) entry that does not chain, or None."""
    expected_prev = GENESIS
    for index, (content, prev_hash, stored) in enumerate(chain):
        if prev_hash != expected_prev or link(prev_hash, content) != stored:
            return index
        expected_prev = stored
    return None
