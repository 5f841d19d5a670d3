"""Seeded cases carry timelines that `weiquan verify-events` accepts, and a tampered one is caught."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from weiquan.cases.models import Case, CaseEvent
from weiquan.demo.seed import seed_cases

ANCHOR = date(2026, 11, 20)


@pytest.mark.django_db
def test_verify_events_passes_on_seeded_data():
    result = seed_cases(150, seed=7, anchor=ANCHOR)
    assert result.cases == 150 and result.events >= 150
    out = StringIO()
    call_command("verify-events", stdout=out)
    assert "all case timelines verify" in out.getvalue()
    case = Case.objects.order_by("?").first()
    events = list(case.events.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, case.event_count + 1))
    assert events[-1].hash == case.last_event_hash
    assert events[0].action == "register" and events[-1].to_state == case.state


@pytest.mark.django_db
def test_a_tampered_seeded_event_is_reported():
    seed_cases(40, seed=8, anchor=ANCHOR)
    event = CaseEvent.objects.filter(seq=2).first()
    with connection.cursor() as cursor:  # only raw SQL can touch a stored event
        cursor.execute(f"UPDATE {CaseEvent._meta.db_table} SET to_state = %s WHERE id = %s",
                       ["settled" if event.to_state != "settled" else "closed", event.pk])
    with pytest.raises(CommandError):
        call_command("verify-events", stdout=StringIO())
