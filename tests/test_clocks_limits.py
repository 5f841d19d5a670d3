"""Limits are settings: a deployment may shorten them; a system check refuses any longer than the law."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.core.checks import run_checks

from weiquan.deadlines.checks import STATUTORY_LIMITS, check_limits

SHANGHAI = ZoneInfo("Asia/Shanghai")


def ids(errors):
    return sorted(e.id for e in errors)


def test_the_shipped_limits_pass_the_check():
    assert check_limits(django_settings.WEIQUAN_LIMITS) == []
    assert [e for e in run_checks(tags=["weiquan"]) if e.id.startswith("weiquan.E1")] == []


@pytest.mark.parametrize("name, value", [
    ("acceptance", ("wd", 8)), ("mediation_order121", ("d", 61)), ("mediation_order20", ("wd", 46)),
    ("notification", ("wd", 8)), ("verification", ("wd", 16)), ("jurisdiction", ("wd", 8)),
    ("verification_extension", ("wd", 20)),
])
def test_a_limit_longer_than_the_law_is_an_error(settings, name, value):
    settings.WEIQUAN_LIMITS = {**django_settings.WEIQUAN_LIMITS, name: value}
    errors = [e for e in run_checks(tags=["weiquan"]) if e.id.startswith("weiquan.E1")]
    assert ids(errors) == ["weiquan.E105"]
    assert name in errors[0].msg


@pytest.mark.parametrize("value, error", [
    (("d", 7), "weiquan.E103"),      # the law counts working days
    (("wd", 0), "weiquan.E104"),
    (("wd", "7"), "weiquan.E104"),
    (7, "weiquan.E102"),
])
def test_malformed_limits_are_errors(value, error):
    limits = {**django_settings.WEIQUAN_LIMITS, "acceptance": value}
    assert ids(check_limits(limits)) == [error]


def test_a_missing_limit_is_an_error():
    limits = {k: v for k, v in django_settings.WEIQUAN_LIMITS.items() if k != "jurisdiction"}
    assert ids(check_limits(limits)) == ["weiquan.E101"]


def test_every_statutory_limit_is_at_its_legal_value_by_default():
    for name, (unit, bound, _basis) in STATUTORY_LIMITS.items():
        assert tuple(django_settings.WEIQUAN_LIMITS[name]) == (unit, bound)


def test_a_shorter_local_limit_is_what_clocks_use(settings, make_case):
    settings.WEIQUAN_LIMITS = {**django_settings.WEIQUAN_LIMITS, "acceptance": ("wd", 3)}
    assert check_limits(settings.WEIQUAN_LIMITS) == []
    case = make_case(at=datetime(2026, 5, 6, 10, 0, tzinfo=SHANGHAI))
    clock = case.clocks.get(kind="acceptance")
    assert (clock.length, clock.due) == (3, date(2026, 5, 9))  # 05-09 is a make-up Saturday
