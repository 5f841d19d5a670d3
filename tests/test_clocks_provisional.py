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


def test_a_met_clock_stays_met_and_final_clocks_are_left_alone(late_december_case, make_case, pingcheng):
    from weiquan.cases.services import ActionInput, apply_action

    early = make_case(at=datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI))
    apply_action(pingcheng, early, ActionInput(action="accept"), at=datetime(2026, 12, 2, 9, 0, tzinfo=SHANGHAI))
    final = acceptance(early)
    assert (final.state, final.due, final.provisional) == ("met", date(2026, 12, 10), False)
    apply_action(pingcheng, late_december_case, ActionInput(action="accept"),
                 at=datetime(2026, 12, 31, 9, 0, tzinfo=SHANGHAI))
    assert acceptance(late_december_case).state == "met"
    set_year_schedule(2027, NEW_YEAR_2027)
    assert (acceptance(late_december_case).state, acceptance(late_december_case).due) == ("met", date(2027, 1, 11))
    again = acceptance(early)
    assert (again.state, again.due, again.provisional) == ("met", date(2026, 12, 10), False)
    mediation = late_december_case.clocks.get(kind="mediation")
    # 60 days from 2026-12-31 → 2027-03-01 (a Monday): known now, no longer provisional
    assert (mediation.due, mediation.provisional) == (date(2027, 3, 1), False)


def test_a_decision_taken_against_a_provisional_date_is_judged_again_by_the_real_one(
        late_december_case, pingcheng):
    from weiquan.cases.services import ActionInput, apply_action

    # the administrator is late: the bureau accepts on 2027-01-09, after the provisional due date
    apply_action(pingcheng, late_december_case, ActionInput(action="accept"),
                 at=datetime(2027, 1, 9, 9, 0, tzinfo=SHANGHAI))
    clock = acceptance(late_december_case)
    assert (clock.state, clock.due, clock.provisional) == ("breached", date(2027, 1, 8), True)
    set_year_schedule(2027, NEW_YEAR_2027)
    clock = acceptance(late_december_case)
    assert (clock.state, clock.due, clock.provisional) == ("met", date(2027, 1, 11), False)
