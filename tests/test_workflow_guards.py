"""Refusals that depend on the case's history, not only on its state: one conversion into an
enforcement case per complaint, one extension of a verification period; and what the staff see as
possible actions matches what the service lets them do."""

import pytest

from weiquan.cases.services import ActionInput, apply_action
from weiquan.cases.services.actions import available_actions
from weiquan.cases.services.errors import NotVisible
from weiquan.lib import workflow
from weiquan.lib.workflow import WorkflowError


def test_a_complaint_is_converted_into_an_enforcement_case_once(make_case, pingcheng):
    case = apply_action(pingcheng, make_case(), ActionInput("accept"))
    case = apply_action(pingcheng, case, ActionInput("file_case", enforcement_ref="同平市监立〔2026〕3号"))
    assert (case.state, case.enforcement_ref) == ("accepted", "同平市监立〔2026〕3号")
    assert "file_case" not in available_actions(pingcheng, case)
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(pingcheng, case, ActionInput("file_case", enforcement_ref="another"))
    assert excinfo.value.status == 409
    case.refresh_from_db()
    assert case.enforcement_ref == "同平市监立〔2026〕3号"


def test_a_verification_period_is_extended_once_by_15_working_days(make_case, pingcheng):
    case = apply_action(pingcheng, make_case(kind="report"), ActionInput("verify"))
    due = case.clocks.get(kind="verification").due
    case = apply_action(pingcheng, case, ActionInput("extend", note="经局长批准"))
    clock = case.clocks.get(kind="verification")
    assert clock.extra_working_days == 15 and clock.due > due
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(pingcheng, case, ActionInput("extend", note="再次延长"))
    assert excinfo.value.status == 409
    assert case.clocks.get(kind="verification").extra_working_days == 15


def test_settlement_needs_mediation(make_case, pingcheng):
    case = apply_action(pingcheng, make_case(), ActionInput("accept"))
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(pingcheng, case, ActionInput("settle", amount_recovered="10"))
    assert excinfo.value.status == 409
    case = apply_action(pingcheng, case, ActionInput("mediate"))
    case = apply_action(pingcheng, case, ActionInput("pause", note="送检"))
    with pytest.raises(WorkflowError):
        apply_action(pingcheng, case, ActionInput("settle"))
    case = apply_action(pingcheng, case, ActionInput("resume"))
    assert apply_action(pingcheng, case, ActionInput("settle")).state == "settled"


INPUT = dict(note="x", ground="other_law", org="140214", enforcement_ref="x")
SHAPES = {"routed complaint": dict(), "complaint at intake": dict(route_to=None), "routed report": dict(kind="report")}


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("username", ["clerk", "pingcheng", "datong", "analyst", "admin", "yungang"])
def test_available_actions_are_exactly_those_the_service_accepts(make_case, username, shape, django_user_model):
    user = django_user_model.objects.select_related("organisation").get(username=username)
    case = make_case(**SHAPES[shape])
    earlier = make_case(kind="report")  # an open report to close a report into (Art. 35)
    offered = set(available_actions(user, case))
    accepted = set()
    for name in workflow.ALL_ACTIONS:
        try:
            apply_action(user, case, ActionInput(name, into=earlier.number, **INPUT))
        except (WorkflowError, NotVisible):
            continue  # refused by scope, role or state: nothing changed, try the next on the same case
        accepted.add(name)
        case = make_case(**SHAPES[shape])  # the action changed the case: start again from a fresh one
    assert offered == accepted


def test_the_case_json_offers_exactly_the_available_actions(make_case, pingcheng, datong, clerk, api_as):
    case = apply_action(pingcheng, make_case(), ActionInput("accept"))
    case = apply_action(pingcheng, case, ActionInput("file_case", enforcement_ref="同平市监立〔2026〕4号"))
    offered = {name: api_as(user).get(f"/api/v1/cases/{case.number}").json()["allowed_actions"]
               for name, user in (("pingcheng", pingcheng), ("datong", datong), ("clerk", clerk))}
    assert sorted(offered["pingcheng"]) == ["mediate", "refer_to_police", "terminate", "withdraw"]
    assert sorted(offered["datong"]) == ["mediate", "refer_to_police", "terminate", "withdraw"]
    assert offered["clerk"] == []  # sees it (its centre registered it) but does not act on it


@pytest.mark.parametrize(("path", "name"), [(["accept", "mediate"], "pause"), ([], "return_to_intake")])
def test_a_blank_note_is_no_note(make_case, pingcheng, path, name):
    from weiquan.cases.services.errors import InvalidInput

    case = make_case()
    for step in path:
        case = apply_action(pingcheng, case, ActionInput(step))
    with pytest.raises(InvalidInput) as excinfo:
        apply_action(pingcheng, case, ActionInput(name, note="  \x00 \n"))
    assert "note" in excinfo.value.errors
