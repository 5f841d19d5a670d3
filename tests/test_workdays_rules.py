"""Art. 45 counting rules on small hand-made calendars (no database)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from weiquan.lib.workdays import Due, WorkCalendar

# A made-up year 2030: Wed 2030-10-02..Fri 10-04 are holidays (with the weekend 09-28/29 rest too),
# Sat 2030-10-05 is a make-up working day.
CAL = WorkCalendar.from_days(
    [(date(2030, 10, 2), False), (date(2030, 10, 3), False), (date(2030, 10, 4), False),
     (date(2030, 10, 5), True)],
    known_years=[2030],
)


def test_the_start_day_is_not_counted():
    # Monday 2030-09-02 + 1 working day = Tuesday
    assert CAL.add_working_days(date(2030, 9, 2), 1) == Due(date(2030, 9, 3))
    assert CAL.add_days(date(2030, 9, 2), 1) == Due(date(2030, 9, 3))


def test_working_days_skip_weekends_and_holidays_and_count_make_up_days():
    # Tue 10-01 is a working day; 10-02..04 holidays; Sat 10-05 make-up; Sun 10-06 rest; Mon 10-07
    assert CAL.add_working_days(date(2030, 9, 30), 1) == Due(date(2030, 10, 1))
    assert CAL.add_working_days(date(2030, 9, 30), 2) == Due(date(2030, 10, 5))
    assert CAL.add_working_days(date(2030, 9, 30), 3) == Due(date(2030, 10, 7))
    assert CAL.add_working_days(date(2030, 9, 27), 7) == Due(date(2030, 10, 10))  # Friday start


def test_a_period_started_on_a_rest_day_counts_from_the_next_working_day():
    assert CAL.add_working_days(date(2030, 10, 3), 1) == Due(date(2030, 10, 5))
    assert CAL.add_working_days(date(2030, 9, 28), 1) == Due(date(2030, 9, 30))  # Saturday start


def test_natural_days_ending_on_a_rest_day_move_to_the_next_working_day():
    assert CAL.add_days(date(2030, 9, 26), 2) == Due(date(2030, 9, 30))  # ends Sat 09-28 → Mon
    assert CAL.add_days(date(2030, 9, 30), 2) == Due(date(2030, 10, 5))  # ends on a holiday → make-up Sat
    assert CAL.add_days(date(2030, 9, 30), 5) == Due(date(2030, 10, 5))  # ends on a make-up Saturday: stays
    assert CAL.add_days(date(2030, 9, 30), 6) == Due(date(2030, 10, 7))  # ends Sunday 10-06 → Monday


def test_a_natural_day_period_ending_on_a_working_day_is_not_moved_even_after_holidays():
    assert CAL.add_days(date(2030, 9, 30), 7) == Due(date(2030, 10, 7))


def test_a_zero_length_period_ends_on_the_start_day():
    assert CAL.add_working_days(date(2030, 10, 3), 0) == Due(date(2030, 10, 3))
    assert CAL.add_days(date(2030, 10, 3), 0) == Due(date(2030, 10, 3))


def test_negative_periods_are_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2030, 1, 1), -1)
    with pytest.raises(ValueError):
        CAL.add_days(date(2030, 1, 1), -1)


def test_beyond_the_known_years_weekends_only_and_provisional():
    # 2031 is unknown: Wed 2031-01-01 counts as a working day there, and the result is provisional
    assert CAL.add_working_days(date(2030, 12, 31), 1) == Due(date(2031, 1, 1), provisional=True)
    assert CAL.add_working_days(date(2030, 12, 27), 1) == Due(date(2030, 12, 30), provisional=False)
    assert CAL.add_days(date(2030, 12, 1), 30) == Due(date(2030, 12, 31), provisional=False)
    assert CAL.add_days(date(2030, 12, 1), 31) == Due(date(2031, 1, 1), provisional=True)
    # a natural-day period whose last day is known stays final even if it started in an unknown year
    assert CAL.add_days(date(2029, 12, 31), 1) == Due(date(2030, 1, 1), provisional=False)


def test_a_long_run_of_rest_days_is_no_error():
    start = date(2030, 1, 1)
    rest = WorkCalendar.from_days([(start + timedelta(days=i), False) for i in range(200)], [2030])
    assert rest.add_days(start, 1) == Due(date(2030, 7, 22))  # 07-20 is a Saturday
    assert rest.add_working_days(start, 1) == Due(date(2030, 7, 22))


def test_working_days_between_counts_the_end_not_the_start():
    assert CAL.working_days_between(date(2030, 9, 30), date(2030, 10, 7)) == 3
    assert CAL.working_days_between(date(2030, 10, 7), date(2030, 9, 30)) == -3
    assert CAL.working_days_between(date(2030, 10, 7), date(2030, 10, 7)) == 0
