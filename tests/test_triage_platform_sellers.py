"""A complaint about a seller on an e-commerce platform is routed by Art. 13/31: to the bureau of the
address the seller shows, the platform's domicile being also competent; without a usable seller address,
to the bureau of the platform operator's domicile — outside the province, to nobody here."""

import pytest
from django.core.cache import cache

from weiquan.cases.models import Case
from weiquan.triage.models import Triage

TAOBAO = "浙江省杭州市余杭区五常街道文一西路969号"
LOCAL_PLATFORM = "山西省太原市小店区长治路227号"


def _triage(case):
    return Triage.objects.get(case=case)


def test_a_seller_showing_a_shanxi_address_goes_to_that_bureau(make_case):
    case = make_case(route_to="", platform_name="淘宝", platform_address=TAOBAO)
    triage = _triage(case)
    assert (triage.org_code, triage.routing_basis) == ("140213", "seller_address")
    assert triage.routing_alternatives == []  # the platform's bureau is in another province


def test_the_platforms_bureau_is_offered_as_the_other_competent_one(make_case):
    case = make_case(route_to="", platform_name="晋商优选", platform_address=LOCAL_PLATFORM)
    triage = _triage(case)
    assert triage.org_code == "140213" and triage.routing_alternatives == ["140105"]


def test_without_a_seller_address_the_platform_domicile_decides(make_case):
    case = make_case(route_to="", business_address="", platform_name="晋商优选", platform_address=LOCAL_PLATFORM)
    triage = _triage(case)
    assert (triage.org_code, triage.routing_basis) == ("140105", "platform_domicile")


def test_a_platform_outside_the_province_leaves_the_choice_to_the_clerk(make_case, client, clerk):
    case = make_case(route_to="", business_address="网店未显示地址", platform_name="淘宝", platform_address=TAOBAO)
    triage = _triage(case)
    assert triage.routing_basis == "platform_domicile" and triage.org_code == ""
    client.force_login(clerk)
    panel = client.get(f"/staff/triage/{case.number}/").content.decode()
    assert 'data-basis="platform_domicile"' in panel and "12315" in panel


@pytest.fixture
def _public(settings):
    cache.clear()
    settings.WEIQUAN_SMS_VERIFICATION = False


@pytest.mark.usefixtures("_public")
def test_a_web_submission_about_a_platform_seller_is_routed_to_the_platforms_bureau(client, db):
    response = client.post("/api/v1/public/submissions", {
        "kind": "complaint", "description": "在晋商优选平台买的电饭煲用了一周就坏了，店铺不回复。",
        "complainant": {"name": "李明", "phone": "13912340000", "address": "太原市迎泽区桥东街1号"},
        "business": {"name": "某电器网店", "platform_name": "晋商优选", "platform_address": LOCAL_PLATFORM},
        "request": "退货"}, content_type="application/json")
    assert response.status_code == 201, response.content
    case = Case.objects.get(number=response.json()["number"])
    assert case.platform_name == "晋商优选" and case.state == "routed" and case.handling_org.code == "140105"


def test_the_api_shows_the_platform(api_as, clerk):
    response = api_as(clerk).post("/api/v1/cases", {
        "kind": "complaint", "channel": "phone", "description": "网购的鞋子是假货，商家不退。",
        "complainant": {"name": "王强", "phone": "13900001111", "address": "大同市平城区永泰街1号"},
        "business": {"name": "某鞋店", "address": "大同市平城区御河西路9号", "platform_name": "淘宝",
                     "platform_address": TAOBAO}, "request": "退货"}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["business"]["platform_name"] == "淘宝"
    assert response.json()["business"]["platform_address"] == TAOBAO
