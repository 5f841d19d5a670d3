"""The result of a closed 12345 case goes back through the outbox, with retries (a fake sender, no network)."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from test_12345_orders import order, post

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, apply_action
from weiquan.intake.models import Outbox
from weiquan.intake.outbox import deliver_pending


@pytest.fixture
def closed_case(db, api_as, clerk, pingcheng):
    from weiquan.orgs.models import User

    body = post(api_as(User.objects.get(username="hotline12345")), order("GD-OUT-1")).json()
    case = Case.objects.get(number=body["case"]["number"])
    apply_action(clerk, case, ActionInput(action="route", org="140213"))
    for action in ("accept", "mediate"):
        case = apply_action(pingcheng, case, ActionInput(action=action))
    case = apply_action(pingcheng, case, ActionInput(action="settle", amount_recovered="6800"))
    assert not Outbox.objects.exists()  # only the close sends the result
    return apply_action(pingcheng, case, ActionInput(action="close"))


def test_closing_writes_the_result_to_the_outbox(closed_case):
    message = Outbox.objects.get()
    assert message.case == closed_case and message.delivered_at is None
    assert message.payload["external_id"] == "GD-OUT-1"
    assert message.payload["state"] == "closed" and message.payload["amount_recovered"] == "6800.00"


def test_without_callback_url_messages_stay_pending(closed_case, settings):
    settings.WEIQUAN_12345_CALLBACK_URL = ""
    sent = []
    assert deliver_pending(sender=lambda url, p: sent.append(p))["pending"] == 1
    assert sent == [] and Outbox.objects.get().attempts == 0


def test_failed_delivery_is_retried_with_growing_delays(closed_case, settings):
    settings.WEIQUAN_12345_CALLBACK_URL = "https://hotline.example/callback"
    calls = []

    def flaky(url, payload):
        calls.append((url, payload))
        if len(calls) < 3:
            raise OSError("connection refused")

    now = timezone.now()
    assert deliver_pending(sender=flaky, now=now) == {"delivered": 0, "failed": 1, "pending": 1}
    first = Outbox.objects.get()
    assert first.attempts == 1 and "connection refused" in first.last_error
    assert deliver_pending(sender=flaky, now=now)["failed"] == 0  # not due yet: nothing tried
    later = first.next_attempt_at
    deliver_pending(sender=flaky, now=later)
    second = Outbox.objects.get()
    assert second.attempts == 2
    assert second.next_attempt_at - later > first.next_attempt_at - now  # the delay doubles
    assert deliver_pending(sender=flaky, now=second.next_attempt_at + timedelta(seconds=1))["delivered"] == 1
    done = Outbox.objects.get()
    assert done.delivered_at and done.attempts == 3 and done.last_error == ""
    assert calls[-1][0] == "https://hotline.example/callback"
    assert json.dumps(calls[-1][1], ensure_ascii=False).count("GD-OUT-1") == 1
    assert deliver_pending(sender=flaky, now=timezone.now() + timedelta(days=1))["delivered"] == 0


def test_outbox_deliver_command_reports_counts(closed_case, settings, capsys):
    settings.WEIQUAN_12345_CALLBACK_URL = ""
    with translation.override("en"):
        call_command("outbox-deliver")
    captured = capsys.readouterr()
    assert "pending 1" in captured.out and "WEIQUAN_12345_CALLBACK_URL" in captured.err
