"""`weiquan recompute-clocks` brings every open clock in line with the calendar in the database, e.g.
after holidays were loaded by other means than the calendar page."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command

from weiquan.cases.models import Case
from weiquan.deadlines.models import CalendarYear, HolidayDay

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_recompute_clocks_applies_a_calendar_loaded_behind_the_services_back(make_case):
    case = make_case(at=datetime(2026, 12, 30, 10, 0, tzinfo=SHANGHAI))
    assert case.clocks.get(kind="acceptance").due == date(2027, 1, 8)
    CalendarYear.objects.create(year=2027, source="import")
    HolidayDay.objects.create(date=date(2027, 1, 1), is_working_day=False, name="元旦")
    out = StringIO()
    call_command("recompute-clocks", stdout=out)
    clock = case.clocks.get(kind="acceptance")
    assert (clock.due, clock.provisional) == (date(2027, 1, 11), False)
    assert Case.objects.get(pk=case.pk).next_due == date(2027, 1, 11)
    assert out.getvalue().startswith("1 clocks changed; 1 open, 0 of them provisional")
    out = StringIO()
    call_command("recompute-clocks", stdout=out)
    assert out.getvalue().startswith("0 clocks changed")  # idempotent
