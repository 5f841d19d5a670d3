"""A complaint received on 2026-12-30 gets a provisional acceptance due date in 2027 (the calendar does
not know 2027 yet); entering the 2027 State Council schedule recomputes it and makes it final."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from weiquan.cases.models import Case
from weiquan.deadlines.calendar import set_year_schedule
from weiquan.deadlines.models import CalendarYear

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YEAR_2027 = [(date(2027, 1, 1) + timedelta(days=i), False, "元旦") for i in range(3)]


@pytest.fixture
def late_december_case(make_case):
    return make_case(at=datetime(2026, 12, 30, 10, 0, tzinfo=SHANGHAI))


def acceptance(case):
    return case.clocks.get(kind="acceptance")


def test_received_on_2026_12_30_the_acceptance_due_date_is_provisional(late_december_case):
    assert not CalendarYear.objects.filter(year=2027).exists()
    clock = acceptance(late_december_case)
    assert clock.start == date(2026, 12, 30)
    # 12-31, then 2027 counted on weekends only: 01-01, 01-04 … 01-08
    assert (clock.due, clock.provisional) == (date(2027, 1, 8), True)
    assert late_december_case.next_due == date(2027, 1, 8)


def test_entering_the_2027_schedule_recomputes_the_open_clock(late_december_case):
    changed = set_year_schedule(2027, NEW_YEAR_2027, note="国务院办公厅通知")
    assert changed >= 1
    clock = acceptance(late_december_case)
    # 2027-01-01 is now a holiday: 12-31, 01-04 … 01-08, 01-11
    assert (clock.due, clock.provisional) == (date(2027, 1, 11), False)
    assert Case.objects.get(pk=late_december_case.pk).next_due == date(2027, 1, 11)


def test_a_longer_holiday_moves_the_due_date_further(late_december_case):
    schedule = NEW_YEAR_2027 + [(date(2027, 1, d), False, "测试假日") for d in (4, 5, 6)]
    set_year_schedule(2027, schedule)
    clock = acceptance(late_december_case)
    assert (clock.due, clock.provisional) == (date(2027, 1, 14), False)
    # and correcting the schedule again brings it back
    set_year_schedule(2027, NEW_YEAR_2027)
    assert acceptance(late_december_case).due == date(2027, 1, 11)


def test_a_make_up_saturday_brings_the_due_date_forward(late_december_case):
    set_year_schedule(2027, NEW_YEAR_2027 + [(date(2027, 1, 9), True, "调休")])
    assert acceptance(late_december_case).due == date(2027, 1, 9)


def test_closed_clocks_are_not_recomputed(late_december_case, pingcheng):
    from weiquan.cases.services import ActionInput, apply_action

    apply_action(pingcheng, late_december_case, ActionInput(action="accept"),
                 at=datetime(2026, 12, 31, 9, 0, tzinfo=SHANGHAI))
    before = acceptance(late_december_case)
    assert before.state == "met"
    set_year_schedule(2027, NEW_YEAR_2027)
    after = acceptance(late_december_case)
    assert (after.due, after.provisional, after.state) == (before.due, before.provisional, "met")
    mediation = late_december_case.clocks.get(kind="mediation")
    # 60 days from 2026-12-31 → 2027-03-01 (a Monday): known now, no longer provisional
    assert (mediation.due, mediation.provisional) == (date(2027, 3, 1), False)
