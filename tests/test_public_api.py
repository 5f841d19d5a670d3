"""The public API: submit, follow, act, find ODR enterprises; no login, no personal data in answers."""

import json

import pytest
from django.core.cache import cache
from public_helpers import ADDRESS, NAME, PHONE, ensure_routed

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, apply_action

BODY = {
    "kind": "complaint",
    "complainant": {"name": NAME, "phone": PHONE, "address": ADDRESS},
    "business": {"name": "大同市平城区某家具城", "address": "大同市平城区御河西路168号"},
    "description": "实木衣柜柜门开裂，商家拒绝退换。", "request": "退货", "amount": "3280",
}


@pytest.fixture(autouse=True)
def _setup():
    cache.clear()


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def submit(client, **overrides):
    return post(client, "/api/v1/public/submissions", {**BODY, **overrides})


def assert_no_personal_data(text):
    for personal in (NAME, PHONE, ADDRESS, "新建南路"):
        assert personal not in text


def test_submit_returns_number_and_query_code(client, db):
    response = submit(client)
    assert response.status_code == 201
    data = response.json()
    case = Case.objects.get(number=data["number"])
    assert data["query_code"] == case.query_code and case.channel == "web"
    assert case.intake_org.code == "140000-12315"
    assert case.events.first().payload["via"] == "api"


def test_mixed_submission_answers_with_the_linked_report(client, db):
    data = submit(client, mixed=True).json()
    assert data["linked"]["kind"] == "report"
    assert Case.objects.get(number=data["linked"]["number"]).split_from.number == data["number"]


def test_progress_without_personal_data(client, db):
    data = submit(client).json()
    response = client.get(f"/api/v1/public/cases/{data['number']}?query_code={data['query_code']}")
    assert response.status_code == 200
    body = response.json()
    assert body["state"] in ("received", "routed") and body["steps"][0]["action"] == "register"
    assert_no_personal_data(response.content.decode())


def test_wrong_code_is_404_like_unknown(client, db):
    data = submit(client).json()
    wrong = client.get(f"/api/v1/public/cases/{data['number']}?query_code=NOPE")
    unknown = client.get("/api/v1/public/cases/SX20990101000001?query_code=" + data["query_code"])
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


def test_withdraw_and_rate(client, clerk, pingcheng, db):
    data = submit(client).json()
    url = f"/api/v1/public/cases/{data['number']}/actions"
    early = post(client, url, {"query_code": data["query_code"], "action": "rate", "rating": 5})
    assert early.status_code == 409
    case = Case.objects.get(number=data["number"])
    case = ensure_routed(case, clerk)
    for action in ("accept", "mediate"):
        apply_action(pingcheng, case, ActionInput(action=action))
    apply_action(pingcheng, case, ActionInput(action="settle", amount_recovered="100"))
    apply_action(pingcheng, case, ActionInput(action="close"))
    response = post(client, url, {"query_code": data["query_code"], "action": "rate", "rating": 5, "note": "好"})
    assert response.status_code == 200 and response.json()["rating"] == 5
    assert_no_personal_data(response.content.decode())


def test_withdraw(client, db):
    data = submit(client).json()
    response = post(client, f"/api/v1/public/cases/{data['number']}/actions",
                    {"query_code": data["query_code"], "action": "withdraw"})
    assert response.status_code == 200 and response.json()["state"] == "withdrawn"


def test_report_cannot_be_withdrawn(client, db):
    data = submit(client, kind="report", confidential=True, complainant={}).json()
    response = post(client, f"/api/v1/public/cases/{data['number']}/actions",
                    {"query_code": data["query_code"], "action": "withdraw"})
    assert response.status_code == 409


@pytest.mark.parametrize("action", ["accept_settlement", "reject_settlement", "escalate"])
def test_odr_actions_outside_the_odr_stage_are_409(client, action, db):
    data = submit(client).json()
    response = post(client, f"/api/v1/public/cases/{data['number']}/actions",
                    {"query_code": data["query_code"], "action": action})
    assert response.status_code == 409
    assert "ODR" in response.json()["detail"]


def test_odr_enterprises(client, db):
    response = client.get("/api/v1/public/odr-enterprises?q=红旗")
    assert response.status_code == 200
    assert response.json() == [{"code": "ODR-140213-001", "name": "大同市平城区红旗家具城有限公司",
                                "region_code": "140213"}]
    assert client.get("/api/v1/public/odr-enterprises?q=nothing-like-it").json() == []


def test_odr_submission_names_the_enterprise(client, db):
    data = submit(client, odr=True, business={"name": "大同市平城区红旗家具城有限公司",
                                              "address": "大同市平城区御河西路168号"}).json()
    assert Case.objects.get(number=data["number"]).events.first().payload["odr"] == "ODR-140213-001"
    bad = submit(client, odr=True)
    assert bad.status_code == 422


@pytest.mark.parametrize("body", [
    {**BODY, "kind": "petition"},
    {**BODY, "complainant": "张三"},
    {**BODY, "description": ""},
    {**BODY, "amount": "-5"},
    {**BODY, "complainant": {"name": "", "phone": PHONE, "address": ADDRESS}},
    {**BODY, "complainant": {"name": NAME, "phone": "12", "address": ADDRESS}},
])
def test_bad_input_is_422_with_detail(client, body, db):
    response = post(client, "/api/v1/public/submissions", body)
    assert response.status_code == 422
    assert "detail" in response.json()
    assert not Case.objects.exists()


def test_nul_bytes_are_stripped(client, db):
    data = submit(client, description="柜门\u0000开裂").json()
    assert Case.objects.get(number=data["number"]).description == "柜门开裂"


def test_not_json_is_400(client, db):
    response = client.post("/api/v1/public/submissions", "kind=complaint", content_type="text/plain")
    assert response.status_code == 400 and "detail" in response.json()


def test_honeypot(client, db):
    assert submit(client, website="x").status_code == 422
    assert not Case.objects.exists()


def test_sms_verification_can_be_required_on_the_api(client, settings, db):
    import re

    from weiquan.public import sms

    settings.WEIQUAN_SMS_VERIFICATION_API = True
    settings.WEIQUAN_SMS_BACKEND = "weiquan.public.sms.LocmemBackend"
    sms.LocmemBackend.outbox.clear()
    assert submit(client).status_code == 422
    assert post(client, "/api/v1/public/phone-verifications", {"phone": PHONE}).status_code == 202
    code = re.search(r"\d{6}", sms.LocmemBackend.outbox[-1][1]).group(0)
    assert submit(client, sms_code=code).status_code == 201


def test_in_the_openapi_schema(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/public/submissions" in paths and "/api/v1/public/cases/{number}/actions" in paths


@pytest.mark.parametrize("code", ["查询码", "\u0000", "x" * 41, "%F0%9F%98%80"])
def test_strange_query_codes_are_404_or_422_never_500(client, code, db):
    data = submit(client).json()
    response = client.get(f"/api/v1/public/cases/{data['number']}", {"query_code": code})
    assert response.status_code in (404, 422)
    response = post(client, f"/api/v1/public/cases/{data['number']}/actions", {"query_code": code, "action": "withdraw"})
    assert response.status_code in (404, 422)
