"""The seeded calendar and its arithmetic agree with `chinesecalendar` on every day of 2018–2026.

The oracle below counts with chinesecalendar's own `is_workday` over a sorted list of working days
(bisect), a different code path from `WorkCalendar`. chinesecalendar raises for 2027, so the oracle
never asks it about 2027: days from 2027 on count weekends only, and any result there must be
provisional.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db  # the calendar under test is the one seeded into the database

FIRST, LAST_KNOWN = date(2018, 1, 1), date(2026, 12, 31)
ORACLE_END = date(2030, 12, 31)
DAYS = [FIRST + timedelta(days=i) for i in range((LAST_KNOWN - FIRST).days + 1)]


def _oracle_is_workday(day: date) -> bool:
    if day <= LAST_KNOWN:
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5  # the documented fallback beyond the known calendar


WORKDAYS = [FIRST + timedelta(days=i) for i in range((ORACLE_END - FIRST).days + 1)
            if _oracle_is_workday(FIRST + timedelta(days=i))]
WORKDAY_SET = frozenset(WORKDAYS)


def oracle_add_working_days(start: date, n: int) -> tuple[date, bool]:
    if n == 0:
        return start, False
    result = WORKDAYS[bisect_right(WORKDAYS, start) + n - 1]
    return result, result > LAST_KNOWN


def oracle_add_days(start: date, n: int) -> tuple[date, bool]:
    if n == 0:
        return start, False
    end = start + timedelta(days=n)
    while end not in WORKDAY_SET:
        end += timedelta(days=1)
    return end, end > LAST_KNOWN


def oracle_between(a: date, b: date) -> int:
    if a <= b:
        return bisect_right(WORKDAYS, b) - bisect_right(WORKDAYS, a)
    return -oracle_between(b, a)


@pytest.fixture(scope="module")
def cal(django_db_setup, django_db_blocker):
    """The calendar as the application loads it from the database seeded from chinesecalendar."""
    with django_db_blocker.unblock():
        from weiquan.deadlines.calendar import forget_cache, get_calendar

        forget_cache()
        return get_calendar()


def test_known_years_are_those_of_chinesecalendar_and_2027_is_not(cal):
    assert {2004, 2018, 2026} <= cal.known_years
    assert 2027 not in cal.known_years
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(2027, 1, 4))  # why the fallback exists


def test_every_day_2004_to_2026_has_the_working_status_chinesecalendar_gives(cal):
    day, mismatches = date(2004, 1, 1), []
    while day <= LAST_KNOWN:
        if cal.is_working_day(day) != chinese_calendar.is_workday(day):
            mismatches.append(day)
        day += timedelta(days=1)
    assert mismatches == []


def test_add_working_days_0_to_30_from_every_day_matches_an_independent_count(cal):
    wrong = []
    for start in DAYS:
        for n in range(31):
            due = cal.add_working_days(start, n)
            if (due.day, due.provisional) != oracle_add_working_days(start, n):
                wrong.append((start, n, due))
    assert wrong == []


def test_add_days_0_to_30_from_every_day_matches_an_independent_count(cal):
    wrong = []
    for start in DAYS:
        for n in range(31):
            due = cal.add_days(start, n)
            if (due.day, due.provisional) != oracle_add_days(start, n):
                wrong.append((start, n, due))
    assert wrong == []


def test_working_days_between_inverts_add_working_days_from_every_day(cal):
    for start in DAYS:
        for n in (1, 7, 15, 30):
            assert cal.working_days_between(start, cal.add_working_days(start, n).day) == n


def test_a_result_within_2026_is_final_and_one_in_2027_provisional(cal):
    assert cal.add_working_days(date(2026, 12, 21), 7) == type(cal.add_working_days(FIRST, 1))(
        date(2026, 12, 30), False)
    due = cal.add_working_days(date(2026, 12, 30), 7)
    assert due.day.year == 2027 and due.provisional


dates = st.dates(min_value=FIRST, max_value=LAST_KNOWN)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(start=dates, n=st.integers(min_value=0, max_value=400))
def test_long_working_day_periods_match_the_oracle(cal, start, n):
    due = cal.add_working_days(start, n)
    assert (due.day, due.provisional) == oracle_add_working_days(start, n)
    assert cal.working_days_between(start, due.day) == n


@settings(max_examples=400, deadline=None, derandomize=True)
@given(start=dates, n=st.integers(min_value=0, max_value=500))
def test_long_natural_day_periods_match_the_oracle(cal, start, n):
    due = cal.add_days(start, n)
    assert (due.day, due.provisional) == oracle_add_days(start, n)
    if n:
        assert due.day >= start + timedelta(days=n)
        assert cal.is_working_day(due.day)
        # nothing but rest days between the nominal last day and the due date
        assert cal.working_days_between(start + timedelta(days=n - 1), due.day) == 1


@settings(max_examples=400, deadline=None, derandomize=True)
@given(a=dates, b=dates)
def test_working_days_between_counts_like_the_oracle_and_is_antisymmetric(cal, a, b):
    assert cal.working_days_between(a, b) == oracle_between(a, b)
    assert cal.working_days_between(b, a) == -cal.working_days_between(a, b)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(start=dates, offset=st.integers(min_value=0, max_value=120))
def test_add_working_days_of_the_count_lands_on_the_last_working_day_up_to_a_date(cal, start, offset):
    end = start + timedelta(days=offset)
    n = cal.working_days_between(start, end)
    due = cal.add_working_days(start, n).day
    assert due <= end
    assert cal.working_days_between(due, end) == 0
