"""The holiday calendar page at /staff/calendar/: a year grid and the schedule form, for administrators only."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from weiquan.deadlines.models import CalendarYear, HolidayDay

SHANGHAI = ZoneInfo("Asia/Shanghai")
SCHEDULE_2027 = """# 国务院办公厅关于2027年部分节假日安排的通知
2027-01-01..2027-01-03 休 元旦
2027-02-06..2027-02-12 休 春节
2027-02-20 班 春节
"""


def client_for(user, language="zh-hans"):
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


def cell(html: str, day: str) -> str:
    match = re.search(rf'<td class="day-(\w+)" data-date="{day}"', html)
    assert match, day
    return match.group(1)


def test_not_logged_in_is_sent_to_the_login_page(db):
    response = Client().get("/staff/calendar/2026/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["clerk", "pingcheng", "datong", "analyst"])
def test_only_administrators_may_see_or_edit_the_calendar(request, persona):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get("/staff/calendar/").status_code == 403
    response = client.post("/staff/calendar/2027/", {"schedule": SCHEDULE_2027})
    assert response.status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_the_2026_grid_shows_holidays_make_up_days_and_weekends(admin_user):
    response = client_for(admin_user).get("/staff/calendar/2026/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "2026" in html and 'data-known="true"' in html
    assert cell(html, "2026-10-01") == "holiday"   # 国庆节
    assert cell(html, "2026-10-03") == "holiday"   # a Saturday inside the holiday, named
    assert cell(html, "2026-10-10") == "makeup"    # make-up Saturday
    assert cell(html, "2026-10-11") == "weekend"
    assert cell(html, "2026-10-12") == "work"
    assert 'title="国庆节"' in html
    assert "十月" in html  # month names in Chinese by default


def test_the_page_is_in_english_too(admin_user):
    client = client_for(admin_user, "en")
    client.cookies["django_language"] = "en"
    html = client.get("/staff/calendar/2027/").content.decode()
    assert "October" in html
    assert "Provisional" in html and "Save schedule" in html


def test_an_unknown_year_is_flagged_provisional(admin_user):
    html = client_for(admin_user).get("/staff/calendar/2027/").content.decode()
    assert 'data-known="false"' in html
    assert cell(html, "2027-01-01") == "work"  # weekends only until the schedule is entered


def test_the_current_schedule_is_offered_for_editing(admin_user):
    html = client_for(admin_user).get("/staff/calendar/2026/").content.decode()
    assert "2026-10-01..2026-10-07 休 国庆节" in html
    assert "2026-10-10 班 国庆节" in html


def test_saving_the_2027_schedule_recomputes_open_clocks_and_says_how_many(admin_user, make_case):
    case = make_case(at=datetime(2026, 12, 30, 10, 0, tzinfo=SHANGHAI))
    assert case.clocks.get(kind="acceptance").provisional
    client = client_for(admin_user, "en")
    client.cookies["django_language"] = "en"
    response = client.post("/staff/calendar/2027/", {"schedule": SCHEDULE_2027, "note": "国办发明电〔2026〕1号"},
                           follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 open clock was recomputed" in html
    assert 'data-known="true"' in html
    assert cell(html, "2027-02-08") == "holiday"
    assert cell(html, "2027-02-20") == "makeup"
    clock = case.clocks.get(kind="acceptance")
    assert (clock.due, clock.provisional) == (date(2027, 1, 11), False)
    year = CalendarYear.objects.get(year=2027)
    assert (year.source, year.published_note) == ("admin", "国办发明电〔2026〕1号")
    assert HolidayDay.objects.filter(date__year=2027, is_working_day=False).count() == 10


def test_the_message_is_in_chinese_by_default(admin_user):
    response = client_for(admin_user).post("/staff/calendar/2027/", {"schedule": SCHEDULE_2027}, follow=True)
    html = response.content.decode()
    assert "重新计算" in html and "open clock" not in html


@pytest.mark.parametrize("text, fragment", [
    ("2027-13-01 休", "2027-13-01"),
    ("2027-01-01..2027-01-03 maybe", "maybe"),
    ("2028-01-01 休 元旦", "2027"),
    ("2027-01-03..2027-01-01 休", "Line 1"),
    ("2027-01-01 休\n2027-01-01 班", "line 1"),
    ("", ""),
    ("# only a comment", "at least one line"),
    ("2027-01-01..2027-03-01 休", "31"),
])
def test_a_bad_schedule_is_refused_with_the_line_and_nothing_is_saved(admin_user, text, fragment):
    client = client_for(admin_user, "en")
    client.cookies["django_language"] = "en"
    response = client.post("/staff/calendar/2027/", {"schedule": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and fragment in html
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not HolidayDay.objects.filter(date__year=2027).exists()


def test_a_year_out_of_range_is_not_found(admin_user):
    assert client_for(admin_user).get("/staff/calendar/1800/").status_code == 404
