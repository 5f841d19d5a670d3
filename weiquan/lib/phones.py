"""Chinese phone numbers: mobile (1[3-9]x, 11 digits) and landline (area code 0xx[x] + 7–8 digits)."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-－()（）]")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９＋", "0123456789+")
MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")
SERVICE = re.compile(r"^(400|800)\d{7}$")


def normalise(raw: str) -> str:
    """Strip separators, full-width digits and a +86/0086 prefix."""
    value = raw.strip()
    if not value.isascii():
        value = value.translate(_FULL_WIDTH)
    value = _SEPARATORS.sub("", value)
    for prefix in ("+86", "0086"):
        if value.startswith(prefix):
            value = value[len(prefix):]
    return value


def is_valid(raw: str) -> bool:
    value = normalise(raw)
    return bool(MOBILE.match(value) or LANDLINE.match(value) or SERVICE.match(value))
