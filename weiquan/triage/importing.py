"""Triage of an import while it runs: the batches the import commits are triaged in a second process.

Writing imported cases and triaging them cost about the same, and one process can only do one at a time.
When `weiquan import` commits batch after batch (outside any transaction of its caller), triage takes
each committed batch in a helper process while the import writes the next one — on a machine with two
cores, the two halves run side by side instead of one after the other.

The protocol is the intake's (`weiquan.intake.signals.import_started`): the receiver returns a
`ParallelTriage`; each batch's cases are queued in the batch's own transaction (`PendingTriage`, the
queue of deferred triage), so a case committed by the import is never left untriaged — were the import
or the helper killed, the rows stay queued and the task worker's periodic drain, or the next import,
takes them. `finish` waits for the helper and triages whatever it left.

Inside a transaction of the caller (tests, the benchmark's rollback) nothing is committed before the end,
so a second process would see nothing: triage then happens in the batch's transaction, as before.
"""

from __future__ import annotations

import logging
import multiprocessing
import os

from django.db import connection, connections

from . import queue

log = logging.getLogger(__name__)
BATCH = 2000  # cases per helper transaction: a dozen queries each, whatever its size
POLL_SECONDS = 0.05


def _helper(done, parent: int) -> None:
    """The helper process: drain the queue while the import runs, then what is left, then exit."""
    code = 0
    try:
        connections.close_all()  # never share the parent's sockets
        queue.drain(batch=BATCH, poll=POLL_SECONDS, until=lambda: done.is_set() or os.getppid() != parent)
    except Exception:  # noqa: BLE001 - the parent triages what is left
        log.exception("import triage helper failed")
        code = 1
    finally:
        connections.close_all()
        os._exit(code)  # no atexit handlers of the parent's copy of the interpreter


class ParallelTriage:
    """Started by the import before its first batch; `queue` each batch, `finish` after the last."""

    def __init__(self):
        connections.close_all()  # the child must not inherit an open connection
        context = multiprocessing.get_context("fork")
        self.done = context.Event()
        self.process = context.Process(target=_helper, args=(self.done, os.getpid()), daemon=True,
                                       name="weiquan-import-triage")
        self.process.start()

    def queue(self, case_ids: list[int]) -> None:
        """In the batch's transaction: the helper takes these once the batch commits."""
        queue.request_triage(case_ids, wake=False)

    def finish(self) -> int:
        """Triage beside the helper what is still waiting, wait for it, and triage here whatever it left
        (it failed, or was killed). Returns how many cases this process triaged."""
        self.done.set()
        done = queue.drain(batch=BATCH)  # the import is written: both processes triage now
        self.process.join()
        if self.process.exitcode:
            log.warning("import triage helper exited with %s; triaging the rest here", self.process.exitcode)
        return done + queue.drain(batch=BATCH)


def on_import_started(sender, **kwargs) -> ParallelTriage | None:
    if connection.in_atomic_block or connection.vendor != "postgresql":
        return None
    return ParallelTriage()
