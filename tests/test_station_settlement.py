"""A 12315 service station records a dispute settled on the spot: registered, settled and closed."""

import pytest
from django.core.management import call_command

from weiquan.cases.models import Case
from weiquan.intake.setup import STATION_CODE, ensure_intake_demo
from weiquan.orgs.models import User

FORM = {"complainant_name": "孙二", "complainant_phone": "13733334444", "complainant_address": "大同市平城区新建南路1号",
        "business_name": "大同市平城区红旗家具城", "business_address": "大同市平城区御河西路168号",
        "request": "换货", "amount": "2600", "description": "新买的餐椅一条腿开裂，商家当场同意换货。",
        "amount_recovered": "2600", "note": "商家当场更换同款餐椅。"}


@pytest.fixture
def station_user(db):
    ensure_intake_demo()
    ensure_intake_demo()  # idempotent
    return User.objects.select_related("organisation").get(username="station")


def test_station_records_a_settled_dispute(client, station_user, pingcheng):
    assert station_user.organisation.code == STATION_CODE
    client.force_login(station_user)
    assert client.get("/staff/station/").status_code == 200
    response = client.post("/staff/station/", FORM)
    assert response.status_code == 201, response.content.decode()[:500]
    case = Case.objects.get(channel="station")
    assert case.state == "closed" and case.outcome == "" and str(case.amount_recovered) == "2600.00"
    assert case.handling_org.code == "140213" and case.intake_org.code == STATION_CODE
    actions = list(case.events.values_list("action", flat=True))
    assert actions == ["register", "route", "accept", "mediate", "settle", "close"]
    assert case.clocks.filter(state="running").count() == 0
    assert not case.clocks.filter(state="breached").exists()
    # the bureau sees the settled case in its subtree
    from weiquan.cases.selectors import cases_visible_to

    assert cases_visible_to(pingcheng).filter(pk=case.pk).exists()
    call_command("verify-events")


def test_invalid_entry_saves_nothing(client, station_user):
    client.force_login(station_user)
    response = client.post("/staff/station/", {**FORM, "amount_recovered": "-5", "complainant_phone": "1"})
    assert response.status_code == 422
    response = client.post("/staff/station/", {**FORM, "complainant_phone": "1"})
    assert response.status_code == 422
    assert not Case.objects.filter(channel="station").exists()


def test_other_staff_cannot_use_the_station_page(client, pingcheng):
    client.force_login(pingcheng)
    assert client.get("/staff/station/").status_code == 403
