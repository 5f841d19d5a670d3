"""Acceptance path in Chromium at a phone-sized viewport: a consumer complains about a cracked wardrobe
bought at "大同市平城区御河西路168号 某家具城", gets a case number and a query code; the case goes to
平城区 (140213), is accepted, mediated, settled and closed there; the consumer tracks it and rates it.
Screenshots of every public page at phone and desktop size land in test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BROWSER_TEST

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PHONE_VIEWPORT = {"width": 390, "height": 844}
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}

pytestmark = BROWSER_TEST


@pytest.fixture
def sms_outbox(settings):
    from django.core.cache import cache

    from weiquan.public import sms

    settings.WEIQUAN_SMS_VERIFICATION = True
    settings.WEIQUAN_SMS_BACKEND = "weiquan.public.sms.LocmemBackend"
    sms.LocmemBackend.outbox.clear()
    cache.clear()
    yield sms.LocmemBackend.outbox
    sms.LocmemBackend.outbox.clear()


def shot(page, name: str) -> None:
    """A screenshot for people to look at; every page must fit its screen's width (nothing scrolls sideways)."""
    assert fits(page), f"{name}: wider than the screen"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"public-{name}.png"), full_page=True)


def fits(page) -> bool:
    """Nothing sticks out sideways: a phone page never scrolls horizontally."""
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def _as(username: str):
    from weiquan.orgs.models import User

    return User.objects.select_related("organisation").get(username=username)


def mediate_as_pingcheng(number: str) -> None:
    """What happens at the bureau first, through the services, as the 平城区 handler: routed, accepted,
    mediated. The mediation period is marked provisional, as it is when it ends in a year whose holidays
    are not yet published."""
    from weiquan.cases.models import Case
    from weiquan.cases.services import ActionInput, apply_action

    case = Case.objects.get(number=number)
    if case.state == "received":  # triage routes web cases it is sure about; otherwise the clerk does
        case = apply_action(_as("clerk"), case, ActionInput(action="route", org="140213"))
    assert case.handling_org.code == "140213"
    for action in ("accept", "mediate"):
        case = apply_action(_as("pingcheng"), case, ActionInput(action=action))
    case.clocks.filter(kind="mediation").update(provisional=True)


def settle_as_pingcheng(number: str) -> None:
    from weiquan.cases.models import Case
    from weiquan.cases.services import ActionInput, apply_action

    pingcheng = _as("pingcheng")
    case = apply_action(pingcheng, Case.objects.get(number=number), ActionInput(
        action="settle", amount_recovered="3280", note="商家同意退货退款"))
    apply_action(pingcheng, case, ActionInput(action="close"))


@pytest.mark.django_db(transaction=True)
def test_consumer_complains_tracks_and_rates(live_server, chromium, sms_outbox):
    from weiquan.cases.models import Case

    context = chromium.new_context(viewport=PHONE_VIEWPORT, locale="zh-CN", device_scale_factor=1,
                                   is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    shot(page, "home-phone")

    page.click("a[href='/submit/complaint/']")
    page.fill("#id_name", "李小梅")
    page.fill("#id_phone", "13912345678")
    page.click("button[name=send_code]")
    page.wait_for_selector("#sms-status .sms-ok")
    code = re.search(r"\d{6}", sms_outbox[-1][1]).group(0)
    assert page.url.endswith("/submit/complaint/")  # htmx sent the code without leaving the page
    page.fill("#id_sms_code", code)
    page.fill("#id_address", "大同市平城区新建南路20号3单元501")
    page.fill("#id_business_name", "某家具城")
    page.fill("#id_business_address", "大同市平城区御河西路168号")
    page.fill("#id_description", "2026年11月在御河西路168号某家具城购买实木衣柜一组，价款3280元，"
                                 "使用两个月后柜门开裂，商家拒绝退换。")
    page.select_option("#id_request", "退货")
    page.fill("#id_amount", "3280")
    page.check("#id_privacy_ack")
    shot(page, "submit-complaint-phone")
    page.click("form.pubform button.big")
    page.wait_for_url("**/submitted/")
    number = page.locator("[data-testid=number]").inner_text().strip()
    query_code = page.locator("[data-testid=query-code]").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{8}", query_code)
    shot(page, "submitted-phone")

    case = Case.objects.get(number=number)
    assert case.kind == "complaint" and case.channel == "web" and case.complainant_phone == "13912345678"
    mediate_as_pingcheng(number)

    # while mediation runs: what happens next, and by when (a provisional date says so, and still fits)
    page.goto(live_server.url + "/track/")
    page.fill("#id_number", number)
    page.fill("#id_query_code", query_code)
    page.click("form.pubform button.big")
    page.wait_for_url(f"**/track/{number}/")
    due = page.locator("p.next-due").inner_text()
    assert due.startswith("最迟于") and "暂定" in due
    shot(page, "case-mediating-phone")
    settle_as_pingcheng(number)

    # later, on another device: track with number and query code
    context.close()
    context = chromium.new_context(viewport=PHONE_VIEWPORT, locale="zh-CN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(live_server.url + "/track/")
    shot(page, "track-phone")
    page.fill("#id_number", number)
    page.fill("#id_query_code", query_code.lower())
    page.click("form.pubform button.big")
    page.wait_for_url(f"**/track/{number}/")
    body = page.locator("main").inner_text()
    assert number in body and "李小梅" not in body and "13912345678" not in body
    assert page.locator("ol.timeline li").count() >= 5
    shot(page, "case-closed-phone")
    page.click("label.star:has(input[value='5'])")
    page.fill("#id_comment", "调解及时，满意。")
    page.click("form[action$='/rate/'] button[type=submit]")
    page.wait_for_selector(".msg-success")
    shot(page, "case-rated-phone")
    case.refresh_from_db()
    assert case.state == "closed" and case.rating == 5
    context.close()

    # desktop size, in English too
    context = chromium.new_context(viewport=DESKTOP_VIEWPORT, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    for path, name in (("/", "home"), ("/submit/complaint/", "submit-complaint"), ("/submit/report/", "submit-report"),
                       ("/submit/consultation/", "submit-question"), ("/track/", "track"), ("/privacy/", "privacy")):
        page.goto(live_server.url + path)
        shot(page, f"{name}-desktop-en")
    context.close()
    context = chromium.new_context(viewport=DESKTOP_VIEWPORT, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/")
    shot(page, "home-desktop")
    page.goto(live_server.url + "/submit/report/")
    shot(page, "submit-report-desktop")
    page.goto(live_server.url + "/track/")
    page.fill("#id_number", number)
    page.fill("#id_query_code", query_code)
    page.click("form.pubform button.big")
    page.wait_for_url(f"**/track/{number}/")
    shot(page, "case-rated-desktop")
    context.close()
