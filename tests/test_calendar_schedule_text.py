"""The schedule text administrators type: 休/班 lines and ranges, read back exactly as written."""

from __future__ import annotations

from datetime import date

import pytest

from weiquan.deadlines.calendar import schedule_from_chinesecalendar
from weiquan.deadlines.schedule import ScheduleError, format_schedule, parse_schedule


def test_lines_ranges_rest_and_work_in_chinese_or_english():
    text = """
    # 2027
    2027-01-01..2027-01-03 休 元旦
    2027-02-06 ~ 2027-02-08 rest Spring Festival
    2027-02-20 班 春节
    2027-02-21 work
    2027/05/01 休
    """
    assert parse_schedule(text, 2027) == [
        (date(2027, 1, 1), False, "元旦"), (date(2027, 1, 2), False, "元旦"), (date(2027, 1, 3), False, "元旦"),
        (date(2027, 2, 6), False, "Spring Festival"), (date(2027, 2, 7), False, "Spring Festival"),
        (date(2027, 2, 8), False, "Spring Festival"),
        (date(2027, 2, 20), True, "春节"), (date(2027, 2, 21), True, ""), (date(2027, 5, 1), False, ""),
    ]


def test_full_width_spaces_and_至_are_understood():
    assert parse_schedule("2027-10-01　至　2027-10-02　休　国庆节", 2027) == [
        (date(2027, 10, 1), False, "国庆节"), (date(2027, 10, 2), False, "国庆节")]


def test_every_problem_is_reported_with_its_line():
    with pytest.raises(ScheduleError) as caught:
        parse_schedule("2027-01-01 休\nnonsense\n2027-01-01 班\n2026-12-31 休\n2027-02-30 休", 2027)
    assert [line for line, _message in caught.value.problems] == [2, 3, 4, 5]


@pytest.mark.parametrize("year", range(2018, 2027))
def test_the_seeded_years_read_back_exactly(year):
    days = schedule_from_chinesecalendar(year)
    assert parse_schedule(format_schedule(days), year) == days


def test_formatting_groups_runs_of_the_same_kind_and_name():
    text = format_schedule(schedule_from_chinesecalendar(2026))
    assert "2026-10-01..2026-10-07 休 国庆节" in text.splitlines()
    assert "2026-10-10 班 国庆节" in text.splitlines()
