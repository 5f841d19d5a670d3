"""Working-day and natural-day arithmetic for legal time limits (Order 121 Art. 45).

Counting rules:
- the start day is not counted: a period of N working days ends on the N-th working day after the start;
- a period of N natural days ends N calendar days after the start, but when that day is a rest day
  (a statutory holiday or a weekend that is not a make-up working day) it moves to the next working day;
- make-up weekends (调休) are working days;
- a period of length 0 ends on the start day itself.

A `WorkCalendar` knows the days that differ from the Monday-to-Friday rule for the years it covers.
Outside those years it falls back to weekends only and marks any result that depended on such a
day as provisional, so a due date can always be given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Due:
    """A computed due date; provisional when it relied on a year the calendar does not know."""

    day: date
    provisional: bool = False


@dataclass(frozen=True)
class WorkCalendar:
    """Exceptions to the weekday rule (date → is_working_day) for a set of known years.

    Every loop below ends: the exceptions are finite, and past the last one every Monday to Friday
    is a working day.
    """

    exceptions: Mapping[date, bool] = field(default_factory=dict)
    known_years: frozenset[int] = frozenset()

    @classmethod
    def from_days(cls, days: Iterable[tuple[date, bool]], known_years: Iterable[int]) -> WorkCalendar:
        return cls(exceptions=dict(days), known_years=frozenset(known_years))

    def is_known(self, day: date) -> bool:
        return day.year in self.known_years

    def spans_unknown(self, first: date, last: date) -> bool:
        """Whether any day of [first, last] lies in a year the calendar does not know."""
        lo, hi = min(first, last), max(first, last)
        return any(year not in self.known_years for year in range(lo.year, hi.year + 1))

    def is_working_day(self, day: date) -> bool:
        override = self.exceptions.get(day)
        if override is not None:
            return override
        return day.weekday() < 5

    def next_working_day(self, day: date) -> tuple[date, bool]:
        """The first working day on or after `day`, and whether a day of an unknown year was looked at."""
        provisional = not self.is_known(day)
        while not self.is_working_day(day):
            day += ONE_DAY
            provisional = provisional or not self.is_known(day)
        return day, provisional

    def add_working_days(self, start: date, count: int) -> Due:
        """The day on which a period of `count` working days starting on `start` ends."""
        if count < 0:
            raise ValueError("a period cannot be negative")
        day, provisional, counted = start, False, 0
        while counted < count:
            day += ONE_DAY
            provisional = provisional or not self.is_known(day)
            if self.is_working_day(day):
                counted += 1
        return Due(day, provisional)

    def add_days(self, start: date, count: int) -> Due:
        """The day on which a period of `count` natural days starting on `start` ends."""
        if count < 0:
            raise ValueError("a period cannot be negative")
        end = start + timedelta(days=count)
        if count == 0:
            return Due(end, False)
        # Only the last day and the rest days after it decide the result.
        day, provisional = self.next_working_day(end)
        return Due(day, provisional)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start. Used for "days left"."""
        if end == start:
            return 0
        sign, lo, hi = (1, start, end) if end > start else (-1, end, start)
        total, day = 0, lo
        while day < hi:
            day += ONE_DAY
            if self.is_working_day(day):
                total += 1
        return sign * total

    def extend_working_days(self, due: date, count: int) -> Due:
        """Push a working-day due date back by `count` working days (a pause or an extension)."""
        return self.add_working_days(due, count)


WEEKENDS_ONLY = WorkCalendar()
