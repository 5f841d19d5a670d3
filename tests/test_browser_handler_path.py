"""Acceptance path in Chromium: pingcheng logs in, opens a new case, accepts, mediates and settles it
with money recovered; the timeline shows every step and the clocks show met."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BROWSER_TEST

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PASSWORD = "pingcheng-browser-test-1"

pytestmark = BROWSER_TEST


def new_complaint():
    from weiquan.cases.services import IntakeData, register_case
    from weiquan.orgs.models import User

    clerk = User.objects.select_related("organisation").get(username="clerk")
    return register_case(clerk, IntakeData(
        kind="complaint", channel="phone", route_to="140213",
        description="2026年11月在平城区某家具城购买实木衣柜一组，价款6800元，安装两个月后柜门开裂变形，"
                    "商家以人为损坏为由拒绝退换，要求退货退款。",
        complainant_name="张小明", complainant_phone="13812345678", complainant_address="大同市平城区新建南路1号",
        business_name="大同市平城区红旗家具城", business_address="大同市平城区御河西路168号",
        request="退货", amount="6800", category="房屋及建材类", problem="质量"))


@pytest.fixture
def case(live_server):
    """Set up before Chromium starts: ORM calls made while Playwright's loop runs would open a second
    database connection that outlives the test."""
    from weiquan.orgs.models import User

    user = User.objects.get(username="pingcheng")
    user.set_password(PASSWORD)
    user.save()
    return new_complaint()


@pytest.mark.django_db(transaction=True)
def test_handler_accepts_mediates_and_settles_a_complaint(live_server, case, chromium):
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)

    context = chromium.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/staff/")
    page.screenshot(path=str(ARTIFACTS / "handler-0-login.png"))
    page.fill("#id_username", "pingcheng")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()

    expect(page.locator("h1")).to_have_text("我的工作")
    incoming = page.locator("#list-incoming")
    expect(incoming).to_contain_text(case.number)
    expect(incoming).to_contain_text("剩 7 个工作日")
    page.screenshot(path=str(ARTIFACTS / "handler-1-my-work.png"), full_page=True)

    incoming.get_by_role("link", name=case.number).click()
    badge = page.locator(".case-head .badge")
    expect(badge).to_have_text("待受理")
    expect(page.locator(".clocks")).to_contain_text("受理期限")
    page.screenshot(path=str(ARTIFACTS / "handler-2-case-routed.png"), full_page=True)

    page.locator('button[data-action="accept"]').click()
    expect(badge).to_have_text("已受理")
    expect(page.locator(".msg-success")).to_contain_text("受理")

    page.locator('button[data-action="mediate"]').click()
    expect(badge).to_have_text("调解中")

    page.locator('summary[data-action="settle"]').click()
    settle = page.locator("details.action-form[open] form")
    settle.locator('input[name="amount_recovered"]').fill("6800")
    settle.locator('textarea[name="note"]').fill("经调解，商家同意退货并全额退款6800元。")
    settle.locator('button[type="submit"]').click()
    expect(badge).to_have_text("调解成功")

    timeline = page.locator(".timeline")
    labels = timeline.locator(".event-label")
    expect(labels).to_have_text(["登记", "分派", "受理", "开始调解", "调解成功"])
    expect(timeline).to_contain_text("¥6800.00")
    expect(timeline).to_contain_text("经调解，商家同意退货并全额退款6800元。")
    expect(timeline).to_contain_text("待受理 → 已受理")
    clocks = page.locator(".clocks .clock")
    expect(clocks).to_have_count(2)
    expect(page.locator('.clocks [data-clock-state="met"]')).to_have_count(2)
    expect(page.locator(".clocks")).to_contain_text("已按时")
    page.screenshot(path=str(ARTIFACTS / "handler-3-case-settled.png"), full_page=True)

    page.reload()  # the same facts without htmx: what a plain page load shows
    expect(badge).to_have_text("调解成功")
    expect(page.locator(".case-main .money")).to_have_text("¥6800.00")
    context.close()
