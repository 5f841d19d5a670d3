"""The case endpoints of the interface contract, as a caller with a bearer token sees them."""

from __future__ import annotations

import json

import pytest

from weiquan.lib import uscc

CASE_KEYS = {"number", "kind", "channel", "received_at", "state", "complainant", "business", "description",
             "request", "amount", "category", "problem", "handling_org", "clocks", "outcome", "amount_recovered"}
VALID_USCC = uscc.complete("91140213MA0K12345")


def complaint_body(**overrides):
    body = {
        "kind": "complaint", "channel": "phone",
        "complainant": {"name": "李四", "phone": "13912345678", "address": "大同市平城区新建南路2号"},
        "business": {"name": "大同市平城区好运健身房", "uscc": VALID_USCC, "address": "大同市平城区魏都大道9号",
                     "region_code": "140213"},
        "description": "办理健身年卡后健身房关门，要求退还剩余费用。", "request": "退款", "amount": "3600.00",
        "category": "健身服务", "problem": "预付卡", "org": "140213",
    }
    body.update(overrides)
    return body


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def clerk_api(clerk, api_as):
    return api_as(clerk)


def test_registering_a_case_answers_201_with_the_contract_keys(clerk_api):
    response = post(clerk_api, "/api/v1/cases", complaint_body())
    assert response.status_code == 201, response.content
    case = response.json()
    assert CASE_KEYS <= set(case)
    assert case["kind"] == "complaint" and case["state"] == "routed"
    assert case["complainant"] == {"name": "李四", "phone": "13912345678", "address": "大同市平城区新建南路2号"}
    assert case["business"] == {"name": "大同市平城区好运健身房", "uscc": VALID_USCC,
                                "address": "大同市平城区魏都大道9号", "region_code": "140213",
                                "platform_name": "", "platform_address": ""}
    assert case["handling_org"]["code"] == "140213"
    assert set(case["handling_org"]) >= {"code", "name", "region_code"}
    assert case["handling_org"]["region_code"] == "140213"
    assert [c["kind"] for c in case["clocks"]] == ["acceptance"]
    assert set(case["clocks"][0]) >= {"kind", "start", "due", "state"}
    assert case["amount"] == "3600.00"


def test_a_case_is_read_back_by_its_number(clerk_api):
    number = post(clerk_api, "/api/v1/cases", complaint_body()).json()["number"]
    response = clerk_api.get(f"/api/v1/cases/{number}")
    assert response.status_code == 200
    case = response.json()
    assert case["number"] == number and case["category"] == "健身服务" and case["problem"] == "预付卡"
    assert case["clocks"][0]["state"] == "running"


def test_transitions_move_the_case_and_answer_with_it(make_case, pingcheng, api_as):
    case = make_case()
    client = api_as(pingcheng)
    url = f"/api/v1/cases/{case.number}/transitions"
    assert post(client, url, {"action": "accept"}).json()["state"] == "accepted"
    assert post(client, url, {"action": "mediate"}).json()["state"] == "mediating"
    settled = post(client, url, {"action": "settle", "amount_recovered": "1200.50", "note": "商家同意退款"})
    assert settled.status_code == 200
    assert settled.json()["state"] == "settled" and settled.json()["amount_recovered"] == "1200.50"
    events = client.get(f"/api/v1/cases/{case.number}/events").json()
    assert [e["action"] for e in events] == ["register", "route", "accept", "mediate", "settle"]
    assert events[-1]["payload"]["note"] == "商家同意退款"


def test_an_action_the_state_does_not_allow_is_409(make_case, pingcheng, api_as):
    case = make_case()
    response = post(api_as(pingcheng), f"/api/v1/cases/{case.number}/transitions", {"action": "settle"})
    assert response.status_code == 409
    assert "settle" in response.json()["detail"]


@pytest.mark.parametrize("ground", [None, "", "because"])
def test_refusing_without_a_valid_ground_is_422(make_case, pingcheng, api_as, ground):
    case = make_case()
    body = {"action": "refuse"} if ground is None else {"action": "refuse", "ground": ground}
    response = post(api_as(pingcheng), f"/api/v1/cases/{case.number}/transitions", body)
    assert response.status_code == 422
    assert "out_of_scope" in response.json()["detail"]


