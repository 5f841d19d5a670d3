"""Writes of many actions made together: what the actions on a batch of cases append and change, written
with one statement per table instead of several per case.

Triage routes the web submissions of a batch (dozens at a time) with the ordinary services — `set_fields`
fills a category, `apply_action` routes — and each of them appends an event, starts a clock and saves the
case: six statements and a savepoint per case. Inside `DeferredWrites` the same services run unchanged in
what they check and compute, but their events, new or changed clocks and changed case fields wait for
`flush`, which writes them with one insert per table and one run of updates for the changed fields of all
cases, then sends the `case_transitioned` signals the actions would have sent.

The caller holds every tracked case row locked, with its clocks known (`clocks.track_locked_case`), in
its own transaction. An exception while collecting leaves nothing written: the caller's transaction is
rolled back, as it would be without deferral. Only actions whose effects go through `append_event`,
`clocks.start` and `clocks.stop` can be deferred (`DEFERRABLE`); the others change rows by query.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection

from weiquan.bulkrows import RowWriter, update_rows
from weiquan.deadlines.models import Clock

from ..models import Case, CaseEvent

DEFERRABLE = frozenset({"route"})
_CASE_FIELDS = tuple(f.attname for f in Case._meta.concrete_fields if not f.primary_key)
_CLOCK_FIELDS = ("state", "stopped_on", "paused_on", "pauses", "due", "provisional")


def deferred_writes(case) -> DeferredWrites | None:
    """The collector a case's writes go to, or None when they are made at once."""
    return getattr(case, "_deferred_writes", None)


class DeferredWrites:
    def __init__(self):
        self._cases: dict[int, tuple[Case, tuple]] = {}  # pk → (case, its field values when tracked)
        self._new: list[Case] = []  # tracked before their insert
        self._events: list[CaseEvent] = []
        self._new_clocks: dict[int, Clock] = {}  # by id(): a clock started, then stopped, is written once
        self._changed_clocks: dict[int, Clock] = {}
        self._after: list[Callable[[], None]] = []

    def track(self, case: Case) -> None:
        """From now on the writes of this case wait for `flush`: a row the caller holds locked, or a case
        not yet inserted (registration), which the caller inserts, as the actions left it, before `flush`."""
        case._deferred_writes = self
        if case.pk is None:
            self._new.append(case)
        else:
            self._cases[case.pk] = (case, _values(case))

    def event(self, event: CaseEvent) -> None:
        self._events.append(event)

    def clock(self, clock: Clock) -> None:
        """A clock started (no id yet) or changed."""
        if clock.pk is None:
            self._new_clocks[id(clock)] = clock
        else:
            self._changed_clocks[clock.pk] = clock

    def after_flush(self, send: Callable[[], None]) -> None:
        self._after.append(send)

    def flush(self) -> None:
        """Write everything collected; the cases' writes are then made at once again."""
        if any(case.pk is None for case in self._new):
            raise ValueError("insert the new case before writing what was deferred for it")
        events = RowWriter(CaseEvent)
        for event in self._events:
            event.case_id = event.case.pk  # a case inserted since the event was sealed: its id is known now
            events.add_object(event)
        with connection.cursor() as cursor:
            events.flush(cursor)
        new_clocks = list(self._new_clocks.values())
        for clock in new_clocks:
            clock.case_id = clock.case.pk
        Clock.objects.bulk_create(new_clocks)  # with their ids: the cases' known clocks stay true
        update_rows(Clock, list(self._changed_clocks.values()), list(_CLOCK_FIELDS))
        changed_cases, changed_fields = [], set()
        for case in self._new:
            del case._deferred_writes
        for case, before in self._cases.values():
            del case._deferred_writes
            changed = {name for name, old, new in zip(_CASE_FIELDS, before, _values(case), strict=True) if old != new}
            if changed:
                changed_cases.append(case)
                changed_fields |= changed
        # one statement for all: a field changed in one case is written, unchanged, in the others too
        update_rows(Case, changed_cases, [a for a in _CASE_FIELDS if a in changed_fields])
        after = self._after
        self._cases, self._new, self._events, self._new_clocks, self._changed_clocks = {}, [], [], {}, {}
        self._after = []
        for send in after:
            send()


def _values(case: Case) -> tuple:
    return tuple(getattr(case, name) for name in _CASE_FIELDS)

