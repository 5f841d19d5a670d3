"""Periodic delivery of the outbox through the task queue (huey)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*"))
def deliver_outbox():
    from .outbox import deliver_pending

    return deliver_pending()
