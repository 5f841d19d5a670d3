"""A mixed submission is split at intake into a complaint and a report that point at each other (Art. 9)."""

import pytest

from weiquan.cases import selectors
from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, apply_action
from weiquan.lib.workflow import WorkflowError

MIXED = "购买的奶粉过期变质，要求退款赔偿；另举报该超市长期销售过期食品。"


def split(user, case):
    case = apply_action(user, case, ActionInput("split", note="投诉举报混合件，依法分别处理"))
    return case, case.split_cases.get()


def test_a_complaint_is_split_into_a_linked_report(make_case, clerk, api_as):
    original = make_case(route_to=None, description=MIXED)
    original, report = split(clerk, original)
    assert (original.kind, original.state, report.kind, report.state) == ("complaint", "received",
                                                                          "report", "received")
    assert report.number != original.number
    assert report.split_from_id == original.pk
    assert list(selectors.split_siblings(clerk, original)) == [report]
    assert list(selectors.split_siblings(clerk, report)) == [original]
    for field in ("received_at", "received_on", "rule_version", "channel", "description", "business_name",
                  "complainant_phone", "intake_org_id", "handling_org_id"):
        assert getattr(report, field) == getattr(original, field), field
    split_event = original.events.order_by("-seq").first()
    assert (split_event.action, split_event.payload["split_into"]) == ("split", report.number)
    register_event = report.events.get()
    assert (register_event.action, register_event.payload["split_from"]) == ("register", original.number)
    body = api_as(clerk).get(f"/api/v1/cases/{report.number}").json()
    assert (body["split_from"], body["split_into"]) == (original.number, [])
    body = api_as(clerk).get(f"/api/v1/cases/{original.number}").json()
    assert (body["split_from"], body["split_into"]) == (None, [report.number])


def test_a_confidential_report_is_split_and_its_complaint_half_is_not_confidential(make_case, clerk):
    original = make_case(kind="report", route_to=None, confidential=True, description=MIXED)
    original, complaint = split(clerk, original)
    assert (complaint.kind, complaint.confidential, complaint.request) == ("complaint", False, original.request)
    assert list(selectors.split_siblings(clerk, complaint)) == [original]


def test_the_halves_are_routed_and_seen_separately(make_case, clerk, pingcheng, yungang, datong, api_as):
    original, report = split(clerk, make_case(route_to=None, description=MIXED))
    apply_action(clerk, original, ActionInput("route", org="140213"))
    apply_action(clerk, report, ActionInput("route", org="140214"))
    assert list(selectors.split_siblings(pingcheng, original)) == []  # the report is 云冈区's
    assert list(selectors.split_siblings(yungang, report)) == []
    assert list(selectors.split_siblings(datong, original)) == [report]  # the city sees both
    assert list(selectors.split_siblings(datong, report)) == [original]
    assert api_as(pingcheng).get(f"/api/v1/cases/{original.number}").json()["split_into"] == []
    assert api_as(datong).get(f"/api/v1/cases/{original.number}").json()["split_into"] == [report.number]


@pytest.mark.parametrize("which", ["original", "half"])
def test_a_submission_is_split_once(make_case, clerk, which):
    original, half = split(clerk, make_case(route_to=None))
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(clerk, original if which == "original" else half, ActionInput("split"))
    assert excinfo.value.status == 409
    assert Case.objects.filter(pk__in=[original.pk, half.pk]).count() == 2
    assert Case.objects.filter(split_from=original).count() == 1


def test_only_a_complaint_or_report_at_intake_is_split(make_case, clerk, admin_user):
    for case in (make_case(), make_case(kind="consultation", route_to=None)):
        count = Case.objects.count()
        with pytest.raises(WorkflowError) as excinfo:
            apply_action(admin_user, case, ActionInput("split"))
        assert excinfo.value.status == 409
        assert Case.objects.count() == count


def test_split_numbers_are_taken_from_the_same_daily_sequence(make_case, clerk):
    first = make_case(route_to=None)
    first, half = split(clerk, first)
    third = make_case(route_to=None)
    assert [int(n[-6:]) for n in (first.number, half.number, third.number)] == [
        int(first.number[-6:]), int(first.number[-6:]) + 1, int(first.number[-6:]) + 2]
