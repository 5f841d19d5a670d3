"""The working-day calendar as the database knows it, cached per process.

The database holds the exceptions to the weekday rule (`HolidayDay`) and the years whose schedule is
known (`CalendarYear`). They are seeded from `chinesecalendar` and edited by administrators when the
State Council publishes a new year. Editing goes through `set_year_schedule`, which recomputes open
clocks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction

from weiquan.lib.workdays import WorkCalendar

from .models import CalendarYear, HolidayDay

_lock = threading.Lock()
_cached: tuple[tuple, WorkCalendar] | None = None
_checked_at = 0.0


_REVISION_SQL = (
    "SELECT (SELECT MAX(updated_at) FROM {y}), (SELECT COUNT(*) FROM {y}), "
    "(SELECT COUNT(*) FROM {d}), (SELECT COUNT(*) FROM {d} WHERE is_working_day), (SELECT MAX(date) FROM {d})"
)


def _revision() -> tuple:
    """What changes whenever the calendar does: one small query (it runs for every clock computed)."""
    sql = _REVISION_SQL.format(y=connection.ops.quote_name(CalendarYear._meta.db_table),
                               d=connection.ops.quote_name(HolidayDay._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(str(v) for v in cursor.fetchone())


def get_calendar() -> WorkCalendar:
    """The current calendar; reloaded when any year was changed. Whether it changed is asked of the
    database (one cheap aggregate query) at most every `WEIQUAN_CALENDAR_RECHECK_SECONDS` per process:
    a change made by this process is seen at once (`set_year_schedule` forgets the cache), one made by
    another process within that many seconds."""
    global _cached, _checked_at
    cached = _cached
    now = time.monotonic()
    if cached is not None and now - _checked_at < getattr(settings, "WEIQUAN_CALENDAR_RECHECK_SECONDS", 1.0):
        return cached[1]
    revision = _revision()
    if cached is not None and cached[0] == revision:
        _checked_at = now
        return cached[1]
    with _lock:
        calendar = WorkCalendar.from_days(
            HolidayDay.objects.values_list("date", "is_working_day"),
            CalendarYear.objects.values_list("year", flat=True),
        )
        _cached, _checked_at = (revision, calendar), now
    return calendar


def forget_cache() -> None:
    global _cached
    _cached = None


def chinesecalendar_years() -> range:
    import chinese_calendar

    years = sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})
    return range(years[0], years[-1] + 1)


HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def schedule_from_chinesecalendar(year: int) -> list[tuple[date, bool, str]]:
    """The days of `year` that differ from the weekday rule as chinesecalendar knows them, plus the
    weekend days of a holiday (named, so the calendar page can show them)."""
    import chinese_calendar

    days = []
    day = date(year, 1, 1)
    while day.year == year:
        working = chinese_calendar.is_workday(day)
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        if working != (day.weekday() < 5) or (on_holiday and name):
            label = str(name or "")
            days.append((day, working, HOLIDAY_NAMES_ZH.get(label, label)))
        day += timedelta(days=1)
    return days


def check_schedule(year: int, days: list[tuple[date, bool, str]]) -> None:
    """Refuse a schedule with days of another year or a day given twice (ValueError)."""
    seen: set[date] = set()
    for day, _working, _name in days:
        if day.year != year:
            raise ValueError(f"{day} is not in {year}")
        if day in seen:
            raise ValueError(f"{day} is given twice")
        seen.add(day)


def set_year_schedule(year: int, days: Iterable[tuple[date, bool, str]], source: str = "admin",
                      note: str = "", *, recompute: bool = True) -> int:
    """Replace the exceptions of one year and mark it known (one transaction), then recompute the open
    clocks. Returns the number of clocks whose due date or state changed."""
    from .clocks import recompute_open_clocks

    days = list(days)
    check_schedule(year, days)
    with transaction.atomic():
        HolidayDay.objects.filter(date__year=year).delete()
        HolidayDay.objects.bulk_create(HolidayDay(date=d, is_working_day=w, name=n[:32]) for d, w, n in days)
        CalendarYear.objects.update_or_create(year=year, defaults={"source": source, "published_note": note})
    forget_cache()
    return recompute_open_clocks() if recompute else 0


def seed_from_chinesecalendar() -> list[int]:
    """Load every year chinesecalendar knows that the database does not have yet."""
    known = set(CalendarYear.objects.values_list("year", flat=True))
    added = []
    for year in chinesecalendar_years():
        if year not in known:
            set_year_schedule(year, schedule_from_chinesecalendar(year), source="chinesecalendar",
                              recompute=False)
            added.append(year)
    if added:
        from .clocks import recompute_open_clocks

        recompute_open_clocks()
    return added
