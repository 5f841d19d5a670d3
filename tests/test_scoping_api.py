"""Through the API a handler of another county cannot tell a 平城区 case from a case that does not
exist: 404 on the case, its events and its transitions, and it is absent from every list."""

import pytest

from weiquan.lib import workflow
from weiquan.orgs.models import User

NOWHERE = "14990101000001"


def client_of(api_as, username):
    return api_as(User.objects.get(username=username))


@pytest.fixture
def pingcheng_case(make_case, pingcheng):
    from weiquan.cases.services import ActionInput, apply_action

    return apply_action(pingcheng, make_case(), ActionInput("accept"))


@pytest.mark.parametrize("username", ["yungang", "taiyuan"])
def test_another_county_gets_404_everywhere(api_as, pingcheng_case, username):
    client = client_of(api_as, username)
    number = pingcheng_case.number
    missing = client.get(f"/api/v1/cases/{NOWHERE}")
    assert missing.status_code == 404
    for path in (f"/api/v1/cases/{number}", f"/api/v1/cases/{number}/events"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == missing.json()
    for action in workflow.ALL_ACTIONS:
        response = client.post(f"/api/v1/cases/{number}/transitions",
                               {"action": action, "ground": "other_law", "note": "x", "org": "140214"},
                               content_type="application/json")
        assert response.status_code == 404, action
        assert response.json() == missing.json()
    pingcheng_case.refresh_from_db()
    assert (pingcheng_case.state, pingcheng_case.event_count) == ("accepted", 3)


@pytest.mark.parametrize("username", ["yungang", "taiyuan"])
def test_another_county_does_not_find_it_in_any_list(api_as, pingcheng_case, username):
    client = client_of(api_as, username)
    number = pingcheng_case.number
    for query in ("", f"?q={number}", "?org=140213", "?state=accepted", "?kind=complaint",
                  f"?q={pingcheng_case.complainant_phone}", "?overdue=false"):
        response = client.get(f"/api/v1/cases{query}")
        assert response.status_code == 200, query
        assert number not in [item["number"] for item in response.json()["items"]], query


@pytest.mark.parametrize("username", ["pingcheng", "datong", "clerk", "admin"])
def test_those_in_scope_see_it(api_as, pingcheng_case, username):
    client = client_of(api_as, username)
    number = pingcheng_case.number
    assert client.get(f"/api/v1/cases/{number}").json()["state"] == "accepted"
    assert [e["action"] for e in client.get(f"/api/v1/cases/{number}/events").json()] == [
        "register", "route", "accept"]
    assert number in [item["number"] for item in client.get(f"/api/v1/cases?q={number}").json()["items"]]


def test_the_registering_centre_sees_but_cannot_act(api_as, pingcheng_case):
    response = client_of(api_as, "clerk").post(f"/api/v1/cases/{pingcheng_case.number}/transitions",
                                               {"action": "mediate"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"]


def test_the_handler_acts_through_the_api(api_as, pingcheng_case):
    client = client_of(api_as, "pingcheng")
    response = client.post(f"/api/v1/cases/{pingcheng_case.number}/transitions", {"action": "mediate"},
                           content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "mediating"
    response = client.post(f"/api/v1/cases/{pingcheng_case.number}/transitions", {"action": "accept"},
                           content_type="application/json")
    assert response.status_code == 409
    assert response.json()["detail"]
