"""Report verification: 15 working days, extended once by 15 more with the head's approval (Art. 27)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from weiquan.cases.services import ActionInput, apply_action
from weiquan.cases.services.errors import InvalidInput
from weiquan.lib.workflow import WorkflowError

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def verifying(make_case, pingcheng):
    report = make_case(kind="report", at=at(date(2026, 6, 1)))
    return apply_action(pingcheng, report, ActionInput(action="verify"), at=at(date(2026, 6, 2)))


def verification(case):
    return case.clocks.get(kind="verification")


def test_extension_adds_fifteen_working_days(verifying, pingcheng):
    assert verification(verifying).due == date(2026, 6, 23)
    case = apply_action(pingcheng, verifying, ActionInput(action="extend", note="局长批准延长"),
                        at=at(date(2026, 6, 10)))
    clock = verification(case)
    assert (clock.due, clock.extra_working_days, clock.state) == (date(2026, 7, 14), 15, "running")
    assert case.next_due == date(2026, 7, 14)
    assert case.events.order_by("-seq").first().payload["due"] == "2026-07-14"


def test_only_one_extension(verifying, pingcheng):
    case = apply_action(pingcheng, verifying, ActionInput(action="extend", note="局长批准"), at=at(date(2026, 6, 10)))
    with pytest.raises(WorkflowError):
        apply_action(pingcheng, case, ActionInput(action="extend", note="再次延长"), at=at(date(2026, 6, 11)))
    assert verification(case).due == date(2026, 7, 14)


def test_an_extension_needs_the_approval_recorded(verifying, pingcheng):
    with pytest.raises(InvalidInput):
        apply_action(pingcheng, verifying, ActionInput(action="extend"), at=at(date(2026, 6, 10)))
    assert verification(verifying).due == date(2026, 6, 23)


def test_extension_and_pause_both_count(verifying, pingcheng):
    case = apply_action(pingcheng, verifying, ActionInput(action="extend", note="局长批准"), at=at(date(2026, 6, 3)))
    case = apply_action(pingcheng, case, ActionInput(action="pause", note="送检"), at=at(date(2026, 6, 3)))
    case = apply_action(pingcheng, case, ActionInput(action="resume"), at=at(date(2026, 6, 10)))
    assert verification(case).due == date(2026, 7, 21)  # 15 + 15 + 5 paused working days
