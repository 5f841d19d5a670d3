"""The State Council schedule as administrators type it: one line per day or range of days.

    2027-01-01..2027-01-03 休 元旦
    2027-02-06 班 春节

休 / rest marks rest days, 班 / work marks make-up working days; the name is optional. Blank lines and
lines starting with # are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

REST_WORDS = {"休", "rest", "off", "holiday", "假"}
WORK_WORDS = {"班", "work", "working", "上班", "补班"}
RANGE_SEPARATORS = re.compile(r"\s*(?:\.\.|～|~|—|至)\s*")
MAX_RANGE_DAYS = 31
MAX_LINES = 400


@dataclass
class ScheduleError(Exception):
    """Every problem found, as (line number, message)."""

    problems: list[tuple[int, str]]

    def __str__(self) -> str:
        return "; ".join(f"{n}: {m}" for n, m in self.problems)


def _parse_date(text: str) -> date | None:
    text = text.strip().replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def parse_schedule(text: str, year: int) -> list[tuple[date, bool, str]]:
    """Days (date, is_working_day, name) of `year`; raises ScheduleError listing every bad line."""
    problems: list[tuple[int, str]] = []
    days: dict[date, tuple[bool, str, int]] = {}
    lines = text.replace("\x00", "").splitlines()
    if len(lines) > MAX_LINES:
        raise ScheduleError([(MAX_LINES + 1, _("Too many lines."))])
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = RANGE_SEPARATORS.sub("..", line)
        parts = line.split(None, 2)
        if len(parts) < 2:
            problems.append((number, _("Write a date or range, then 休 (rest) or 班 (work).")))
            continue
        span, word = parts[0], parts[1].lower()
        name = parts[2].strip()[:32] if len(parts) > 2 else ""
        first_text, _sep, last_text = span.partition("..")
        first = _parse_date(first_text)
        last = _parse_date(last_text) if last_text else first
        if first is None or last is None:
            problems.append((number, _("“%(text)s” is not a date like 2027-01-01 or a range like "
                                       "2027-01-01..2027-01-03.") % {"text": span}))
            continue
        if word in REST_WORDS:
            working = False
        elif word in WORK_WORDS:
            working = True
        else:
            problems.append((number, _("“%(word)s” is neither 休 (rest) nor 班 (work).") % {"word": parts[1]}))
            continue
        if last < first:
            problems.append((number, _("The range ends before it starts.")))
            continue
        if (last - first).days >= MAX_RANGE_DAYS:
            problems.append((number, _("A range may not be longer than %(n)d days.") % {"n": MAX_RANGE_DAYS}))
            continue
        if first.year != year or last.year != year:
            problems.append((number, _("Only days of %(year)d belong here.") % {"year": year}))
            continue
        day = first
        while day <= last:
            if day in days:
                problems.append((number, _("%(day)s is already given on line %(line)d.")
                                 % {"day": day.isoformat(), "line": days[day][2]}))
                break
            days[day] = (working, name, number)
            day += timedelta(days=1)
    if not days and not problems:
        problems.append((0, _("Enter at least one line.")))
    if problems:
        raise ScheduleError(problems)
    return [(day, working, name) for day, (working, name, _n) in sorted(days.items())]


def format_schedule(days: list[tuple[date, bool, str]]) -> str:
    """The inverse of parse_schedule: consecutive days of the same kind and name become one range."""
    lines: list[str] = []
    run: list[tuple[date, bool, str]] = []

    def flush():
        if run:
            first, working, name = run[0]
            last = run[-1][0]
            span = first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"
            lines.append(" ".join(filter(None, [span, "班" if working else "休", name])))

    for entry in sorted(days):
        if run and (entry[0] - run[-1][0]).days == 1 and entry[1:] == run[-1][1:]:
            run.append(entry)
        else:
            flush()
            run = [entry]
    flush()
    return "\n".join(lines)
