"""Task-queue entry points of triage (huey): the drain woken after registrations, and a periodic one."""

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task, lock_task

DRAIN_LOCK = "weiquan-triage-drain"  # one drain at a time; `weiquan run_huey --flush-locks` clears a stale one


@db_task(expires=60)  # wake-ups piled up while no worker ran are dropped: the periodic drain takes their cases
@lock_task(DRAIN_LOCK)
def drain_triage():
    from .queue import IDLE_SECONDS, drain

    if HUEY.immediate:  # run inline (tests): no waiting for more
        return drain()
    return drain(idle_seconds=IDLE_SECONDS, only_if_waiting=True)


@db_periodic_task(crontab(minute="*"))
@lock_task(DRAIN_LOCK)
def drain_triage_periodically():
    from .queue import drain

    return drain()
