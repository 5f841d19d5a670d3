"""Bad input to the API: a 4xx JSON {"detail": …} that says what is wrong, and nothing half-written."""

from __future__ import annotations

import json

import pytest

from weiquan.cases.models import Case, CaseEvent
from weiquan.lib import uscc

VALID_USCC = uscc.complete("91140213MA0K12345")
WRONG_USCC = VALID_USCC[:17] + ("0" if VALID_USCC[17] != "0" else "1")


def complaint(**overrides):
    body = {
        "kind": "complaint", "channel": "phone",
        "complainant": {"name": "李四", "phone": "13912345678", "address": "大同市平城区新建南路2号"},
        "business": {"name": "大同市平城区好运健身房", "uscc": VALID_USCC, "address": "大同市平城区魏都大道9号"},
        "description": "办理健身年卡后健身房关门，要求退还剩余费用。", "request": "退款", "org": "140213",
    }
    body.update(overrides)
    return body


def with_business(**fields):
    return complaint(business={**complaint()["business"], **fields})


def counts():
    return Case.objects.count(), CaseEvent.objects.count()


def fields_named(response) -> set[str]:
    detail = response.json()["detail"]
    return {item["field"] for item in detail} if isinstance(detail, list) else set()


def assert_refused(response, status, before, *fields):
    assert response.status_code in (status if isinstance(status, tuple) else (status,)), response.content
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert detail, "the caller is told what is wrong"
    for field in fields:
        assert field in fields_named(response), detail
    assert counts() == before, "nothing half-written"


@pytest.fixture
def clerk_api(clerk, api_as):
    return api_as(clerk)


# --- bodies of POST /api/v1/cases -------------------------------------------------------------------

RAW_BODIES = {
    "malformed JSON": ('{"kind": "complaint", "description": ', "application/json", (400, 422)),
    "not UTF-8": (b'{"kind": "\xff\xfe"}', "application/json", (400, 422)),
    "a JSON list": ("[1, 2, 3]", "application/json", (400, 422)),
    "a form post": ("kind=complaint&description=x", "application/x-www-form-urlencoded", (400, 415, 422)),
    "plain text": (json.dumps(complaint()), "text/plain", (400, 415, 422)),
    "empty body": ("", "application/json", (400, 422)),
    "deeply nested": ("[" * 100_000 + "]" * 100_000, "application/json", (400, 422)),
}


@pytest.mark.parametrize("name", RAW_BODIES)
def test_an_unreadable_body_is_refused(clerk_api, name):
    data, content_type, statuses = RAW_BODIES[name]
    before = counts()
    response = clerk_api.post("/api/v1/cases", data=data, content_type=content_type)
    assert_refused(response, statuses, before)


