"""Pausing for testing or appraisal (Art. 22): the time the pause lasted does not count."""

from __future__ import annotations

from datetime import date

import pytest
from workflow_helpers import act, at, mediating_complaint

from weiquan.cases.models import Case


def clock(case, kind):
    return case.clocks.get(kind=kind)


@pytest.fixture
def mediating(make_case, pingcheng):
    return mediating_complaint(make_case, pingcheng)


def test_a_paused_mediation_gets_the_paused_days_back(mediating, pingcheng):
    assert clock(mediating, "mediation").due == date(2026, 7, 6)  # 60 days from acceptance on 05-07
    case = act(pingcheng, mediating, "pause", date(2026, 5, 11), note="送检：衣柜板材甲醛检测")
    paused = clock(case, "mediation")
    assert paused.state == "paused"
    assert Case.objects.get(pk=case.pk).next_due is None  # a paused clock is not due
    case = act(pingcheng, case, "resume", date(2026, 5, 21))
    resumed = clock(case, "mediation")
    assert resumed.state == "running"
    assert resumed.due == date(2026, 7, 16)  # + 10 days paused
    assert Case.objects.get(pk=case.pk).next_due == date(2026, 7, 16)


def test_two_pauses_add_up(mediating, pingcheng):
    case = act(pingcheng, mediating, "pause", date(2026, 5, 11), note="检测")
    case = act(pingcheng, case, "resume", date(2026, 5, 16))
    case = act(pingcheng, case, "pause", date(2026, 6, 1), note="鉴定")
    case = act(pingcheng, case, "resume", date(2026, 6, 6))
    assert clock(case, "mediation").due == date(2026, 7, 16)


def test_a_pause_resumed_the_same_day_changes_nothing(mediating, pingcheng):
    case = act(pingcheng, mediating, "pause", date(2026, 5, 11), note="检测")
    case = act(pingcheng, case, "resume", date(2026, 5, 11))
    assert clock(case, "mediation").due == date(2026, 7, 6)


def test_a_paused_report_verification_gets_the_paused_working_days_back(make_case, pingcheng):
    report = make_case(kind="report", at=at(date(2026, 6, 1)))
    assert clock(report, "verification").due == date(2026, 6, 23)  # 15 WD, Dragon Boat 06-19 off
    report = act(pingcheng, report, "verify", date(2026, 6, 2))
    report = act(pingcheng, report, "pause", date(2026, 6, 3), note="抽样送检")
    report = act(pingcheng, report, "resume", date(2026, 6, 10))  # 5 working days paused
    assert clock(report, "verification").due == date(2026, 6, 30)


def test_a_decision_after_the_original_due_date_is_met_thanks_to_the_pause(make_case, pingcheng):
    report = make_case(kind="report", at=at(date(2026, 6, 1)))
    report = act(pingcheng, report, "verify", date(2026, 6, 2))
    report = act(pingcheng, report, "pause", date(2026, 6, 3), note="抽样送检")
    # the decision comes after the original due date (06-23), within the one the pause pushed out
    report = act(pingcheng, report, "resume", date(2026, 6, 10))
    report = act(pingcheng, report, "not_file", date(2026, 6, 29))
    stopped = clock(report, "verification")
    assert (stopped.state, stopped.due, stopped.stopped_on) == ("met", date(2026, 6, 30), date(2026, 6, 29))


def test_a_pause_reaching_into_an_unknown_year_makes_the_due_date_provisional(make_case, pingcheng):
    from datetime import timedelta

    from weiquan.deadlines.calendar import set_year_schedule

    report = make_case(kind="report", at=at(date(2026, 12, 1)))
    report = act(pingcheng, report, "verify", date(2026, 12, 2))
    report = act(pingcheng, report, "pause", date(2026, 12, 3), note="抽样送检")
    report = act(pingcheng, report, "resume", date(2027, 1, 5))
    clock_of = report.clocks.get(kind="verification")
    assert clock_of.provisional  # the paused working days of 2027 were counted on weekends only
    set_year_schedule(2027, [(date(2027, 1, 1) + timedelta(days=i), False, "元旦") for i in range(3)])
    clock_of.refresh_from_db()
    assert not clock_of.provisional
    # 15 WD from 12-01 plus the 22 working days paused (12-04 … 2027-01-05, 01-01 now a holiday)
    assert clock_of.due == date(2027, 1, 22)
