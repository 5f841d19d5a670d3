"""Recusal (回避, Order 121 Art. 21; Order 20 Art. 20): a party asks for a mediator to step aside, mediation
is suspended (中止调解) until the bureau decides, then goes on — with another mediator when granted.

Whether the suspension counts against the mediation period is left open by the rules: by default it counts;
`WEIQUAN_RECUSAL_STOPS_CLOCK` makes it stand still, the days given back as after testing (Art. 22).
"""

from datetime import date

import pytest
from django.test import Client
from workflow_helpers import act, at, mediating_complaint

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, apply_action
from weiquan.cases.services.errors import InvalidInput, NotVisible
from weiquan.cases.services.events import broken_chains
from weiquan.lib.workflow import WorkflowError
from weiquan.public.progress import progress

REQUEST = "被投诉人申请调解员李某回避，称其与投诉人系亲属。"


def mediation_clock(case):
    return case.clocks.get(kind="mediation")


@pytest.fixture
def mediating(make_case, pingcheng):
    return mediating_complaint(make_case, pingcheng)


def test_a_request_suspends_mediation_and_by_default_the_period_keeps_running(mediating, pingcheng):
    case = act(pingcheng, mediating, "request_recusal", date(2026, 5, 11), note=REQUEST)
    assert case.state == "suspended"
    clock = mediation_clock(case)
    assert (clock.state, clock.due) == ("running", date(2026, 7, 6))
    assert Case.objects.get(pk=case.pk).next_due == date(2026, 7, 6)
    event = case.events.order_by("-seq").first()
    assert (event.action, event.from_state, event.to_state) == ("request_recusal", "mediating", "suspended")
    assert event.payload["note"] == REQUEST
    assert "clock" not in event.payload


@pytest.mark.parametrize("decision", ["grant_recusal", "refuse_recusal"])
def test_either_decision_resumes_mediation_with_the_period_unchanged(mediating, pingcheng, decision):
    case = act(pingcheng, mediating, "request_recusal", date(2026, 5, 11), note=REQUEST)
    case = act(pingcheng, case, decision, date(2026, 5, 16), note="经局负责人决定")
    assert case.state == "mediating"
    assert (mediation_clock(case).state, mediation_clock(case).due) == ("running", date(2026, 7, 6))
    assert [e.action for e in case.events.order_by("seq")][-2:] == ["request_recusal", decision]
    assert list(broken_chains()) == []


def test_with_the_setting_the_suspended_days_do_not_count(mediating, pingcheng, settings):
    settings.WEIQUAN_RECUSAL_STOPS_CLOCK = True
    case = act(pingcheng, mediating, "request_recusal", date(2026, 5, 11), note=REQUEST)
    assert mediation_clock(case).state == "paused"
    assert Case.objects.get(pk=case.pk).next_due is None  # nothing runs while the bureau decides
    assert case.events.order_by("-seq").first().payload["clock"] == "paused"
    case = act(pingcheng, case, "grant_recusal", date(2026, 5, 16), note="改由王某主持调解")
    clock = mediation_clock(case)
    # 60 natural days + 5 suspended end on Saturday 07-11; a period ending on a rest day moves to Monday
    assert (clock.state, clock.due) == ("running", date(2026, 7, 13))
    assert Case.objects.get(pk=case.pk).next_due == date(2026, 7, 13)


def test_order20_suspension_gives_back_working_days_only(make_case, pingcheng, settings):
    """Order 20: 45 working days from acceptance on 03-31 → 06-05. Suspended 04-02 → 04-09 spans the Qingming
    holiday (04-04 to 04-06): four working days are lost (04-03, 04-07, 04-08, 04-09), so the period
    ends four working days later, on 06-11."""
    settings.WEIQUAN_RECUSAL_STOPS_CLOCK = True
    case = make_case(at=at(date(2026, 3, 30)))
    assert case.rule_version == "order20"
    case = act(pingcheng, case, "accept", date(2026, 3, 31))
    assert mediation_clock(case).due == date(2026, 6, 5)
    case = act(pingcheng, case, "mediate", date(2026, 4, 1))
    case = act(pingcheng, case, "request_recusal", date(2026, 4, 2), note=REQUEST)
    case = act(pingcheng, case, "refuse_recusal", date(2026, 4, 9), note="申请理由不成立")
    assert mediation_clock(case).due == date(2026, 6, 11)


@pytest.mark.parametrize("action", ["request_recusal", "grant_recusal", "refuse_recusal"])
def test_every_recusal_step_needs_a_note_and_changes_nothing_without_one(mediating, pingcheng, action):
    case = mediating
    if action != "request_recusal":
        case = act(pingcheng, case, "request_recusal", date(2026, 5, 11), note=REQUEST)
    before = (case.state, case.event_count, case.last_event_hash)
    with pytest.raises(InvalidInput) as excinfo:
        act(pingcheng, case, action, date(2026, 5, 12), note="   ")
    assert "note" in excinfo.value.errors
    case.refresh_from_db()
    assert (case.state, case.event_count, case.last_event_hash) == before


