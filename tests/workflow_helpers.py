"""Shared helpers of the workflow and clock tests (not a test module): actions taken on a given local day."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from weiquan.cases.services import ActionInput, apply_action

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date) -> datetime:
    """10:00 in Shanghai on `day`."""
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=SHANGHAI)


def act(user, case, action: str, day: date, **fields):
    """`apply_action` as `user` at 10:00 on `day`."""
    return apply_action(user, case, ActionInput(action=action, **fields), at=at(day))


def mediating_complaint(make_case, handler):
    """An Order 121 complaint received 2026-05-06, accepted 05-07 (60 days: due 07-06), mediated from 05-08."""
    case = make_case(at=at(date(2026, 5, 6)))
    case = act(handler, case, "accept", date(2026, 5, 7))
    return act(handler, case, "mediate", date(2026, 5, 8))
