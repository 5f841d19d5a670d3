"""Open311 GeoReport v2 facade: services = categories, requests = cases, no personal data."""

import pytest
from django.core.cache import cache
from public_helpers import ADDRESS, NAME, PHONE

from weiquan.cases.models import Case
from weiquan.orgs.models import ApiToken, User


@pytest.fixture(autouse=True)
def _setup():
    cache.clear()


@pytest.fixture
def api_key(db):
    _token, raw = ApiToken.issue(User.objects.get(username="hotline12345"), name="open311")
    return raw


FORM = {"service_code": "goods.daily.furniture", "description": "实木衣柜柜门开裂，商家拒绝退换。",
        "address_string": "大同市平城区御河西路168号", "first_name": "小梅", "last_name": "李", "phone": PHONE,
        "attribute[business_name]": "大同市平城区某家具城", "attribute[request]": "退货",
        "attribute[consumer_address]": ADDRESS}


def test_services_are_the_categories(client, db):
    response = client.get("/open311/v2/services.json")
    assert response.status_code == 200
    services = response.json()
    assert len(services) > 20
    first = services[0]
    assert {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"} <= set(first)
    assert any(s["service_name"] == "家具" or "家具" in s["service_name"] for s in services)


def test_services_xml(client, db):
    response = client.get("/open311/v2/services.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/xml")
    assert b"<services>" in response.content and b"<service_code>" in response.content


def furniture_code(client):
    return next(s["service_code"] for s in client.get("/open311/v2/services.json").json()
                if "家具" in s["service_name"])


def test_post_creates_a_case_and_get_shows_it_without_personal_data(client, api_key, db):
    code = furniture_code(client)
    response = client.post("/open311/v2/requests.json", {**FORM, "service_code": code, "api_key": api_key})
    assert response.status_code == 201, response.content
    created = response.json()[0]
    case = Case.objects.get(number=created["service_request_id"])
    assert case.kind == "complaint" and case.complainant_name == "李 小梅" and case.category
    assert created["query_code"] == case.query_code

    one = client.get(f"/open311/v2/requests/{case.number}.json")
    assert one.status_code == 200
    item = one.json()[0]
    assert item["service_request_id"] == case.number and item["status"] == "open"
    assert item["service_code"] == code
    assert item["requested_datetime"].endswith("+08:00")
    listing = client.get("/open311/v2/requests.json")
    assert [r["service_request_id"] for r in listing.json()] == [case.number]
    for text in (one.content.decode(), listing.content.decode(),
                 client.get("/open311/v2/requests.xml").content.decode()):
        for personal in (NAME, "小梅", PHONE, ADDRESS, "柜门开裂"):
            assert personal not in text


def test_post_needs_an_integration_key(client, db):
    assert client.post("/open311/v2/requests.json", FORM).status_code == 403
    assert client.post("/open311/v2/requests.json", {**FORM, "api_key": "wq_nope"}).status_code == 403
    assert not Case.objects.exists()


def test_staff_token_is_not_an_integration_key(client, clerk, db):
    _t, raw = ApiToken.issue(clerk)
    assert client.post("/open311/v2/requests.json", {**FORM, "api_key": raw}).status_code == 403


def test_invalid_post_is_400_with_spec_errors(client, api_key, db):
    response = client.post("/open311/v2/requests.json", {**FORM, "api_key": api_key, "attribute[business_name]": ""})
    assert response.status_code == 400
    error = response.json()[0]
    assert error["code"] == 400 and "business_name" in error["description"]
    assert client.post("/open311/v2/requests.json",
                       {**FORM, "api_key": api_key, "service_code": "nope"}).status_code == 400


def test_filters(client, api_key, make_case, db):
    client.post("/open311/v2/requests.json", {**FORM, "api_key": api_key})
    assert client.get("/open311/v2/requests.json?status=closed").json() == []
    assert len(client.get("/open311/v2/requests.json?status=open").json()) == 1
    assert client.get("/open311/v2/requests.json?status=maybe").status_code == 400
    assert client.get("/open311/v2/requests.json?start_date=yesterday").status_code == 400
    assert client.get("/open311/v2/requests.json?end_date=2001-01-01").json() == []


def test_reports_are_never_listed(client, make_case, db):
    report = make_case(kind="report")
    assert client.get(f"/open311/v2/requests/{report.number}.json").status_code == 404
    assert client.get("/open311/v2/requests.json").json() == []


def test_unknown_request_is_404(client, db):
    response = client.get("/open311/v2/requests/SX00000000000000.json")
    assert response.status_code == 404 and response.json()[0]["code"] == 404


def test_json_body_is_accepted(client, api_key, db):
    import json

    body = {k: v for k, v in FORM.items() if not k.startswith("attribute")}
    body |= {"api_key": api_key, "attribute": {"business_name": "某家具城", "request": "退货",
                                               "consumer_address": ADDRESS}}
    body.pop("service_code")
    response = client.post("/open311/v2/requests.json", json.dumps(body), content_type="application/json")
    assert response.status_code == 201
