"""The intake form: who sees it, what it saves, and errors shown next to the fields with the input kept."""

from datetime import date

import pytest
from django.test import Client

from weiquan.cases.models import Case
from weiquan.lib import uscc

VALID_USCC = uscc.complete("91140213MA0K12345")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def complaint(**overrides):
    data = {
        "kind": "complaint", "channel": "phone", "received_at": "",
        "complainant_name": "李四", "complainant_phone": "139 0352 1234", "complainant_address": "大同市平城区魏都大道8号",
        "business_name": "大同市平城区某健身会所", "business_uscc": VALID_USCC,
        "business_address": "大同市平城区永泰南路22号", "business_region_code": "140213",
        "request": "退款", "amount": "3600", "category": "文化、娱乐、体育服务", "problem": "合同",
        "description": "办理年卡3600元，三个月后健身房停业，无法联系商家，要求退还剩余费用。",
        "route_to": "140213",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("persona", ["clerk", "pingcheng", "datong", "admin_user"])
def test_the_form_is_shown_to_those_who_register(request, persona):
    response = client_for(request.getfixturevalue(persona)).get("/staff/intake/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "登记案件" in html
    for problem in ("售后服务", "合同", "质量", "价格", "虚假宣传", "安全", "假冒", "人格尊严", "计量", "其他"):
        assert f'value="{problem}"' in html
    assert '<optgroup label="大同市"' in html


def test_analyst_may_not_register(analyst):
    assert client_for(analyst).get("/staff/intake/").status_code == 403
    assert "登记" not in client_for(analyst).get("/staff/").content.decode().split("</nav>")[0].split("mainnav")[1]


def test_a_valid_complaint_is_saved_routed_and_shown(clerk):
    client = client_for(clerk)
    response = client.post("/staff/intake/", complaint())
    assert response.status_code == 302
    case = Case.objects.get(business_name="大同市平城区某健身会所")
    assert response["Location"] == f"/staff/cases/{case.number}/"
    assert case.state == "routed" and case.handling_org.code == "140213"
    assert case.complainant_phone == "13903521234" and case.problem == "合同"
    assert case.business_region_id == "140213" and str(case.amount) == "3600.00"
    assert f"已登记，编号 {case.number}。" in client.get(response["Location"]).content.decode()


def test_a_letter_may_have_been_received_days_ago(clerk):
    client_for(clerk).post("/staff/intake/", complaint(channel="letter", received_at="2026-11-02T09:30",
                                                       route_to=""))
    case = Case.objects.get(business_name="大同市平城区某健身会所")
    assert case.channel == "letter" and case.received_on == date(2026, 11, 2)
    assert case.state == "received"


def test_missing_art10_fields_are_shown_next_to_fields_and_the_input_is_kept(clerk):
    response = client_for(clerk).post("/staff/intake/", complaint(complainant_phone="", business_address="",
                                                                  request=""))
    assert response.status_code == 422
    html = response.content.decode()
    assert html.count("此类案件必须填写此项") == 3
    assert 'id="id_complainant_phone_error"' in html and 'id="id_business_address_error"' in html
    assert 'value="李四"' in html and "办理年卡3600元" in html and 'value="140213" selected' in html
    assert not Case.objects.exists()


def test_a_wrong_uscc_check_digit_is_explained(clerk):
    bad = VALID_USCC[:17] + ("0" if VALID_USCC[17] != "0" else "1")
    response = client_for(clerk).post("/staff/intake/", complaint(business_uscc=bad))
    assert response.status_code == 422
    html = response.content.decode()
    assert "统一社会信用代码无效：校验码不符" in html and 'id="id_business_uscc_error"' in html
    assert f'value="{bad}"' in html


def test_a_wrong_phone_number_is_explained(clerk):
    response = client_for(clerk).post("/staff/intake/", complaint(complainant_phone="12345"))
    assert response.status_code == 422
    assert "电话号码无效" in response.content.decode()


def test_a_received_time_in_the_future_is_refused(clerk):
    response = client_for(clerk).post("/staff/intake/", complaint(received_at="2099-01-01T09:00"))
    assert response.status_code == 422
    assert "接收时间不能晚于当前时间" in response.content.decode()


def test_a_confidential_report_needs_no_phone(clerk):
    response = client_for(clerk).post("/staff/intake/", complaint(
        kind="report", confidential="on", complainant_name="", complainant_phone="", complainant_address="",
        request="", description="该店销售过期食品。"))
    assert response.status_code == 302
    assert Case.objects.get().confidential


def test_a_complainant_cannot_be_confidential(clerk):
    response = client_for(clerk).post("/staff/intake/", complaint(confidential="on"))
    assert response.status_code == 422
    assert "只有举报人可以要求保密" in response.content.decode()


def test_english_form_errors(clerk):
    client = client_for(clerk)
    client.post("/i18n/setlang/", {"language": "en", "next": "/staff/intake/"})
    html = client.post("/staff/intake/", complaint(request="")).content.decode()
    assert "This field is required for this kind of case." in html
