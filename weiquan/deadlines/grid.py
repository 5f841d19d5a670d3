"""A year of the holiday calendar laid out for the calendar page: months of weeks of classified days."""

from __future__ import annotations

import calendar as pycalendar
from dataclasses import dataclass
from datetime import date

from weiquan.lib.workdays import WorkCalendar

from .models import CalendarYear, HolidayDay

# How a day is shown: a working weekday, a weekend, a holiday (a rest day on a weekday or a named
# weekend day of a holiday) or a make-up working weekend (调休).
WORK, WEEKEND, HOLIDAY, MAKEUP = "work", "weekend", "holiday", "makeup"


@dataclass(frozen=True)
class GridDay:
    day: date
    kind: str
    name: str

    @property
    def is_working_day(self) -> bool:
        return self.kind in (WORK, MAKEUP)


@dataclass(frozen=True)
class GridMonth:
    first: date  # the first day of the month
    weeks: list[list[GridDay | None]]  # Monday first; None pads days of other months
    working_days: int


@dataclass(frozen=True)
class YearGrid:
    year: int
    known: bool
    source: str
    note: str
    months: list[GridMonth]
    working_days: int
    holidays: int
    makeup_days: int


def classify(calendar: WorkCalendar, day: date, name: str = "") -> str:
    working = calendar.is_working_day(day)
    weekend = day.weekday() >= 5
    if working:
        return MAKEUP if weekend else WORK
    return HOLIDAY if (not weekend or name) else WEEKEND


def year_grid(calendar: WorkCalendar, year: int) -> YearGrid:
    names = dict(HolidayDay.objects.filter(date__year=year).values_list("date", "name"))
    entry = CalendarYear.objects.filter(year=year).first()
    months = []
    totals = {WORK: 0, WEEKEND: 0, HOLIDAY: 0, MAKEUP: 0}
    for month in range(1, 13):
        weeks, working = [], 0
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            row: list[GridDay | None] = []
            for day in week:
                if day.month != month:
                    row.append(None)
                    continue
                name = names.get(day, "")
                kind = classify(calendar, day, name)
                totals[kind] += 1
                working += kind in (WORK, MAKEUP)
                row.append(GridDay(day, kind, name))
            weeks.append(row)
        months.append(GridMonth(date(year, month, 1), weeks, working))
    return YearGrid(
        year=year, known=entry is not None, source=entry.source if entry else "",
        note=entry.published_note if entry else "", months=months,
        working_days=totals[WORK] + totals[MAKEUP], holidays=totals[HOLIDAY], makeup_days=totals[MAKEUP],
    )


def schedule_of(year: int) -> list[tuple[date, bool, str]]:
    """The stored exceptions of a year, as parse_schedule returns them."""
    return list(HolidayDay.objects.filter(date__year=year).order_by("date")
                .values_list("date", "is_working_day", "name"))
