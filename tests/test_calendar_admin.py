"""Django admin: the calendar is editable (edits recompute open clocks); clocks are read-only."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.test import Client

from weiquan.deadlines.models import CalendarYear

SHANGHAI = ZoneInfo("Asia/Shanghai")


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_calendar_and_clocks_are_listed(admin_user, make_case):
    make_case()
    client = admin_client(admin_user)
    for url in ("/admin/deadlines/holidayday/", "/admin/deadlines/calendaryear/", "/admin/deadlines/clock/"):
        assert client.get(url).status_code == 200, url


def test_clocks_cannot_be_added_changed_or_deleted(admin_user, make_case):
    clock = make_case().clocks.get()
    client = admin_client(admin_user)
    assert client.get("/admin/deadlines/clock/add/").status_code == 403
    response = client.post(f"/admin/deadlines/clock/{clock.pk}/change/", {"due": "2030-01-01"})
    assert response.status_code == 403
    assert client.post(f"/admin/deadlines/clock/{clock.pk}/delete/", {"post": "yes"}).status_code == 403
    clock.refresh_from_db()
    assert clock.due != date(2030, 1, 1)


def test_adding_a_holiday_in_the_admin_recomputes_open_clocks(admin_user, make_case):
    case = make_case(at=datetime(2026, 12, 30, 10, 0, tzinfo=SHANGHAI))
    CalendarYear.objects.create(year=2027, source="admin")
    client = admin_client(admin_user)
    response = client.post("/admin/deadlines/holidayday/add/",
                           {"date": "2027-01-01", "is_working_day": "", "name": "元旦"}, follow=True)
    assert response.status_code == 200
    clock = case.clocks.get(kind="acceptance")
    assert (clock.due, clock.provisional) == (date(2027, 1, 11), False)


def test_the_admin_is_closed_to_other_staff(pingcheng):
    response = admin_client(pingcheng).get("/admin/deadlines/holidayday/")
    assert response.status_code == 302  # to the admin login
