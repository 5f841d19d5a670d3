"""A complaint on the web needs the phone verified by a 6-digit SMS code (pluggable backend)."""

import re

import pytest
from django.core.cache import cache
from public_helpers import PHONE, post_complaint

from weiquan.cases.models import Case
from weiquan.public import sms


@pytest.fixture(autouse=True)
def _locmem(settings):
    cache.clear()  # the throttle counts per address in the cache
    settings.WEIQUAN_SMS_VERIFICATION = True
    settings.WEIQUAN_SMS_BACKEND = "weiquan.public.sms.LocmemBackend"
    sms.LocmemBackend.outbox.clear()
    yield
    sms.LocmemBackend.outbox.clear()


def last_code():
    phone, message = sms.LocmemBackend.outbox[-1]
    return phone, re.search(r"\d{6}", message).group(0)


def test_send_code_then_submit(client, db):
    response = client.post("/submit/send-code/", {"phone": PHONE}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    phone, code = last_code()
    assert phone == PHONE
    assert post_complaint(client, sms_code=code).status_code == 302
    assert Case.objects.count() == 1


def test_no_code_no_complaint(client, db):
    response = post_complaint(client, sms_code="")
    assert response.status_code == 422
    assert "sms_code" in response.context["form"].errors
    assert not Case.objects.exists()


def test_wrong_code_counts_and_locks_after_five(client, db):
    client.post("/submit/send-code/", {"phone": PHONE})
    _phone, code = last_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert post_complaint(client, sms_code=wrong).status_code == 422
    response = post_complaint(client, sms_code=code)  # right, but too late
    assert response.status_code == 422
    assert not Case.objects.exists()


def test_code_expires(client, settings, db):
    client.post("/submit/send-code/", {"phone": PHONE})
    _phone, code = last_code()
    from weiquan.public.models import PhoneVerification

    PhoneVerification.objects.update(expires_at="2000-01-01T00:00:00Z")
    assert post_complaint(client, sms_code=code).status_code == 422


def test_code_is_used_once(client, db):
    client.post("/submit/send-code/", {"phone": PHONE})
    _phone, code = last_code()
    assert post_complaint(client, sms_code=code).status_code == 302
    assert post_complaint(client, sms_code=code).status_code == 422


def test_without_javascript_the_button_posts_the_form(client, db):
    response = client.post("/submit/complaint/", {"phone": PHONE, "send_code": "1", "name": "李小梅"})
    assert response.status_code == 200
    assert sms.LocmemBackend.outbox and response.context["sms_sent"]
    assert 'value="李小梅"' in response.content.decode()


def test_landline_cannot_receive_a_code(client, db):
    response = client.post("/submit/send-code/", {"phone": "03527654321"}, HTTP_HX_REQUEST="true")
    assert not sms.LocmemBackend.outbox
    assert 'class="err"' in response.content.decode()


def test_reports_and_questions_need_no_code(client, db):
    response = client.post("/submit/consultation/", {"description": "请问七天无理由退货的运费谁出？",
                                                      "privacy_ack": "on"})
    assert response.status_code == 302


def test_console_backend_is_the_default(settings, capsys, db):
    del settings.WEIQUAN_SMS_BACKEND
    sms.send_code(PHONE)
    assert re.search(r"\d{6}", capsys.readouterr().out)


def test_setting_switches_it_off(client, settings, db):
    settings.WEIQUAN_SMS_VERIFICATION = False
    assert post_complaint(client).status_code == 302