def test_refusing_with_a_ground_records_it_as_the_outcome(make_case, pingcheng, api_as):
    case = make_case()
    response = post(api_as(pingcheng), f"/api/v1/cases/{case.number}/transitions",
                    {"action": "refuse", "ground": "time_barred", "note": "超过三年"})
    assert response.status_code == 200
    assert response.json()["state"] == "not_accepted" and response.json()["outcome"] == "time_barred"


def test_route_with_an_org_sends_the_case_there(make_case, clerk, api_as):
    case = make_case(route_to=None)
    response = post(api_as(clerk), f"/api/v1/cases/{case.number}/transitions", {"action": "route", "org": "140214"})
    assert response.status_code == 200
    assert response.json()["handling_org"]["code"] == "140214"


def test_a_role_that_may_not_act_gets_403(make_case, analyst, api_as):
    case = make_case()
    response = post(api_as(analyst), f"/api/v1/cases/{case.number}/transitions", {"action": "accept"})
    assert response.status_code == 403
    assert "detail" in response.json()


def test_the_list_filters_by_kind_state_org_and_q(make_case, clerk_api):
    complaint = make_case()
    report = make_case(kind="report", route_to="140214")
    unrouted = make_case(route_to=None, complainant_phone="13700001111")

    def numbers(**params):
        response = clerk_api.get("/api/v1/cases", params)
        assert response.status_code == 200, response.content
        return {item["number"] for item in response.json()["items"]}

    assert {complaint.number, report.number, unrouted.number} <= numbers()
    assert report.number in numbers(kind="report") and complaint.number not in numbers(kind="report")
    assert numbers(state="received") >= {unrouted.number} and complaint.number not in numbers(state="received")
    assert report.number in numbers(org="140214") and complaint.number not in numbers(org="140214")
    assert {complaint.number, report.number} <= numbers(org="140200")  # 大同市 and the counties under it
    assert numbers(org="140100").isdisjoint({complaint.number, report.number})
    assert numbers(org="nowhere") == set()
    assert numbers(q=complaint.number) == {complaint.number}
    assert numbers(q="13700001111") == {unrouted.number}
    assert complaint.number not in numbers(overdue="true") and complaint.number in numbers(overdue="false")


def test_the_list_is_paginated_by_a_cursor_without_overlap(make_case, clerk_api):
    made = {make_case().number for _ in range(5)}
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = clerk_api.get("/api/v1/cases", params).json()
        seen += [item["number"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert made <= set(seen)
    assert len(seen) == len(set(seen))
    assert pages >= 3


def test_a_garbage_cursor_counts_as_the_first_page(make_case, clerk_api):
    make_case()
    first = clerk_api.get("/api/v1/cases").json()["items"]
    for cursor in ["zzzz", "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "-"]:
        response = clerk_api.get("/api/v1/cases", {"cursor": cursor})
        assert response.status_code == 200
        assert response.json()["items"] == first


def test_orgs_of_a_division_code(api_as, clerk):
    response = api_as(clerk).get("/api/v1/orgs", {"region_code": "140213"})
    assert response.status_code == 200
    orgs = response.json()
    assert "140213" in {o["code"] for o in orgs}
    assert all(set(o) == {"code", "name", "kind", "region_code"} and o["region_code"] == "140213" for o in orgs)


def test_calendar_due_answers_with_a_date(api_as, clerk):
    response = api_as(clerk).get("/api/v1/calendar/due", {"start": "2026-09-28", "working_days": 7})
    assert response.status_code == 200
    assert response.json()["due"] == "2026-10-13"


@pytest.mark.parametrize("username", ["analyst", "odr"])
def test_roles_without_intake_may_not_register(username, api_as, db):
    from weiquan.cases.models import Case
    from weiquan.orgs.models import User

    before = Case.objects.count()
    response = post(api_as(User.objects.get(username=username)), "/api/v1/cases", complaint_body())
    assert response.status_code == 403
    assert response.json()["detail"]
    assert Case.objects.count() == before
