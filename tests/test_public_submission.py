"""A consumer submits a complaint, a report or a question on the public site and gets number and code."""

import pytest
from django.core.cache import cache
from public_helpers import ADDRESS, NAME, PHONE, post_complaint, receipt

from weiquan.cases.models import Case


@pytest.fixture(autouse=True)
def _no_sms(settings):
    cache.clear()  # the throttle counts per address in the cache
    settings.WEIQUAN_SMS_VERIFICATION = False


def test_complaint_is_registered_at_the_provincial_centre(client, db):
    response = post_complaint(client)
    assert response.status_code == 302 and response["Location"] == "/submitted/"
    r = receipt(client)
    case = Case.objects.get(number=r["number"])
    assert case.kind == "complaint" and case.channel == "web"
    assert case.intake_org.code == "140000-12315"
    assert case.complainant_name == NAME and case.complainant_phone == PHONE
    assert case.query_code == r["query_code"]
    assert case.events.first().payload.get("via") == "public"
    page = client.get("/submitted/").content.decode()
    assert r["number"] in page and r["query_code"] in page


def test_complaint_needs_the_legal_fields(client, db):
    response = post_complaint(client, name="", business_address="", request="")
    assert response.status_code == 422
    form = response.context["form"]
    assert {"name", "business_address", "request"} <= set(form.errors)
    assert not Case.objects.exists()


def test_privacy_notice_must_be_acknowledged(client, db):
    response = post_complaint(client, privacy_ack="")
    assert response.status_code == 422
    assert "privacy_ack" in response.context["form"].errors
    assert not Case.objects.exists()


def test_anonymous_confidential_report(client, db):
    response = client.post("/submit/report/", {
        "confidential": "on", "business_name": "某超市", "business_address": "大同市平城区魏都大道1号",
        "description": "销售过期食品。", "privacy_ack": "on"})
    assert response.status_code == 302
    case = Case.objects.get(number=receipt(client)["number"])
    assert case.kind == "report" and case.confidential and case.complainant_name == ""


def test_report_without_confidentiality_needs_a_phone(client, db):
    response = client.post("/submit/report/", {
        "business_name": "某超市", "description": "销售过期食品。", "privacy_ack": "on"})
    assert response.status_code == 422
    assert "phone" in response.context["form"].errors


def test_question(client, db):
    response = client.post("/submit/consultation/", {
        "description": "网购的衣服不合适，七天无理由退货运费谁出？", "privacy_ack": "on"})
    assert response.status_code == 302
    assert Case.objects.get(number=receipt(client)["number"]).kind == "consultation"


def test_mixed_submission_is_split_into_linked_complaint_and_report(client, db):
    response = post_complaint(client, mixed="on")
    assert response.status_code == 302
    r = receipt(client)
    complaint = Case.objects.get(number=r["number"])
    report = Case.objects.get(number=r["linked_number"])
    assert complaint.kind == "complaint" and report.kind == "report"
    assert report.split_from_id == complaint.pk
    assert report.query_code == r["linked_query_code"] != r["query_code"]
    page = client.get("/submitted/").content.decode()
    assert r["linked_number"] in page and r["linked_query_code"] in page


def test_honeypot_stores_nothing(client, db):
    response = post_complaint(client, website="http://spam.example")
    assert response.status_code == 302 and response["Location"] == "/"
    assert not Case.objects.exists()


def test_nul_bytes_are_dropped(client, db):
    response = post_complaint(client, description="柜门\x00开裂")
    assert response.status_code == 302
    assert Case.objects.get(number=receipt(client)["number"]).description == "柜门开裂"


def test_submit_needs_csrf_token(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = post_complaint(strict)
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_receipt_page_without_submission_goes_home(client, db):
    assert client.get("/submitted/")["Location"] == "/"


def test_address_kept_for_staff(client, db):
    post_complaint(client)
    assert Case.objects.get(number=receipt(client)["number"]).complainant_address == ADDRESS
