"""The lists of "my work": what the user's organisation must act on, sorted by due date.

Every list starts from `selectors.open_work(user)` and adds only indexed filters (handling
organisation, state, next_due), a LIMIT and a keyset cursor (next_due, id) — never OFFSET. Counts
stop at COUNT_CAP so that a province with a million cases still answers at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connections
from django.db.models import F, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weiquan.cases import selectors
from weiquan.deadlines.calendar import get_calendar
from weiquan.lib import workflow

PAGE_SIZE = 20
COUNT_CAP = 1000
ACTIVE_STATES = (workflow.ACCEPTED, workflow.MEDIATING, workflow.PAUSED, workflow.SUSPENDED, workflow.VERIFYING)
DECIDED_STATES = (workflow.SETTLED, workflow.TERMINATED, workflow.NOT_ACCEPTED, workflow.WITHDRAWN,
                  workflow.FILED, workflow.NOT_FILED, workflow.ANSWERED)
LIVE_STATES = tuple(sorted(workflow.OPEN_STATES))


@dataclass(frozen=True)
class WorkList:
    key: str
    title: str
    hint: str


def incoming_states(user) -> tuple[str, ...]:
    """A clerk works what sits at intake (received); a bureau what was routed to it, and what it
    registered itself and has not yet sent on."""
    if getattr(user, "role", "") == "clerk":
        return (workflow.RECEIVED,)
    return (workflow.RECEIVED, workflow.ROUTED)


def lists_for(user) -> list[WorkList]:
    incoming = (_("To route"), _("received at intake, not yet with a bureau")) if getattr(
        user, "role", "") == "clerk" else (_("To accept"), _("routed here, awaiting the decision to accept"))
    return [
        WorkList("incoming", *incoming),
        WorkList("active", _("Mediating / verifying"), _("accepted, mediating, paused, suspended or verifying")),
        WorkList("due_soon", _("Due within 2 working days"), _("a running time limit ends soon")),
        WorkList("overdue", _("Overdue"), _("a running time limit has passed")),
        WorkList("to_close", _("To close"), _("decided, waiting to be closed")),
    ]


def due_soon_limit(today: date) -> date:
    days = getattr(settings, "WEIQUAN_DUE_SOON_WORKING_DAYS", 2)
    return get_calendar().add_working_days(today, days).day


def queryset(user, key: str, today: date | None = None):
    today = today or timezone.localdate()
    qs = selectors.open_work(user)
    if key == "incoming":
        return qs.filter(state__in=incoming_states(user))
    if key == "active":
        return qs.filter(state__in=ACTIVE_STATES)
    if key == "due_soon":
        return qs.filter(state__in=LIVE_STATES, next_due__gte=today, next_due__lte=due_soon_limit(today))
    if key == "overdue":
        return qs.filter(state__in=LIVE_STATES, next_due__lt=today)
    if key == "to_close":
        return qs.filter(state__in=DECIDED_STATES)
    raise KeyError(key)


def capped_count(qs) -> tuple[int, bool]:
    """(count, capped): counts at most COUNT_CAP rows."""
    n = qs.order_by().values("id")[: COUNT_CAP + 1].count()
    return min(n, COUNT_CAP), n > COUNT_CAP


def capped_counts(querysets: dict[str, object]) -> dict[str, tuple[int, bool]]:
    """Several capped counts in one round trip: SELECT (SELECT COUNT(*) FROM (… LIMIT cap+1)), …"""
    parts, params = [], []
    for qs in querysets.values():
        inner = qs.order_by().values("id")[: COUNT_CAP + 1]
        sql, p = inner.query.get_compiler(using=inner.db).as_sql()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped)")
        params.extend(p)
    if not parts:
        return {}
    with connections[next(iter(querysets.values())).db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        values = cursor.fetchone()
    return {key: (min(n, COUNT_CAP), n > COUNT_CAP) for key, n in zip(querysets, values, strict=True)}


def encode_cursor(case) -> str:
    return f"{case.next_due.isoformat() if case.next_due else '-'}.{case.id}"


def decode_cursor(value: str | None) -> tuple[date | None, int] | None:
    if not value or "." not in value:
        return None
    due_s, _sep, id_s = value.partition(".")
    try:
        return (None if due_s == "-" else date.fromisoformat(due_s)), int(id_s)
    except ValueError:
        return None


def page(qs, cursor: str | None, size: int | None = None, *, with_orgs: bool = True) -> tuple[list, str | None]:
    """Rows sorted by (next_due, id), nulls last, after `cursor`; and the cursor of the next page.
    Without `with_orgs` the caller fetches the handling organisations itself (see `attach_orgs`)."""
    size = size or PAGE_SIZE
    after = decode_cursor(cursor)
    if after is not None:
        due, last_id = after
        if due is None:
            qs = qs.filter(next_due__isnull=True, id__gt=last_id)
        else:
            qs = qs.filter(Q(next_due__gt=due) | Q(next_due=due, id__gt=last_id) | Q(next_due__isnull=True))
    rows = list(qs.order_by(F("next_due").asc(nulls_last=True), "id")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if with_orgs:
        attach_orgs(rows)
    return rows, (encode_cursor(rows[-1]) if more and rows else None)


def attach_orgs(rows: list) -> None:
    """The handling organisations of all rows in one small query (a join here misleads PostgreSQL's
    planner into a nested loop over the organisation table)."""
    prefetch_related_objects(rows, "handling_org")