def test_the_400_for_bad_json_says_where(clerk_api):
    response = clerk_api.post("/api/v1/cases", data='{"kind": }', content_type="application/json",
                              headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"] and "column" in response.json()["detail"]


def test_the_400_for_a_wrong_content_type_names_the_right_one(clerk_api):
    response = clerk_api.post("/api/v1/cases", data="kind=complaint", content_type="application/x-www-form-urlencoded")
    assert "application/json" in response.json()["detail"]


BAD_CASES = {
    "wrong USCC check digit": (with_business(uscc=WRONG_USCC), "business.uscc"),
    "USCC with letters it never uses": (with_business(uscc="91140213MA0K1234OZ"), "business.uscc"),
    "20,001-character description": (complaint(description="长" * 20_001), "description"),
    "empty description": (complaint(description=""), "description"),
    "only NUL bytes as description": (complaint(description="\x00\x00"), "description"),
    "negative amount": (complaint(amount="-1"), "amount"),
    "negative amount as a number": (complaint(amount=-0.01), "amount"),
    "amount with too many digits": (complaint(amount="123456789012345.00"), "amount"),
    "amount with too many decimals": (complaint(amount="12.345"), "amount"),
    "amount that is not a number": (complaint(amount="lots"), "amount"),
    "amount infinite": (complaint(amount="Infinity"), "amount"),
    "received in the future": (complaint(received_at="2099-01-01T09:00:00+08:00"), "received_at"),
    "received in year 1": (complaint(received_at="0001-01-01T00:00:00+14:00"), "received_at"),
    "received at as seconds": (complaint(received_at=1780000000), "received_at"),
    "received at not a date": (complaint(received_at="yesterday"), "received_at"),
    "route to an unknown org": (complaint(org="999999"), "org"),
    "route to an ODR enterprise": (complaint(org="ODR-140213-001"), "org"),
    "unknown kind": (complaint(kind="praise"), "kind"),
    "unknown channel": (complaint(channel="pigeon"), "channel"),
    "missing kind": ({k: v for k, v in complaint().items() if k != "kind"}, "kind"),
    "complaint without complainant phone": (complaint(complainant={"name": "李四", "address": "大同"}),
                                            "complainant.phone"),
    "invalid phone": (complaint(complainant={"name": "李四", "phone": "12", "address": "大同"}),
                      "complainant.phone"),
    "unknown division code": (with_business(region_code="999999"), "business.region_code"),
    "a name too long": (complaint(complainant={"name": "张" * 101, "phone": "13912345678", "address": "大同"}),
                        "complainant.name"),
    "a string where an object belongs": (complaint(business="红旗家具城"), "business"),
    "confidential complainant": (complaint(confidential=True), "confidential"),
}


@pytest.mark.parametrize("name", BAD_CASES)
def test_invalid_case_data_is_422_naming_the_field(clerk_api, name):
    body, field = BAD_CASES[name]
    before = counts()
    response = clerk_api.post("/api/v1/cases", data=json.dumps(body), content_type="application/json")
    assert_refused(response, 422, before, field)
    for item in response.json()["detail"]:
        assert item["message"]


def test_a_5_mb_description_is_413_json(clerk_api):
    before = counts()
    body = json.dumps(complaint(description="长" * (5 * 1024 * 1024 // 3 + 1)))
    assert len(body.encode()) > 5 * 1024 * 1024
    response = clerk_api.post("/api/v1/cases", data=body, content_type="application/json",
                              headers={"Accept-Language": "en"})
    assert_refused(response, 413, before)
    assert "too large" in response.json()["detail"]


def test_a_5_mb_transition_note_is_413_json(make_case, pingcheng, api_as):
    case = make_case()
    before = counts()
    body = json.dumps({"action": "accept", "note": "x" * (5 * 1024 * 1024)})
    response = api_as(pingcheng).post(f"/api/v1/cases/{case.number}/transitions", data=body,
                                      content_type="application/json")
    assert_refused(response, 413, before)


@pytest.mark.parametrize("bad", ["\x00", "\ud800", "\udfff", "a\x00b\ud83d"])
def test_nul_bytes_and_lone_surrogates_never_break_a_write(clerk_api, bad):
    body = complaint(description=f"健身房{bad}关门", request=f"退款{bad}",
                     complainant={"name": f"李{bad}四", "phone": "13912345678", "address": f"大同{bad}"},
                     business={"name": f"好运{bad}健身房", "address": f"魏都{bad}大道"},
                     category=f"健身{bad}")
    before = counts()
    response = clerk_api.post("/api/v1/cases", data=json.dumps(body), content_type="application/json")
    if response.status_code == 201:
        case = Case.objects.get(number=response.json()["number"])
        assert "\x00" not in case.description + case.complainant_name + case.business_name
        assert "健身房" in case.description
    else:
        assert_refused(response, 422, before)


@pytest.mark.parametrize("bad", ["\x00", "\ud800"])
def test_nul_bytes_in_query_and_path_are_not_errors(clerk_api, bad):
    from urllib.parse import quote

    encoded = quote(f"14{bad}1".encode("utf-8", "surrogatepass"))
    for name in ["q", "state", "org", "cursor", "kind"]:
        response = clerk_api.get(f"/api/v1/cases?{name}={encoded}")
        assert response.status_code in (200, 422), (name, response.content)
        assert "detail" in response.json() or "items" in response.json()
    for url in [f"/api/v1/cases/{encoded}", f"/api/v1/cases/{encoded}/events"]:
        response = clerk_api.get(url)
        assert response.status_code == 404, response.content
        assert response.json()["detail"]
    response = clerk_api.get(f"/api/v1/orgs?region_code={encoded}")
    assert response.status_code == 422


# --- transitions ----------------------------------------------------------------------------------

BAD_TRANSITIONS = {
    "unknown action": ({"action": "fly"}, 422, "action"),
    "no action": ({"note": "x"}, 422, "action"),
    "refuse without ground": ({"action": "refuse"}, 422, None),
    "refuse with unknown ground": ({"action": "refuse", "ground": "tuesday"}, 422, None),
    "refuse with a termination ground": ({"action": "refuse", "ground": "time_limit"}, 422, None),
    "transfer to an unknown org": ({"action": "transfer", "org": "nowhere"}, (403, 422), None),
    "note too long": ({"action": "accept", "note": "x" * 2001}, 422, "note"),
    "NUL action": ({"action": "\x00"}, 422, "action"),
    "action not allowed in this state": ({"action": "close"}, 409, None),
    "negative money recovered": ({"action": "settle", "amount_recovered": "-5"}, 422, "amount_recovered"),
    "money recovered with too many digits": ({"action": "settle", "amount_recovered": "1e20"}, 422,
                                             "amount_recovered"),
}


@pytest.mark.parametrize("name", BAD_TRANSITIONS)
def test_a_bad_transition_changes_nothing(make_case, pingcheng, api_as, name):
    body, status, field = BAD_TRANSITIONS[name]
    case = make_case()
    before = counts()
    response = api_as(pingcheng).post(f"/api/v1/cases/{case.number}/transitions", data=json.dumps(body),
                                      content_type="application/json")
    assert_refused(response, status, before, *([field] if field else []))
    case.refresh_from_db()
    assert case.state == "routed" and case.event_count == 2


def test_a_settle_that_fails_late_leaves_no_trace(make_case, pingcheng, api_as):
    """The mediation was started; a settle refused for its amount must not stop the clock or add an event."""
    case = make_case()
    client = api_as(pingcheng)
    url = f"/api/v1/cases/{case.number}/transitions"
    for action in ("accept", "mediate"):
        assert client.post(url, data=json.dumps({"action": action}), content_type="application/json").status_code == 200
    before = counts()
    response = client.post(url, data=json.dumps({"action": "transfer", "org": "140214"}),
                           content_type="application/json")
    assert response.status_code in (403, 409, 422)
    assert counts() == before
    case.refresh_from_db()
    assert case.state == "mediating" and case.handling_org.code == "140213"
    assert {c.kind: c.state for c in case.clocks.all()}["mediation"] == "running"


# --- who is asking --------------------------------------------------------------------------------

def test_no_token_is_401(client, make_case):
    case = make_case()
    before = counts()
    for method, url in [("get", "/api/v1/cases"), ("get", f"/api/v1/cases/{case.number}"),
                        ("post", "/api/v1/cases"), ("post", f"/api/v1/cases/{case.number}/transitions"),
                        ("get", f"/api/v1/cases/{case.number}/events")]:
        response = getattr(client, method)(url, **({"data": "{}", "content_type": "application/json"}
                                                   if method == "post" else {}))
        assert response.status_code == 401, url
        assert "Bearer" in response.json()["detail"]
    assert counts() == before


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer " + "x" * 5000,
                                    "Bearer wq_\x00"])
def test_a_bad_token_is_401(header, clerk):
    from django.test import Client

    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/cases")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_revoked_token_is_401(clerk):
    from django.test import Client

    from weiquan.orgs.models import ApiToken

    token, raw = ApiToken.issue(clerk)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/cases").status_code == 200
    token.revoked = True
    token.save()
    assert client.get("/api/v1/cases").status_code == 401


def test_an_inactive_users_token_is_401(clerk):
    from django.test import Client

    from weiquan.orgs.models import ApiToken

    _token, raw = ApiToken.issue(clerk)
    clerk.is_active = False
    clerk.save()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/cases").status_code == 401


@pytest.mark.parametrize("number", ["abc", "14260101000001", "-1", "1" * 200, "14 26", "%00", "🙂", "..%2F..",
                                    "14260101000001.json"])
def test_a_garbage_or_unknown_case_number_is_404(clerk_api, number):
    from urllib.parse import quote

    for url in [f"/api/v1/cases/{quote(number, safe='%')}", f"/api/v1/cases/{quote(number, safe='%')}/events"]:
        response = clerk_api.get(url)
        assert response.status_code == 404, (url, response.content)
        assert response.json()["detail"]
    before = counts()
    response = clerk_api.post(f"/api/v1/cases/{quote(number, safe='%')}/transitions",
                              data='{"action": "accept"}', content_type="application/json")
    assert response.status_code == 404
    assert counts() == before


def test_a_case_out_of_scope_is_404_on_every_endpoint(make_case, yungang, api_as):
    case = make_case()
    client = api_as(yungang)
    before = counts()
    assert client.get(f"/api/v1/cases/{case.number}").status_code == 404
    assert client.get(f"/api/v1/cases/{case.number}/events").status_code == 404
    response = client.post(f"/api/v1/cases/{case.number}/transitions", data='{"action": "accept"}',
                           content_type="application/json")
    assert response.status_code == 404
    assert case.number not in {i["number"] for i in client.get("/api/v1/cases").json()["items"]}
    assert counts() == before


def test_an_unknown_api_url_is_a_json_404(clerk_api):
    for url in ["/api/v1/nothing", "/api/v2/cases", "/api/v1/cases/a/b/c"]:
        response = clerk_api.get(url)
        assert response.status_code == 404
        assert response.json()["detail"]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 10_000}, {"limit": "many"}, {"overdue": "perhaps"},
                                    {"kind": "praise"}, {"state": "lost"}, {"org": "a b"}, {"q": "x" * 101}])
def test_bad_list_filters_are_422(clerk_api, params):
    response = clerk_api.get("/api/v1/cases", params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] in params
