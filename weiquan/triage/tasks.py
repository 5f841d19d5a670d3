"""Task-queue entry points of triage (huey): the drain woken after registrations, and a periodic one."""

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task, lock_task


@db_task()
@lock_task("weiquan-triage-drain")
def drain_triage():
    from .queue import IDLE_SECONDS, drain

    return drain(idle_seconds=0 if HUEY.immediate else IDLE_SECONDS)  # run inline (tests): no waiting


@db_periodic_task(crontab(minute="*"))
@lock_task("weiquan-triage-drain")
def drain_triage_periodically():
    from .queue import drain

    return drain()
