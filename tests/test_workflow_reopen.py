"""A call-back may reopen a closed case (Art. 26): a complaint is mediated again, a report verified
again, a consultation goes back to its intake unit."""

import pytest

from weiquan.cases import selectors
from weiquan.cases.services import ActionInput, apply_action
from weiquan.cases.services.errors import InvalidInput
from weiquan.lib.workflow import WorkflowError


def run(user, case, *names, **extra):
    for name in names:
        case = apply_action(user, case, ActionInput(name, **extra.get(name, {})))
    return case


def test_a_settled_complaint_is_reopened_and_mediated_again(make_case, pingcheng, datong):
    case = run(pingcheng, make_case(), "accept", "mediate", "settle", "close",
               settle={"amount_recovered": "100"})
    accepted_on = case.accepted_on
    assert case.closed_at is not None
    case = apply_action(datong, case, ActionInput("reopen", note="回访：商家未按约退款"))
    assert (case.state, case.outcome, case.closed_at, case.accepted_on) == ("accepted", "", None, accepted_on)
    mediation = [c.state for c in case.clocks.filter(kind="mediation").order_by("id")]
    assert mediation == ["met", "running"]
    assert case.next_due is not None
    case = run(pingcheng, case, "mediate", "settle", "close", settle={"amount_recovered": "6800"})
    assert case.state == "closed"
    assert [e.action for e in case.events.order_by("seq")][-5:] == ["close", "reopen", "mediate", "settle", "close"]


def test_a_reason_is_required(make_case, pingcheng, datong):
    case = run(pingcheng, make_case(), "accept", "mediate", "settle", "close")
    with pytest.raises(InvalidInput):
        apply_action(datong, case, ActionInput("reopen"))
    case.refresh_from_db()
    assert case.state == "closed"


@pytest.mark.parametrize("ending", [("refuse",), ("withdraw",)])
def test_a_complaint_never_accepted_cannot_be_reopened(make_case, pingcheng, datong, ending):
    case = run(pingcheng, make_case(), *ending, "close", refuse={"ground": "time_barred"})
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(datong, case, ActionInput("reopen", note="回访"))
    assert excinfo.value.status == 409
    case.refresh_from_db()
    assert case.state == "closed"


def test_a_closed_report_is_verified_again(make_case, pingcheng, datong):
    case = run(pingcheng, make_case(kind="report"), "verify", "not_file", "notify_reporter", "close",
               notify_reporter={"note": "已电话告知举报人"})
    case = apply_action(datong, case, ActionInput("reopen", note="举报人补充新线索"))
    assert case.state == "verifying"
    assert [c.state for c in case.clocks.filter(kind="verification").order_by("id")] == ["met", "running"]


def test_a_closed_consultation_goes_back_to_its_intake_unit(make_case, clerk, pingcheng, datong):
    case = run(pingcheng, make_case(kind="consultation"), "answer", "close", answer={"note": "已答复"})
    case = apply_action(datong, case, ActionInput("reopen", note="咨询人表示未得到答复"))
    assert (case.state, case.handling_org.code) == ("received", "140000-12315")
    assert not selectors.cases_visible_to(pingcheng).filter(pk=case.pk).exists()
    assert run(clerk, case, "answer", "close", answer={"note": "再次答复"}).state == "closed"
