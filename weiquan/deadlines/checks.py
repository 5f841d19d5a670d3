"""System check: configured time limits may be shorter than the law's, never longer (or in another unit)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

# name in settings.WEIQUAN_LIMITS: (unit, statutory upper bound, legal basis)
STATUTORY_LIMITS: dict[str, tuple[str, int, str]] = {
    "acceptance": ("wd", 7, "Order 121 Art. 15"),
    "mediation_order121": ("d", 60, "Order 121 Art. 23(5)"),
    "mediation_order20": ("wd", 45, "Order 20 Art. 21"),
    "notification": ("wd", 7, "Order 121 Art. 23"),
    "verification": ("wd", 15, "Order 121 Art. 27"),
    "verification_extension": ("wd", 15, "Order 121 Art. 27"),
    "jurisdiction": ("wd", 7, "Order 121 Art. 33"),
    "reporter_notice": ("wd", 5, "Order 20 Art. 31"),
}
UNITS = {"wd": "working days", "d": "days"}


def check_limits(limits) -> list[Error]:
    errors: list[Error] = []
    if not isinstance(limits, dict):
        return [Error("WEIQUAN_LIMITS must be a dict of name: (unit, length).", id="weiquan.E100")]
    for name, (unit, bound, basis) in STATUTORY_LIMITS.items():
        value = limits.get(name)
        if value is None:
            errors.append(Error(f"WEIQUAN_LIMITS has no '{name}' limit.",
                                hint=f"Set it to ('{unit}', {bound}) or shorter ({basis}).", id="weiquan.E101"))
            continue
        try:
            got_unit, length = value
        except (TypeError, ValueError):
            errors.append(Error(f"WEIQUAN_LIMITS['{name}'] must be a pair (unit, length), not {value!r}.",
                                id="weiquan.E102"))
            continue
        if got_unit != unit:
            errors.append(Error(
                f"WEIQUAN_LIMITS['{name}'] counts in {got_unit!r}; the law counts in {unit!r} "
                f"({UNITS[unit]}).", hint=f"Use ('{unit}', N) with N ≤ {bound} ({basis}).", id="weiquan.E103"))
            continue
        if isinstance(length, bool) or not isinstance(length, int) or length < 1:
            errors.append(Error(f"WEIQUAN_LIMITS['{name}'] must be a positive whole number, not {length!r}.",
                                id="weiquan.E104"))
            continue
        if length > bound:
            errors.append(Error(
                f"WEIQUAN_LIMITS['{name}'] is {length} {UNITS[unit]}, longer than the statutory "
                f"{bound} {UNITS[unit]} ({basis}).",
                hint="A deployment may shorten a legal time limit, never lengthen it.", id="weiquan.E105"))
    return errors


@register("weiquan")
def limits_within_statute(app_configs=None, **kwargs) -> list[Error]:
    return check_limits(getattr(settings, "WEIQUAN_LIMITS", None))
