"""Telling the reporter (Order 20 Art. 31; under Order 121 a local choice, Art. 36): after the filing decision a
real-name reporter is told within 5 working days, and the report closes only after that."""

from datetime import date

import pytest
from workflow_helpers import act, at

from weiquan.cases.models import Case
from weiquan.cases.services.errors import InvalidInput
from weiquan.lib.workflow import WorkflowError
from weiquan.public.progress import progress

TOLD = "已电话告知举报人不予立案的决定及理由。"


def notice(case):
    return case.clocks.filter(kind="reporter_notice").order_by("-id").first()


def decided(make_case, pingcheng, decision="not_file", received=date(2026, 6, 1), on=date(2026, 6, 16), **fields):
    """A report received (and routed) on `received`, verified the next day, decided on `on`."""
    report = make_case(kind="report", at=at(received), **fields)
    report = act(pingcheng, report, "verify", received.replace(day=received.day + 1))
    extra = {"enforcement_ref": "同平市监立〔2026〕7号"} if decision == "file_case" else {}
    return act(pingcheng, report, decision, on, **extra)


@pytest.mark.parametrize("decision", ["not_file", "file_case"])
def test_the_decision_starts_five_working_days_to_tell_the_reporter(make_case, pingcheng, decision):
    report = decided(make_case, pingcheng, decision)
    clock = notice(report)
    # decided Tuesday 06-16: 06-17, 06-18, (Dragon Boat 06-19 off, weekend), 06-22, 06-23, 06-24
    assert (clock.state, clock.start, clock.due, clock.unit, clock.length) == (
        "running", date(2026, 6, 16), date(2026, 6, 24), "wd", 5)
    assert Case.objects.get(pk=report.pk).next_due == date(2026, 6, 24)


def test_the_report_closes_only_once_the_reporter_is_told(make_case, pingcheng):
    report = decided(make_case, pingcheng)
    with pytest.raises(WorkflowError) as excinfo:
        act(pingcheng, report, "close", date(2026, 6, 17))
    assert excinfo.value.status == 409
    with pytest.raises(InvalidInput) as excinfo:
        act(pingcheng, report, "notify_reporter", date(2026, 6, 17), note="  ")
    assert "note" in excinfo.value.errors
    report = act(pingcheng, report, "notify_reporter", date(2026, 6, 22), note=TOLD)
    assert report.state == "not_filed"
    assert (notice(report).state, notice(report).stopped_on) == ("met", date(2026, 6, 22))
    with pytest.raises(WorkflowError):
        act(pingcheng, report, "notify_reporter", date(2026, 6, 22), note=TOLD)  # told once
    assert act(pingcheng, report, "close", date(2026, 6, 22)).state == "closed"


def test_told_late_is_breached(make_case, pingcheng):
    report = act(pingcheng, decided(make_case, pingcheng), "notify_reporter", date(2026, 6, 25), note=TOLD)
    assert notice(report).state == "breached"


def test_a_confidential_reporter_with_a_name_is_told_too(make_case, pingcheng):
    assert notice(decided(make_case, pingcheng, confidential=True)) is not None


def test_an_anonymous_reporter_is_not(make_case, pingcheng):
    report = decided(make_case, pingcheng, complainant_name="", complainant_address="")
    assert notice(report) is None  # a phone alone names nobody
    assert act(pingcheng, report, "close", date(2026, 6, 16)).state == "closed"


def test_under_order_121_the_deployment_may_drop_it(make_case, pingcheng, settings):
    settings.WEIQUAN_REPORTER_NOTICE = False
    report = decided(make_case, pingcheng)
    assert notice(report) is None
    with pytest.raises(WorkflowError):
        act(pingcheng, report, "notify_reporter", date(2026, 6, 17), note=TOLD)
    assert act(pingcheng, report, "close", date(2026, 6, 17)).state == "closed"


def test_under_order_20_it_is_the_law(make_case, pingcheng, settings):
    settings.WEIQUAN_REPORTER_NOTICE = False
    report = decided(make_case, pingcheng, received=date(2026, 3, 2), on=date(2026, 3, 10))
    assert report.rule_version == "order20"
    assert (notice(report).due, notice(report).state) == (date(2026, 3, 17), "running")


def test_a_reopened_report_decided_again_is_told_again(make_case, datong, pingcheng):
    report = act(pingcheng, decided(make_case, pingcheng), "notify_reporter", date(2026, 6, 17), note=TOLD)
    report = act(pingcheng, report, "close", date(2026, 6, 17))
    report = act(datong, report, "reopen", date(2026, 7, 1), note="回访时举报人反映违法行为仍在继续")
    report = act(pingcheng, report, "file_case", date(2026, 7, 6), enforcement_ref="同平市监立〔2026〕9号")
    assert [c.state for c in report.clocks.filter(kind="reporter_notice").order_by("id")] == ["met", "running"]


def test_the_reporter_reads_when_to_expect_the_answer(make_case, pingcheng):
    report = decided(make_case, pingcheng)
    seen = progress(Case.objects.get(pk=report.pk))
    assert seen["due"] == date(2026, 6, 24) and seen["due_kind"] == "reporter_notice"
    assert "5" in seen["next"]
    report = act(pingcheng, report, "notify_reporter", date(2026, 6, 17), note=TOLD)
    seen = progress(Case.objects.get(pk=report.pk))
    assert seen["steps"][-1]["action"] == "notify_reporter"
    assert TOLD not in str(seen)  # how the bureau told them stays inside the bureau


@pytest.mark.parametrize("version", ["order20", "order121"])
@pytest.mark.parametrize(("name", "phone", "address", "named"), [
    ("王五", "13800000000", "", True), ("王五", "", "大同市平城区新建南路1号", True), ("王五", "", "", False),
    ("", "13800000000", "大同市平城区新建南路1号", False), ("  ", " ", " ", False),
])
@pytest.mark.parametrize("kept", [True, False])
def test_who_must_be_told_every_combination(version, name, phone, address, named, kept):
    from weiquan.lib.workflow import reporter_must_be_told

    expected = named and (version == "order20" or kept)
    assert reporter_must_be_told(version, name, phone, address, where_local_rules_keep_it=kept) is expected
