"""A department (处室) hands over a complaint it received directly: one case at the 12315 centre."""

import pytest

from weiquan.cases.models import Case
from weiquan.orgs.models import Organisation, User

FORM = {"kind": "complaint", "complainant_name": "刘一", "complainant_phone": "13611112222",
        "complainant_address": "太原市迎泽区迎泽大街1号", "business_name": "太原市某培训学校",
        "business_address": "太原市小店区学府街9号", "request": "退费", "amount": "12800",
        "description": "报名培训课程后学校停课，要求退还剩余学费。"}


@pytest.fixture
def officer(db):
    return User.objects.create_user("chu_officer", password="x" * 12, role="clerk",
                                    organisation=Organisation.objects.get(code="140000-D01"))


def test_department_hands_over_to_the_centre(client, officer, clerk):
    client.force_login(officer)
    assert client.get("/staff/handover/").status_code == 200
    response = client.post("/staff/handover/", FORM)
    assert response.status_code == 201
    case = Case.objects.get(channel="department")
    assert case.number in response.content.decode()
    assert case.intake_org.code == "140000-12315" and case.state == "received"
    register = case.events.get(seq=1)
    assert register.payload["department"] == "140000-D01" and register.org.code == "140000-D01"
    # the centre's clerk finds it in her queue (she can see and route it)
    from weiquan.cases.selectors import open_work

    assert open_work(clerk).filter(pk=case.pk).exists()


def test_missing_fields_are_shown_and_nothing_saved(client, officer):
    client.force_login(officer)
    response = client.post("/staff/handover/", {**FORM, "complainant_phone": "", "business_address": ""})
    assert response.status_code == 422
    assert not Case.objects.filter(channel="department").exists()


def test_only_department_staff_may_hand_over(client, pingcheng):
    client.force_login(pingcheng)
    assert client.get("/staff/handover/").status_code == 403
    assert client.post("/staff/handover/", FORM).status_code == 403
