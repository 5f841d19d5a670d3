"""Personal data in the case JSON: in full for the staff who handle the case, masked for everyone else."""

from __future__ import annotations


def test_the_clerk_and_the_handler_see_the_complainant_in_full(make_case, clerk, pingcheng, api_as):
    case = make_case()
    for user in (clerk, pingcheng):
        party = api_as(user).get(f"/api/v1/cases/{case.number}").json()["complainant"]
        assert party == {"name": "张三", "phone": "13812345678", "address": "大同市平城区新建南路1号"}


def test_the_analyst_sees_the_complainant_masked(make_case, analyst, api_as):
    case = make_case()
    response = api_as(analyst).get(f"/api/v1/cases/{case.number}")
    assert response.status_code == 200
    party = response.json()["complainant"]
    assert party["name"] == "张某"
    assert party["phone"] == "138****5678"
    assert "新建南路1号" not in party["address"]
    assert "13812345678" not in response.content.decode()


def test_the_analyst_gets_no_actions_offered(make_case, analyst, api_as):
    case = make_case()
    assert api_as(analyst).get(f"/api/v1/cases/{case.number}").json()["allowed_actions"] == []


def test_a_confidential_reporter_is_masked_outside_the_handling_units(make_case, clerk, datong, pingcheng, api_as):
    case = make_case(kind="report", confidential=True, complainant_name="王五", complainant_phone="13600001234")
    assert api_as(pingcheng).get(f"/api/v1/cases/{case.number}").json()["complainant"]["phone"] == "13600001234"
    seen_by_city = api_as(datong).get(f"/api/v1/cases/{case.number}").json()["complainant"]
    assert seen_by_city["phone"] == "136****1234" and seen_by_city["name"] == "王某"
