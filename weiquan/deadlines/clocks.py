"""Starting, pausing, resuming, stopping and recomputing clocks. Called by the case services only."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Min, Q

from weiquan.lib.workdays import Due, WorkCalendar

from .calendar import get_calendar
from .models import Clock

OPEN = (Clock.State.RUNNING, Clock.State.PAUSED)


def limit(name: str) -> tuple[str, int]:
    return settings.WEIQUAN_LIMITS[name]


def _pause_spans(clock: Clock) -> list[tuple[date, date]]:
    spans = []
    for begin, end in clock.pauses:
        begin_d, end_d = date.fromisoformat(begin), date.fromisoformat(end)
        if end_d > begin_d:
            spans.append((begin_d, end_d))
    return spans


def compute_due(calendar: WorkCalendar, clock: Clock) -> Due:
    """Due date from start, length, approved extension and closed pauses (Art. 22: the time a pause
    lasted does not count, so its working days — or its days, for a natural-day limit — are added back)."""
    spans = _pause_spans(clock)
    provisional = False
    if clock.unit == "wd":
        lost = 0
        for begin, end in spans:
            lost += calendar.working_days_between(begin, end)
            provisional = provisional or calendar.spans_unknown(begin, end)
        due = calendar.add_working_days(clock.start, clock.length + clock.extra_working_days + lost)
    else:
        lost = sum((end - begin).days for begin, end in spans)
        due = calendar.add_days(clock.start, clock.length + lost)
        if clock.extra_working_days:
            extended = calendar.add_working_days(due.day, clock.extra_working_days)
            due = Due(extended.day, due.provisional or extended.provisional)
    return Due(due.day, provisional or due.provisional)


def refresh(clock: Clock, calendar: WorkCalendar | None = None) -> bool:
    """Recompute `clock.due`/`provisional` in memory; True when either changed."""
    due = compute_due(calendar or get_calendar(), clock)
    changed = (due.day, due.provisional) != (clock.due, clock.provisional)
    clock.due, clock.provisional = due.day, due.provisional
    return changed


def start(case, kind: str, limit_name: str, on: date, org, *, length: tuple[str, int] | None = None) -> Clock:
    """`length` = (unit, n) overrides the named limit (e.g. the 12345 limit given per order)."""
    unit, length = length or limit(limit_name)
    clock = Clock(case=case, kind=kind, unit=unit, length=length, start=on, due=on, org=org)
    refresh(clock)
    _save(case, clock)
    known = known_clocks(case)
    if known is not None:
        known.append(clock)
    return clock


def _save(case, clock: Clock) -> None:
    """Write a started or stopped clock — or give it to the collector of deferred writes the case carries
    (`weiquan.cases.services.deferred`: a batch of actions written together)."""
    deferred = getattr(case, "_deferred_writes", None)
    if deferred is None:
        clock.save()
    else:
        deferred.clock(clock)


def track_new_case(case) -> None:
    """A case created in the current transaction has no clocks but those started on this very object:
    keep them in memory, so that stopping clocks and the next due date need not ask the database
    (registration's hot path). Any other change of clocks forgets the list."""
    case._known_clocks = []


def track_locked_case(case, clocks: list[Clock]) -> None:
    """The same for a case whose row the caller has locked and whose clocks it has just read (batch
    triage routing many web submissions): nobody else changes them before the commit."""
    case._known_clocks = list(clocks)


def known_clocks(case) -> list[Clock] | None:
    """The case's clocks when `track_new_case` holds them all, else None."""
    return getattr(case, "_known_clocks", None)


def forget_known(case) -> None:
    case._known_clocks = None


def _open_clocks(case, kinds: tuple[str, ...] | None = None):
    known = known_clocks(case)
    if known is not None:
        return [c for c in known if c.state in OPEN and (kinds is None or c.kind in kinds)]
    qs = case.clocks.filter(state__in=OPEN)
    return qs.filter(kind__in=kinds) if kinds else qs


def stop(case, kinds: tuple[str, ...], on: date) -> list[Clock]:
    """Stop the open clocks of these kinds: met if stopped on or before the due date."""
    stopped = []
    for clock in _open_clocks(case, kinds):
        if clock.state == Clock.State.PAUSED and clock.paused_on:
            clock.pauses = [*clock.pauses, [clock.paused_on.isoformat(), on.isoformat()]]
            clock.paused_on = None
            refresh(clock)
        clock.stopped_on = on
        clock.state = Clock.State.MET if on <= clock.due else Clock.State.BREACHED
        _save(case, clock)
        stopped.append(clock)
    return stopped


def cancel(case, kinds: tuple[str, ...] | None = None) -> None:
    forget_known(case)
    qs = case.clocks.filter(state__in=OPEN)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    qs.update(state=Clock.State.CANCELLED)


def pause(case, on: date) -> None:
    forget_known(case)
    case.clocks.filter(state=Clock.State.RUNNING).exclude(kind=Clock.Kind.HOTLINE).update(
        state=Clock.State.PAUSED, paused_on=on)


def resume(case, on: date) -> None:
    forget_known(case)
    calendar = get_calendar()
    for clock in case.clocks.filter(state=Clock.State.PAUSED):
        if clock.paused_on is not None:
            clock.pauses = [*clock.pauses, [clock.paused_on.isoformat(), on.isoformat()]]
        clock.paused_on = None
        clock.state = Clock.State.RUNNING
        refresh(clock, calendar)
        clock.save()


def extend(case, kind: str, working_days: int) -> Clock | None:
    forget_known(case)
    clock = case.clocks.filter(kind=kind, state__in=OPEN).first()
    if clock is None:
        return None
    clock.extra_working_days += working_days
    refresh(clock)
    clock.save()
    return clock


def earliest_due(case) -> date | None:
    known = known_clocks(case)
    if known is not None:
        return min((c.due for c in known if c.state == Clock.State.RUNNING), default=None)
    return case.clocks.filter(state=Clock.State.RUNNING).aggregate(d=Min("due"))["d"]


def recompute_open_clocks(batch: int = 1000) -> int:
    """After a calendar change: recompute every open clock, and the cases' next due date. A clock that
    was stopped against a provisional due date is recomputed too, and met or breached afresh: the
    provisional date was only an estimate of the legal one. Returns the number of clocks changed.

    Works in batches, each its own transaction with its clocks locked, so writers are never held up
    for long and an action taken meanwhile is not overwritten."""
    calendar = get_calendar()
    stopped = (Clock.State.MET, Clock.State.BREACHED)
    todo = Clock.objects.filter(Q(state__in=OPEN) | Q(state__in=stopped, provisional=True))
    changed, last_id = 0, 0
    while True:
        with transaction.atomic():
            clocks = list(todo.select_for_update().filter(id__gt=last_id).order_by("id")[:batch])
            if not clocks:
                break
            last_id = clocks[-1].id
            changed += _recompute_batch(calendar, clocks)
    return changed


def _recompute_batch(calendar: WorkCalendar, clocks: list[Clock]) -> int:
    from weiquan.cases.models import Case

    stopped = (Clock.State.MET, Clock.State.BREACHED)
    # clocks that end up alike are written with one UPDATE (far cheaper than bulk_update's CASE)
    groups: dict[tuple, list[int]] = defaultdict(list)
    case_ids = set()
    for clock in clocks:
        before = clock.state
        moved = refresh(clock, calendar)
        if clock.state in stopped and clock.stopped_on:
            clock.state = Clock.State.MET if clock.stopped_on <= clock.due else Clock.State.BREACHED
        if moved or clock.state != before:
            groups[(clock.due, clock.provisional, clock.state)].append(clock.id)
            case_ids.add(clock.case_id)
    for (due, provisional, state), ids in groups.items():
        Clock.objects.filter(id__in=ids).update(due=due, provisional=provisional, state=state)
    refresh_next_due(Case, sorted(case_ids))
    return sum(len(ids) for ids in groups.values())


def refresh_next_due(case_model, case_ids: list[int], chunk: int = 500) -> None:
    """Set each case's next_due to the earliest due date of its running clocks: one grouped read per
    chunk, then one UPDATE per distinct date."""
    for i in range(0, len(case_ids), chunk):
        ids = case_ids[i:i + chunk]
        earliest = dict(Clock.objects.filter(case_id__in=ids, state=Clock.State.RUNNING)
                        .values("case_id").annotate(d=Min("due")).values_list("case_id", "d"))
        by_date: dict[date | None, list[int]] = defaultdict(list)
        for case_id in ids:
            by_date[earliest.get(case_id)].append(case_id)
        for next_due, same in by_date.items():
            case_model.objects.filter(pk__in=same).update(next_due=next_due)
