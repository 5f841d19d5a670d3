"""The workbench at a desktop and a phone width: pages fit the screen, nothing overflows sideways.
Screenshots land in test-artifacts/ for people to look at."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from conftest import BROWSER_TEST

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PASSWORD = "workbench-screens-test-1"
WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

pytestmark = BROWSER_TEST

CASES = [
    # (days ago, business, category, problem, request, amount, description)
    (12, "大同市平城区红旗家具城", "房屋及建材类", "质量", "退货", "6800",
     "购买实木衣柜一组，安装两个月后柜门开裂变形，商家以人为损坏为由拒绝退换。"),
    (6, "大同市平城区力健健身会所", "文化、娱乐、体育服务", "合同", "退款", "3600",
     "办理年卡3600元，三个月后健身房突然停业，无法联系经营者，要求退还剩余费用。"),
    (4, "大同市平城区鲜丰生鲜超市", "食品类", "安全", "赔偿", "86.5",
     "在该超市购买的冷鲜鸡肉回家后发现已变质发臭，要求退款并赔偿。"),
    (1, "大同市平城区极客数码商行", "家用电子电器类", "假冒", "退货", "4299",
     "以全新机价格购买的手机经官方检测为翻新机，商家拒绝退货。"),
    (0, "大同市平城区博雅教育培训学校", "教育培训服务", "虚假宣传", "退款", "12800",
     "培训机构承诺包过，考试未通过后拒绝按约定退费。"),
    (0, "大同市平城区万达广场停车场", "生活、社会服务类", "价格", "退款", "40",
     "停车场收费标准未公示，实际收费高于规定标准。"),
]


def seed_cases():
    from django.utils import timezone

    from weiquan.cases.services import ActionInput, IntakeData, apply_action, register_case
    from weiquan.orgs.models import User

    clerk = User.objects.select_related("organisation").get(username="clerk")
    handler = User.objects.select_related("organisation").get(username="pingcheng")
    made = []
    for i, (days, business, category, problem, request, amount, description) in enumerate(CASES):
        at = timezone.now() - timedelta(days=days, hours=i)
        case = register_case(clerk, IntakeData(
            kind="complaint", channel=("phone", "letter", "visit")[i % 3], received_at=at, route_to="140213",
            description=description, complainant_name=["张小明", "李秀英", "王建国", "赵丽", "刘洋", "陈静"][i],
            complainant_phone=f"1381234{5670 + i}", complainant_address="大同市平城区新建南路1号",
            business_name=business, business_address="大同市平城区御河西路168号", request=request,
            amount=amount, category=category, problem=problem), registered_at=at)
        made.append(case)
    for case in made[1:3]:
        case = apply_action(handler, case, ActionInput(action="accept"))
    apply_action(handler, made[2], ActionInput(action="mediate", note="双方同意电话调解。"))
    report = register_case(clerk, IntakeData(
        kind="report", channel="phone", route_to="140213", confidential=True, business_name="大同市平城区某药店",
        description="该药店销售过期药品。"))
    return made, report


def login(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator('button.primary[type="submit"]').click()
    page.wait_for_url(f"{base}/staff/")


def no_sideways_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


@pytest.fixture
def cases(live_server):
    """Set up before Chromium starts (ORM calls inside Playwright's loop open a second connection)."""
    from weiquan.orgs.models import User

    for username in ("pingcheng", "clerk"):
        user = User.objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()
    made, _report = seed_cases()
    return made


@pytest.mark.django_db(transaction=True)
def test_workbench_pages_fit_desktop_and_phone(live_server, cases, chromium, monkeypatch):
    from playwright.sync_api import expect

    from weiquan.staff import worklists

    monkeypatch.setattr(worklists, "PAGE_SIZE", 2)  # the live server runs in this process

    mediating = cases[2]
    ARTIFACTS.mkdir(exist_ok=True)

    for name, viewport in WIDTHS.items():
        context = chromium.new_context(locale="zh-CN", viewport=viewport)
        page = context.new_page()
        login(page, live_server.url, "pingcheng")
        expect(page.locator(".counter-incoming .counter-n")).to_have_text("5")
        expect(page.locator(".counter-active .counter-n")).to_have_text("2")
        expect(page.locator("#list-overdue")).to_contain_text(cases[0].number)
        page.screenshot(path=str(ARTIFACTS / f"screen-my-work-{name}.png"), full_page=True)
        assert no_sideways_overflow(page), f"my work overflows at {name} width"

        page.goto(f"{live_server.url}/staff/work/incoming/")  # "More" appends the next page (htmx)
        rows = page.locator("#rows tr")
        expect(rows).to_have_count(2)
        page.locator("#more a").click()
        expect(rows).to_have_count(4)
        page.locator("#more a").click()
        expect(rows).to_have_count(5)
        expect(page.locator("#more a")).to_have_count(0)

        page.goto(f"{live_server.url}/staff/cases/{mediating.number}/")
        expect(page.locator(".case-head .badge")).to_have_text("调解中")
        page.screenshot(path=str(ARTIFACTS / f"screen-case-{name}.png"), full_page=True)
        assert no_sideways_overflow(page), f"the case page overflows at {name} width"
        if name == "desktop":  # the language switch in the top bar, and back
            page.get_by_role("button", name="EN").click()
            expect(page.locator(".timeline h2")).to_have_text("Timeline")
            expect(page.locator(".case-head .badge")).to_have_text("mediating")
            page.screenshot(path=str(ARTIFACTS / "screen-case-desktop-en.png"), full_page=True)
            page.get_by_role("button", name="中文").click()
            expect(page.locator(".timeline h2")).to_have_text("办理过程")
        page.locator('summary[data-action="terminate"]').click()
        expect(page.locator("details[open] select[name=ground] option")).to_have_count(9)
        page.screenshot(path=str(ARTIFACTS / f"screen-case-terminate-{name}.png"), full_page=True)

        page.goto(f"{live_server.url}/staff/cases/?q=大同市平城区")
        expect(page.locator("table.cases tbody tr")).to_have_count(7)
        page.screenshot(path=str(ARTIFACTS / f"screen-search-{name}.png"), full_page=True)
        assert no_sideways_overflow(page), f"search overflows at {name} width"
        context.close()

        context = chromium.new_context(locale="zh-CN", viewport=viewport)
        page = context.new_page()
        login(page, live_server.url, "clerk")
        page.goto(f"{live_server.url}/staff/intake/")
        page.screenshot(path=str(ARTIFACTS / f"screen-intake-{name}.png"), full_page=True)
        assert no_sideways_overflow(page), f"the intake form overflows at {name} width"
        page.fill("#id_complainant_name", "张小明")
        page.fill("#id_business_uscc", "91140213MA0K123450")
        page.locator(".form-actions button[type=submit]").click()
        expect(page.locator(".field-complainant_phone .field-error")).to_have_text("此类案件必须填写此项。")
        expect(page.locator("#id_complainant_name")).to_have_value("张小明")
        page.screenshot(path=str(ARTIFACTS / f"screen-intake-errors-{name}.png"), full_page=True)
        assert no_sideways_overflow(page), f"the intake errors overflow at {name} width"
        context.close()
