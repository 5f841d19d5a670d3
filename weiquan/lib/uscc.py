"""Unified social credit code (统一社会信用代码, GB 32100-2015): format and check digit."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
VALUES = {ch: i for i, ch in enumerate(ALPHABET)}


def normalise(code: str) -> str:
    return code.strip().upper().replace(" ", "")


def check_character(first17: str) -> str:
    total = sum(VALUES[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """None when the code is valid, otherwise a short English reason."""
    code = normalise(code)
    if len(code) != 18:
        return "must be 18 characters"
    bad = [ch for ch in code if ch not in VALUES]
    if bad:
        return f"contains characters not used in the code: {''.join(sorted(set(bad)))}"
    if not code[2:8].isdigit():
        return "characters 3 to 8 must be a division code"
    if check_character(code[:17]) != code[17]:
        return "check digit does not match"
    return None


def is_valid(code: str) -> bool:
    return problem(code) is None


def complete(first17: str) -> str:
    """The full code for 17 leading characters (used by the demo generator and tests)."""
    first17 = normalise(first17)
    return first17 + check_character(first17)
