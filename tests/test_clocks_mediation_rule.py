"""The mediation limit follows the rule in force on the day received: Order 20 (45 working days from
acceptance) before 2026-04-15, Order 121 (60 days from acceptance) from that day, in local time."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from weiquan.cases.services import ActionInput, apply_action

SHANGHAI = ZoneInfo("Asia/Shanghai")


def accepted(make_case, pingcheng, received: datetime):
    case = make_case(at=received)
    return apply_action(pingcheng, case, ActionInput(action="accept"),
                        at=datetime(2026, 4, 16, 10, 0, tzinfo=SHANGHAI))


@pytest.mark.parametrize("received, rule, unit, length, due", [
    (datetime(2026, 4, 14, 10, 0, tzinfo=SHANGHAI), "order20", "wd", 45, date(2026, 6, 23)),
    (datetime(2026, 4, 14, 23, 30, tzinfo=SHANGHAI), "order20", "wd", 45, date(2026, 6, 23)),
    (datetime(2026, 4, 15, 0, 30, tzinfo=SHANGHAI), "order121", "d", 60, date(2026, 6, 15)),
    (datetime(2026, 4, 15, 10, 0, tzinfo=SHANGHAI), "order121", "d", 60, date(2026, 6, 15)),
])
def test_mediation_limit_by_date_received(make_case, pingcheng, received, rule, unit, length, due):
    case = accepted(make_case, pingcheng, received)
    assert case.rule_version == rule
    clock = case.clocks.get(kind="mediation")
    assert (clock.unit, clock.length, clock.start, clock.due) == (unit, length, date(2026, 4, 16), due)
