"""Who may act: roles decide which actions, the organisation tree decides on which cases.

Out of scope is 404 (the case does not exist for that user); in scope but the wrong role is 403."""

import pytest

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, apply_action
from weiquan.cases.services.errors import InvalidInput, NotVisible
from weiquan.lib import workflow
from weiquan.lib.workflow import WorkflowError
from weiquan.orgs.models import User

INPUT = {"route": dict(org="140213"), "transfer": dict(org="140214"), "refuse": dict(ground="out_of_scope"),
         "terminate": dict(ground="other_law"), "pause": dict(note="送检"), "answer": dict(note="答复"),
         "reopen": dict(note="回访"), "return_to_intake": dict(note="无管辖权"), "extend": dict(note="批准")}


def act(user, case, name, **extra):
    return apply_action(user, case, ActionInput(name, **{**INPUT.get(name, {}), **extra}))


def state_of(case):
    case = Case.objects.get(pk=case.pk)
    return case.state, case.handling_org.code, case.event_count


def test_a_clerk_cannot_accept(make_case, clerk):
    at_intake = make_case(route_to=None)
    with pytest.raises(WorkflowError) as excinfo:
        act(clerk, at_intake, "accept")
    assert excinfo.value.status == 403
    routed = make_case()
    before = state_of(routed)
    with pytest.raises(WorkflowError) as excinfo:
        act(clerk, routed, "accept")
    # the clerk's centre registered it, so the clerk sees it, but the bureau acts on it
    assert excinfo.value.status == 403
    assert state_of(routed) == before


def test_a_clerk_routes_splits_and_answers_at_intake(make_case, clerk):
    case = act(clerk, make_case(route_to=None), "route")
    assert (case.state, case.handling_org.code) == ("routed", "140213")
    case = act(clerk, make_case(route_to=None), "split")
    assert case.split_cases.count() == 1
    case = act(clerk, make_case(kind="consultation", route_to=None), "answer")
    assert act(clerk, case, "close").state == "closed"


def test_an_analyst_can_do_nothing(make_case, analyst):
    case = make_case()
    before = state_of(case)
    for name in workflow.ALL_ACTIONS:
        with pytest.raises(WorkflowError) as excinfo:
            act(analyst, case, name)
        assert excinfo.value.status == 403, name
    assert state_of(case) == before


def test_a_handler_cannot_transfer_nor_reopen(make_case, pingcheng):
    case = make_case()
    with pytest.raises(WorkflowError) as excinfo:
        act(pingcheng, case, "transfer", org="140213-S01")
    assert excinfo.value.status == 403
    case = act(pingcheng, case, "accept")
    case = act(pingcheng, case, "mediate")
    case = act(pingcheng, case, "settle")
    case = act(pingcheng, case, "close")
    with pytest.raises(WorkflowError) as excinfo:
        act(pingcheng, case, "reopen")
    assert excinfo.value.status == 403
    assert Case.objects.get(pk=case.pk).state == "closed"


def test_a_city_supervisor_designates_a_bureau_inside_its_city(make_case, datong, pingcheng, yungang):
    case = make_case()
    case = act(datong, case, "transfer", org="140214")
    assert (case.state, case.handling_org.code) == ("routed", "140214")
    # the designated bureau's acceptance period runs from the day it got the case
    clocks = sorted((c.org.code, c.kind, c.state) for c in case.clocks.all())
    assert clocks == [("140213", "acceptance", "cancelled"), ("140214", "acceptance", "running")]
    event = case.events.order_by("-seq").first()
    assert (event.action, event.payload["org"], event.payload["from_org"]) == ("transfer", "140214", "140213")
    with pytest.raises(NotVisible):
        act(pingcheng, case, "accept")
    assert act(yungang, case, "accept").state == "accepted"


@pytest.mark.parametrize("target", ["140100", "140105", "140000", "140000-12315"])
def test_a_city_supervisor_cannot_designate_outside_its_city(make_case, datong, target):
    case = make_case()
    before = state_of(case)
    with pytest.raises(InvalidInput) as excinfo:
        act(datong, case, "transfer", org=target)
    assert "org" in excinfo.value.errors
    assert state_of(case) == before


def test_transfer_to_the_same_bureau_or_an_unknown_one_is_refused(make_case, datong):
    case = make_case()
    for target in ("140213", "nope", ""):
        with pytest.raises(InvalidInput):
            act(datong, case, "transfer", org=target)
    assert state_of(case)[:2] == ("routed", "140213")


def test_a_supervisor_reopens_a_closed_complaint(make_case, pingcheng, datong):
    case = make_case()
    for name in ("accept", "mediate", "settle", "close"):
        case = act(pingcheng, case, name)
    case = act(datong, case, "reopen")
    assert case.state == "accepted"


PINGCHENG_STATES = {
    "routed": [], "accepted": ["accept"], "mediating": ["accept", "mediate"],
    "closed": ["accept", "mediate", "settle", "close"],
}


@pytest.mark.parametrize("state", PINGCHENG_STATES)
@pytest.mark.parametrize("username", ["yungang", "taiyuan"])
def test_another_county_or_city_gets_not_visible_for_every_action(make_case, pingcheng, state, username):
    other = User.objects.select_related("organisation").get(username=username)
    case = make_case()
    for name in PINGCHENG_STATES[state]:
        case = act(pingcheng, case, name)
    before = state_of(case)
    for name in (*workflow.ALL_ACTIONS, "no_such_action"):
        with pytest.raises(NotVisible):
            act(other, case, name)
    assert state_of(case) == before


def test_users_without_an_organisation_or_a_role_act_on_nothing(make_case, db):
    case = make_case()
    loose = User.objects.create_user("loose", password="x" * 12, role="handler")
    with pytest.raises(NotVisible):
        act(loose, case, "accept")
    odr = User.objects.get(username="odr")  # an ODR enterprise below the 平城区 bureau, not above it
    with pytest.raises(NotVisible):
        act(odr, case, "accept")
