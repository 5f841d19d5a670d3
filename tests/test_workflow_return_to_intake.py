"""A bureau without authority sends the case back to the unit that registered it, never sideways
(Art. 41); the bureau then no longer sees it, unless it registered it itself."""

import pytest

from weiquan.cases import selectors
from weiquan.cases.services import ActionInput, apply_action
from weiquan.cases.services.errors import InvalidInput, NotVisible
from weiquan.lib.workflow import WorkflowError


def clocks_of(case):
    return [(c.kind, c.org.code, c.state) for c in case.clocks.order_by("id")]


def back(user, case, **extra):
    return apply_action(user, case, ActionInput("return_to_intake", note="经营者住所地在云冈区", **extra))


@pytest.mark.parametrize("kind", ["complaint", "report", "consultation"])
def test_the_case_goes_back_to_the_intake_centre(make_case, clerk, pingcheng, kind):
    case = make_case(kind=kind)
    case = back(pingcheng, case, org="140214")  # an org in the input is ignored: never sideways
    assert (case.state, case.handling_org.code) == ("received", "140000-12315")
    event = case.events.order_by("-seq").first()
    assert (event.action, event.from_state, event.to_state, event.payload["from_org"]) == (
        "return_to_intake", "routed", "received", "140213")
    assert not selectors.cases_visible_to(pingcheng).filter(pk=case.pk).exists()
    with pytest.raises(NotVisible):
        selectors.case_for(pingcheng, case.number)
    assert selectors.case_for(clerk, case.number) == case
    decision = {"complaint": "acceptance", "report": "verification", "consultation": "answer"}[kind]
    # the bureau's decision period ends; the intake unit has 7 working days to find the competent one
    assert clocks_of(case) == [(decision, "140213", "met"), ("jurisdiction", "140000-12315", "running")]
    jurisdiction = case.clocks.get(kind="jurisdiction")
    assert (jurisdiction.unit, jurisdiction.length) == ("wd", 7)
    assert case.next_due == jurisdiction.due
    case = apply_action(clerk, case, ActionInput("route", org="140214"))
    assert case.handling_org.code == "140214"
    assert clocks_of(case) == [(decision, "140213", "met"), ("jurisdiction", "140000-12315", "met"),
                               (decision, "140214", "running")]


def test_a_case_registered_by_a_bureau_goes_back_to_that_bureau(make_case, pingcheng, yungang):
    case = make_case(actor=pingcheng, channel="visit", route_to="140214")
    assert (case.intake_org.code, case.handling_org.code) == ("140213", "140214")
    case = back(yungang, case)
    assert (case.state, case.handling_org.code) == ("received", "140213")
    assert selectors.case_for(pingcheng, case.number) == case  # it registered it
    with pytest.raises(NotVisible):
        selectors.case_for(yungang, case.number)


def test_a_reason_is_required(make_case, pingcheng):
    case = make_case()
    with pytest.raises(InvalidInput) as excinfo:
        apply_action(pingcheng, case, ActionInput("return_to_intake"))
    assert "note" in excinfo.value.errors
    case.refresh_from_db()
    assert (case.state, case.handling_org.code) == ("routed", "140213")


def test_a_case_already_with_its_intake_unit_cannot_be_returned(make_case, pingcheng):
    case = make_case(actor=pingcheng, channel="visit", route_to="140213")
    with pytest.raises(WorkflowError) as excinfo:
        back(pingcheng, case)
    assert excinfo.value.status == 409


def test_a_decided_case_cannot_be_returned(make_case, pingcheng):
    case = apply_action(pingcheng, make_case(), ActionInput("accept"))
    with pytest.raises(WorkflowError) as excinfo:
        back(pingcheng, case)
    assert excinfo.value.status == 409
