"""Repeated reports (Art. 35): a later report closed into an earlier open one about the same facts.

`apply_action(actor, later, ActionInput("merge_into" | "close_as_repeat", into=<number>))` checks the later
report's state (see `weiquan.lib.workflow`), then calls `close_into` inside its transaction:

- the earlier report must be another report, still open before its decision (ROUTED or VERIFYING), and one
  the actor may act on — a report of another bureau is refused like a missing one, naming nothing;
- the later report's clocks are void (it is not handled on its own) and it points at the earlier one;
- `merge_into` (new facts): the earlier report's verification period restarts from the day the bureau
  received the later one (its routing, or its registration at the bureau) — a new clock of the full
  length replaces the running one; a restart never moves the start back;
- `close_as_repeat` (the same facts again): the earlier report goes on unchanged;
- the earlier report records the later one in its timeline: a `merged_in` event (new facts) or a
  `repeat_in` event (the same facts again).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from weiquan.deadlines import clocks
from weiquan.deadlines.models import Clock
from weiquan.lib import workflow

from ..models import Case
from . import rules
from .errors import InvalidInput
from .events import append_event

MERGEABLE = (workflow.ROUTED, workflow.VERIFYING)  # states of the earlier report


def earlier_report_candidates(actor, later: Case, numbers: list[str]) -> list[str]:
    """Of the case numbers given (the possible duplicates triage found), those `later` could be closed into,
    as the case page offers them: open reports the actor may act on, newest first."""
    from ..selectors import cases_visible_to

    if later.kind != workflow.REPORT or not numbers:
        return []
    reports = cases_visible_to(actor).filter(number__in=numbers, kind=workflow.REPORT, state__in=MERGEABLE)
    return [c.number for c in reports.select_related("handling_org").order_by("-received_at")
            if rules.can_act_on(actor, c) and c.pk != later.pk]


def _earlier_report(actor, later: Case, number: str | None) -> Case:
    number = (number or "").strip()[:20]
    if not number:
        raise InvalidInput({"into": _("Give the number of the earlier report.")})
    earlier = (Case.objects.select_for_update(of=("self",)).select_related("handling_org", "intake_org")
               .filter(number=number).first())
    if earlier is None or (actor is not None and not rules.can_act_on(actor, earlier)):
        raise InvalidInput({"into": _("No report with this number is handled by your organisation.")})
    if earlier.pk == later.pk:
        raise InvalidInput({"into": _("A report cannot be merged into itself.")})
    if earlier.kind != workflow.REPORT:
        raise InvalidInput({"into": _("Case %(number)s is not a report.") % {"number": earlier.number}})
    if earlier.state not in MERGEABLE:
        raise InvalidInput({"into": _("Report %(number)s is no longer open for verification.") % {
            "number": earlier.number}})
    return earlier


def _received_by_bureau(later: Case) -> date:
    """When the bureau got the later report: the start of its own verification period when it was routed,
    else the day it was received (registered at the bureau's own window)."""
    clock = later.clocks.filter(kind=Clock.Kind.VERIFICATION).order_by("-id").first()
    return clock.start if clock else later.received_on


def close_into(actor, later: Case, into: str | None, *, restart: bool, today: date, at, note: str,
               payload: dict) -> Case:
    """Close `later` into the earlier report numbered `into`; returns the earlier report (saved)."""
    if restart and not note:
        raise InvalidInput({"note": _("Say which new facts the later report brings.")})
    earlier = _earlier_report(actor, later, into)
    received = _received_by_bureau(later)
    clocks.cancel(later)
    later.duplicate_of = earlier
    later.outcome = "merged" if restart else "repeat"
    later.outcome_note = note or _("Closed into report %(number)s (Art. 35).") % {"number": earlier.number}
    payload["into"] = earlier.number
    before = earlier.state
    merged = {"from": later.number, "note": note}
    if restart:
        running = earlier.clocks.filter(kind=Clock.Kind.VERIFICATION, state__in=clocks.OPEN).order_by("-id").first()
        start = max(received, running.start) if running else received
        clocks.cancel(earlier, (Clock.Kind.VERIFICATION,))
        clock = clocks.start(earlier, Clock.Kind.VERIFICATION, "verification", start, earlier.handling_org)
        merged["due"] = clock.due.isoformat()
    append_event(earlier, actor, "merged_in" if restart else "repeat_in", before, earlier.state, merged, at=at)
    earlier.next_due = clocks.earliest_due(earlier)
    earlier.save()
    return earlier
