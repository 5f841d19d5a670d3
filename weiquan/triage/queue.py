"""Triage after the commit: registration answers at once, a worker computes the suggestions a moment later.

Triage (classification, routing, duplicate, group and claimant checks) costs more than the registration
itself. With `WEIQUAN_TRIAGE_DEFER` on (the default outside tests) `register_case` only writes a
`PendingTriage` row in its own transaction — so a case whose registration commits is never left
untriaged, even if the process dies a moment later — and, once committed, wakes the task queue.

The worker (`weiquan run_huey`, task `drain_triage`) takes the waiting cases oldest first, a batch at a
time, triages them together (`batch`: what triage of each alone would find; web submissions whose address
gives one bureau are routed then) and deletes their rows in the same transaction. One drain runs at a
time (a huey lock); it keeps watching for `IDLE_SECONDS` after the queue runs empty, so a wake-up skipped
because a drain was running, or because this process woke one less than `WAKE_EVERY` seconds ago, loses
nothing. Wake-ups that found no worker expire after a minute; the periodic drain (every minute) is the
safety net. `weiquan triage-pending` shows the queue and `--drain` empties it by hand.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from weiquan.cases.models import Case
from weiquan.lookups import any_of_source

from .models import PendingTriage

log = logging.getLogger(__name__)
BATCH = 200
GATHER_SECONDS = 0.2  # after a short batch, let more cases arrive: a batch costs a dozen queries however small
WAKE_EVERY = 0.5  # seconds: one wake-up per process per interval is enough, a drain takes the rest
IDLE_SECONDS = 2.0
_last_wake = 0.0


def deferred() -> bool:
    return bool(getattr(settings, "WEIQUAN_TRIAGE_DEFER", False))


def request_triage(case_ids: list[int], *, wake: bool = True) -> None:
    """Queue cases for triage inside the caller's transaction; wake the worker after the commit (unless
    the caller drains the queue itself, as an import does)."""
    _enqueue(case_ids)
    if wake:
        transaction.on_commit(_wake)


def _enqueue(case_ids: list[int]) -> None:
    """One statement however many cases (an import queues a thousand at a time), the list bound as one
    parameter; a case already waiting stays as it is."""
    if not case_ids:
        return
    q = connection.ops.quote_name
    source = any_of_source(case_ids, "bigint", connection)
    conflict = "ON CONFLICT DO NOTHING" if connection.vendor == "postgresql" else ""
    ignore = "OR IGNORE " if connection.vendor == "sqlite" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT {ignore}INTO {q(PendingTriage._meta.db_table)} ({q('case_id')}, {q('queued_at')}) "
                       f"SELECT value, %s FROM {source[0]} {conflict}",
                       [connection.ops.adapt_datetimefield_value(timezone.now()), *source[1]])


def _wake() -> None:
    global _last_wake
    now = time.monotonic()
    if now - _last_wake < WAKE_EVERY:
        return
    _last_wake = now
    try:
        from huey.contrib.djhuey import HUEY

        from .tasks import DRAIN_LOCK, drain_triage

        if HUEY.is_locked(DRAIN_LOCK):
            return  # a drain is running and keeps looking for IDLE_SECONDS: it takes this case too
        drain_triage()
    except Exception:  # noqa: BLE001 - a queue that cannot be reached delays triage; the periodic drain catches up
        log.exception("could not wake the triage worker")


def _take(limit: int) -> list[int]:
    qs = PendingTriage.objects.order_by("queued_at", "case_id")
    if connection.features.has_select_for_update_skip_locked:
        qs = qs.select_for_update(skip_locked=True)  # two workers never triage the same case
    return list(qs.values_list("case_id", flat=True)[:limit])


def drain_once(limit: int = BATCH) -> int:
    """Triage up to `limit` waiting cases in one transaction (one batch, see `batch`); returns how many
    were taken. Should the batch fail, each case is tried alone, so one bad case holds up no other."""
    from .batch import case_rows, triage_cases
    from .compute import triage_quietly

    with transaction.atomic():
        ids = _take(limit)
        if not ids:
            return 0
        cases = case_rows(Case.objects.filter(pk__any_of=set(ids)))
        try:
            with transaction.atomic():
                triage_cases(cases, act=True, exclusive=True)
        except Exception:  # noqa: BLE001 - suggestions must never hold up the queue
            log.exception("batch triage of %d cases failed; triaging them one by one", len(cases))
            for case in cases:
                triage_quietly(case)
        PendingTriage.objects.filter(case_id__any_of=set(ids)).delete()
    return len(ids)


def drain(*, idle_seconds: float = 0.0, poll: float = GATHER_SECONDS, until=None,
          only_if_waiting: bool = False, batch: int = BATCH) -> int:
    """Drain the queue; with `idle_seconds`, keep looking that long after it runs empty (or, with `until`,
    until it returns True and the queue is empty). While cases keep arriving a short batch is followed
    by a pause of `poll` seconds, so that the next batch is bigger: suggestions come at most that much
    later, and a busy intake costs the worker far fewer queries per case. `only_if_waiting`: return at
    once when the queue is empty at the start. `batch`: cases per transaction."""
    done, idle_since = 0, None
    while True:
        taken = drain_once(batch)
        done += taken
        if only_if_waiting and not done:
            return 0  # a late wake-up: the drain that took its case is still looking
        if taken >= batch:
            continue
        if taken:
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        if not taken and (until() if until is not None else time.monotonic() - idle_since >= idle_seconds):
            return done
        if idle_seconds or until is not None:  # a worker that stays: wait for more (a manual drain ends now)
            time.sleep(poll)


def stalled(older_than_seconds: int = 120, cap: int = 1000) -> int:
    """Cases waiting for triage longer than a worker would leave them (counted up to `cap`): a sign that
    the task worker is not running."""
    if not deferred():
        return 0
    since = timezone.now() - timedelta(seconds=older_than_seconds)
    return len(PendingTriage.objects.filter(queued_at__lt=since).values_list("pk", flat=True)[:cap])


def waiting(case: Case) -> bool:
    return PendingTriage.objects.filter(case_id=case.pk).exists()
