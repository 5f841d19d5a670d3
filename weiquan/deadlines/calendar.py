"""The working-day calendar as the database knows it, cached per process.

The database holds the exceptions to the weekday rule (`HolidayDay`) and the years whose schedule is
known (`CalendarYear`). They are seeded from `chinesecalendar` and edited by administrators when the
State Council publishes a new year. Editing goes through `set_year_schedule`, which recomputes open
clocks.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max

from weiquan.lib.workdays import WorkCalendar

from .models import CalendarYear, HolidayDay

_lock = threading.Lock()
_cached: tuple[tuple, WorkCalendar] | None = None


def _revision() -> tuple:
    stamp = CalendarYear.objects.aggregate(m=Max("updated_at"))["m"]
    return (stamp, CalendarYear.objects.count(), HolidayDay.objects.count())


def get_calendar() -> WorkCalendar:
    """The current calendar; reloaded when any year was changed (one cheap aggregate query)."""
    global _cached
    revision = _revision()
    cached = _cached
    if cached is not None and cached[0] == revision:
        return cached[1]
    with _lock:
        calendar = WorkCalendar.from_days(
            HolidayDay.objects.values_list("date", "is_working_day"),
            CalendarYear.objects.values_list("year", flat=True),
        )
        _cached = (revision, calendar)
    return calendar


def forget_cache() -> None:
    global _cached
    _cached = None


def chinesecalendar_years() -> range:
    import chinese_calendar

    years = sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})
    return range(years[0], years[-1] + 1)


def schedule_from_chinesecalendar(year: int) -> list[tuple[date, bool, str]]:
    """The days of `year` that differ from the weekday rule, as chinesecalendar knows them."""
    import chinese_calendar

    days = []
    day = date(year, 1, 1)
    while day.year == year:
        working = chinese_calendar.is_workday(day)
        if working != (day.weekday() < 5):
            _, name = chinese_calendar.get_holiday_detail(day)
            days.append((day, working, str(name or "")))
        day += timedelta(days=1)
    return days


@transaction.atomic
def set_year_schedule(year: int, days: Iterable[tuple[date, bool, str]], source: str = "admin",
                      note: str = "") -> int:
    """Replace the exceptions of one year and mark it known; recompute open clocks. Returns the number
    of clocks whose due date changed."""
    from .clocks import recompute_open_clocks

    days = list(days)
    for day, _working, _name in days:
        if day.year != year:
            raise ValueError(f"{day} is not in {year}")
    HolidayDay.objects.filter(date__year=year).delete()
    HolidayDay.objects.bulk_create(HolidayDay(date=d, is_working_day=w, name=n[:32]) for d, w, n in days)
    CalendarYear.objects.update_or_create(year=year, defaults={"source": source, "published_note": note})
    forget_cache()
    return recompute_open_clocks()


def seed_from_chinesecalendar() -> list[int]:
    """Load every year chinesecalendar knows that the database does not have yet."""
    known = set(CalendarYear.objects.values_list("year", flat=True))
    added = []
    for year in chinesecalendar_years():
        if year not in known:
            set_year_schedule(year, schedule_from_chinesecalendar(year), source="chinesecalendar")
            added.append(year)
    return added
