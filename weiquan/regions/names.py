"""Division names as they begin business names, for `lib.business_names.trade_part`."""

from __future__ import annotations

import functools

from weiquan.lib.business_names import Divisions, trade_part

from .models import Region

_NAMES: Divisions | None = None


def division_names() -> Divisions:
    """The names to drop (`Divisions.from_regions`), read once per process; an empty table (divisions not
    loaded yet) is read again next time."""
    global _NAMES
    if _NAMES is None:
        divisions = Divisions.from_regions(Region.objects.values_list("name", "short_name", "level"))
        if not divisions:
            return divisions
        _NAMES = divisions
    return _NAMES


def forget_division_names() -> None:
    global _NAMES
    _NAMES = None
    _short_name.cache_clear()


def business_short_name(name: str) -> str:
    """What a business name is also found by: the name from its 字号 on ("" if it starts there already,
    or if no divisions are loaded)."""
    return _short_name(name) if name and division_names() else ""


@functools.lru_cache(maxsize=100_000)  # a business is complained about again and again
def _short_name(name: str) -> str:
    return trade_part(name, division_names())
