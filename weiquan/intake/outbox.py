"""Delivering outbox messages to the 12345 callback URL, with exponential backoff.

A sender is `callable(url, payload) -> None` raising on failure; the default POSTs JSON over HTTP(S).
Without WEIQUAN_12345_CALLBACK_URL nothing is attempted: messages stay pending.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Outbox

BASE_DELAY = 60  # seconds before the first retry; doubled each time
MAX_DELAY = 6 * 3600

Sender = Callable[[str, dict], None]


def http_sender(url: str, payload: dict) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    token = getattr(settings, "WEIQUAN_12345_CALLBACK_TOKEN", None) or os.environ.get("WEIQUAN_12345_CALLBACK_TOKEN")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (configured URL)
        if not 200 <= response.status < 300:
            raise OSError(f"callback answered HTTP {response.status}")


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BASE_DELAY * 2 ** max(attempts - 1, 0), MAX_DELAY))


def callback_url() -> str:
    """settings.WEIQUAN_12345_CALLBACK_URL, else the environment variable of the same name."""
    return getattr(settings, "WEIQUAN_12345_CALLBACK_URL", None) or os.environ.get("WEIQUAN_12345_CALLBACK_URL", "")


def deliver_pending(*, sender: Sender | None = None, now: datetime | None = None, limit: int = 200,
                    url: str | None = None) -> dict:
    """Try every message that is due; returns counts {delivered, failed, pending}."""
    url = callback_url() if url is None else url
    now = now or timezone.now()
    delivered = failed = 0
    if url:
        sender = sender or http_sender
        due = list(Outbox.objects.filter(delivered_at__isnull=True, next_attempt_at__lte=now)
                   .order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit])
        for pk in due:
            with transaction.atomic():
                message = (Outbox.objects.select_for_update(skip_locked=True)
                           .filter(pk=pk, delivered_at__isnull=True).first())
                if message is None:
                    continue
                message.attempts += 1
                try:
                    sender(url, message.payload)
                except Exception as exc:  # any failure: retry later
                    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                    message.next_attempt_at = now + backoff(message.attempts)
                    failed += 1
                else:
                    message.delivered_at = now
                    message.last_error = ""
                    delivered += 1
                message.save()
    pending = Outbox.objects.filter(delivered_at__isnull=True).count()
    return {"delivered": delivered, "failed": failed, "pending": pending}