def test_a_suspended_mediation_can_be_terminated_or_withdrawn(mediating, pingcheng, settings):
    settings.WEIQUAN_RECUSAL_STOPS_CLOCK = True
    case = act(pingcheng, mediating, "request_recusal", date(2026, 5, 11), note=REQUEST)
    case = act(pingcheng, case, "withdraw", date(2026, 5, 13), note="双方自行和解")
    assert (case.state, case.outcome) == ("terminated", "withdrawn_or_settled")
    clock = mediation_clock(case)
    assert (clock.state, clock.stopped_on) == ("met", date(2026, 5, 13))
    assert clock.pauses == [["2026-05-11", "2026-05-13"]]
    assert case.clocks.get(kind="notification").state == "running"


def test_a_second_request_waits_for_the_first_decision(mediating, pingcheng):
    case = act(pingcheng, mediating, "request_recusal", date(2026, 5, 11), note=REQUEST)
    with pytest.raises(WorkflowError) as excinfo:
        act(pingcheng, case, "request_recusal", date(2026, 5, 12), note=REQUEST)
    assert excinfo.value.status == 409
    for action in ("settle", "pause", "mediate"):
        with pytest.raises(WorkflowError):
            act(pingcheng, case, action, date(2026, 5, 12), note="x")


def test_no_recusal_before_mediation_nor_during_testing(make_case, pingcheng):
    case = act(pingcheng, make_case(at=at(date(2026, 5, 6))), "accept", date(2026, 5, 7))
    with pytest.raises(WorkflowError) as excinfo:
        act(pingcheng, case, "request_recusal", date(2026, 5, 8), note=REQUEST)
    assert excinfo.value.status == 409
    case = act(pingcheng, case, "mediate", date(2026, 5, 8))
    case = act(pingcheng, case, "pause", date(2026, 5, 9), note="送检")
    with pytest.raises(WorkflowError):
        act(pingcheng, case, "request_recusal", date(2026, 5, 10), note=REQUEST)


def test_reports_and_consultations_have_no_recusal(make_case, pingcheng):
    report = act(pingcheng, make_case(kind="report"), "verify", date(2026, 6, 2))
    consultation = make_case(kind="consultation")
    for case in (report, consultation):
        with pytest.raises(WorkflowError) as excinfo:
            apply_action(pingcheng, case, ActionInput(action="request_recusal", note=REQUEST))
        assert excinfo.value.status == 409


def test_only_the_handling_bureau_and_its_superiors_decide(mediating, pingcheng, clerk, analyst, yungang, datong):
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(analyst, mediating, ActionInput(action="request_recusal", note=REQUEST))
    assert excinfo.value.status in (403, 404)
    with pytest.raises(NotVisible):
        apply_action(yungang, mediating, ActionInput(action="request_recusal", note=REQUEST))
    case = apply_action(pingcheng, mediating, ActionInput(action="request_recusal", note=REQUEST))
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(clerk, case, ActionInput(action="grant_recusal", note="x"))
    assert excinfo.value.status == 403
    case = apply_action(datong, case, ActionInput(action="grant_recusal", note="市局决定回避"))
    assert case.state == "mediating"


def test_the_consumer_reads_it_in_plain_words(mediating, pingcheng):
    case = act(pingcheng, mediating, "request_recusal", date(2026, 5, 11), note=REQUEST)
    seen = progress(Case.objects.get(pk=case.pk))
    text = str(seen)
    assert "step aside" in text or "回避" in text
    assert "李某" not in text and "亲属" not in text  # the request's note stays inside the bureau


def test_the_case_page_offers_the_decision_while_suspended(mediating, pingcheng):
    client = Client()
    client.force_login(pingcheng)
    html = client.get(f"/staff/cases/{mediating.number}/").content.decode()
    assert 'data-action="request_recusal"' in html
    response = client.post(f"/staff/cases/{mediating.number}/act/",
                           {"action": "request_recusal", "note": REQUEST})
    assert response.status_code in (200, 302)
    html = client.get(f"/staff/cases/{mediating.number}/").content.decode()
    assert 'data-action="grant_recusal"' in html and 'data-action="refuse_recusal"' in html
    assert 'data-action="settle"' not in html
    assert "中止调解" in html or "suspended" in html


def test_the_api_takes_the_actions(mediating, api_as, pingcheng):
    client = api_as(pingcheng)
    response = client.post(f"/api/v1/cases/{mediating.number}/transitions",
                           {"action": "request_recusal", "note": REQUEST}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "suspended"
    response = client.post(f"/api/v1/cases/{mediating.number}/transitions",
                           {"action": "refuse_recusal"}, content_type="application/json")
    assert response.status_code == 422
    response = client.post(f"/api/v1/cases/{mediating.number}/transitions",
                           {"action": "refuse_recusal", "note": "理由不成立"}, content_type="application/json")
    assert response.json()["state"] == "mediating"
