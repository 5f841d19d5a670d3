"""A clock stopped on or before its due date is met; stopped later it is breached."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from weiquan.cases.services import ActionInput, apply_action

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)


def test_acceptance_on_the_due_date_is_met(make_case, pingcheng):
    case = make_case(at=at(date(2026, 5, 6)))
    assert case.clocks.get(kind="acceptance").due == date(2026, 5, 14)
    # late in the evening of the last day, local time, still counts
    case = apply_action(pingcheng, case, ActionInput(action="accept"), at=at(date(2026, 5, 14), 23))
    clock = case.clocks.get(kind="acceptance")
    assert (clock.state, clock.stopped_on) == ("met", date(2026, 5, 14))


def test_acceptance_a_day_late_is_breached(make_case, pingcheng):
    case = make_case(at=at(date(2026, 5, 6)))
    case = apply_action(pingcheng, case, ActionInput(action="refuse", ground="out_of_scope"),
                        at=at(date(2026, 5, 15)))
    assert case.clocks.get(kind="acceptance").state == "breached"


def test_terminating_a_paused_mediation_closes_the_pause_and_starts_the_notice_clock(make_case, pingcheng):
    case = make_case(at=at(date(2026, 5, 6)))
    for action, day, extra in [("accept", date(2026, 5, 7), {}), ("mediate", date(2026, 5, 8), {}),
                               ("pause", date(2026, 5, 11), {"note": "检测"})]:
        case = apply_action(pingcheng, case, ActionInput(action=action, **extra), at=at(day))
    case = apply_action(pingcheng, case, ActionInput(action="terminate", ground="testing_cost_dispute"),
                        at=at(date(2026, 7, 10)))
    mediation = case.clocks.get(kind="mediation")
    # 60 days + 60 paused (05-11 → 07-10): due 09-04, stopped 07-10 → met
    assert (mediation.state, mediation.due) == ("met", date(2026, 9, 4))
    notice = case.clocks.get(kind="notification")
    assert (notice.state, notice.start, notice.due) == ("running", date(2026, 7, 10), date(2026, 7, 21))
    assert case.next_due == date(2026, 7, 21)


def test_a_mediation_left_past_its_due_date_is_breached(make_case, pingcheng):
    case = make_case(at=at(date(2026, 5, 6)))
    case = apply_action(pingcheng, case, ActionInput(action="accept"), at=at(date(2026, 5, 7)))
    case = apply_action(pingcheng, case, ActionInput(action="mediate"), at=at(date(2026, 5, 8)))
    case = apply_action(pingcheng, case, ActionInput(action="settle", amount_recovered="100"),
                        at=at(date(2026, 7, 7)))
    assert case.clocks.get(kind="mediation").state == "breached"  # due 07-06
