"""`weiquan verify-events` checks every case's hash chain and names each case whose timeline was
tampered with behind the application's back (raw SQL)."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from weiquan.cases.models import CaseEvent
from weiquan.cases.services import ActionInput, apply_action

TABLE = CaseEvent._meta.db_table


def verify() -> tuple[bool, str]:
    out = StringIO()
    try:
        call_command("verify-events", stdout=out)
    except CommandError as exc:
        return False, out.getvalue() + str(exc)
    return True, out.getvalue()


@pytest.fixture
def cases(make_case, pingcheng):
    """Three cases with timelines of different lengths; the last one's times given in +08:00."""
    first = make_case()
    second = make_case(kind="report")
    local = ZoneInfo("Asia/Shanghai")
    third = make_case(at=datetime(2026, 6, 1, 9, 30, 15, 123456, tzinfo=local))
    for name, hour in (("accept", 10), ("mediate", 11)):
        third = apply_action(pingcheng, third, ActionInput(name), at=datetime(2026, 6, 1, hour, tzinfo=local))
    return first, second, third


def test_a_clean_database_verifies(cases):
    ok, output = verify()
    assert ok, output
    assert "all case timelines verify" in output


def raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_tampered_payload_is_reported_with_the_case_number(cases):
    first, second, third = cases
    event = third.events.get(seq=2)
    raw(f"UPDATE {TABLE} SET payload = %s WHERE id = %s", ['{"org": "140214"}', event.pk])
    ok, output = verify()
    assert not ok
    assert third.number in output and "event 2" in output
    assert first.number not in output and second.number not in output


def test_a_tampered_time_or_action_is_reported(cases):
    first, _second, third = cases
    raw(f"UPDATE {TABLE} SET action = %s WHERE id = %s", ["refuse", first.events.get(seq=1).pk])
    ok, output = verify()
    assert not ok and first.number in output and third.number not in output


@pytest.mark.parametrize("seq", [1, 2, "last"])
def test_a_deleted_event_is_reported_with_the_case_number(cases, seq):
    first, second, third = cases
    event = third.events.order_by("-seq").first() if seq == "last" else third.events.get(seq=seq)
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [event.pk])
    ok, output = verify()
    assert not ok
    assert third.number in output
    assert first.number not in output and second.number not in output


def test_a_case_whose_whole_timeline_was_deleted_is_reported(cases):
    _first, second, _third = cases
    raw(f"DELETE FROM {TABLE} WHERE case_id = %s", [second.pk])
    ok, output = verify()
    assert not ok and second.number in output
