"""Splitting a mixed submission into a complaint and a report that point at each other (Art. 9)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from weiquan.lib import workflow

from ..models import Case
from ..models.numbering import next_number
from .errors import WorkflowError
from .events import append_event
from .registration import new_query_code

COPIED = ("channel", "received_at", "received_on", "rule_version", "complainant_name", "complainant_phone",
          "complainant_address", "complainant_id_number", "agent_name", "business_id", "business_name",
          "business_uscc", "business_address", "business_region_id", "category", "problem", "description",
          "intake_org_id", "handling_org_id", "amount")


def split_case(actor, case: Case, *, note: str = "", at=None) -> Case:
    """Runs inside apply_action's transaction with the case row held. Returns the original case."""
    if case.kind not in (workflow.COMPLAINT, workflow.REPORT) or case.state != workflow.RECEIVED:
        raise WorkflowError(_("Only a complaint or report still at intake can be split."))
    if case.split_cases.exists() or case.split_from_id:
        raise WorkflowError(_("This submission has already been split."))
    now = at or timezone.now()
    other_kind = workflow.REPORT if case.kind == workflow.COMPLAINT else workflow.COMPLAINT
    sibling = Case(kind=other_kind, state=workflow.RECEIVED, split_from=case, query_code=new_query_code(),
                   number=next_number(settings.WEIQUAN_PROVINCE_CODE, timezone.localdate(now)),
                   created_by=actor if actor and actor.pk else None,
                   **{name: getattr(case, name) for name in COPIED})
    sibling.save()
    append_event(sibling, actor, "register", "", workflow.RECEIVED,
                 {"split_from": case.number, "note": note}, at=now)
    sibling.save(update_fields=["event_count", "last_event_hash"])
    append_event(case, actor, "split", case.state, case.state, {"split_into": sibling.number, "note": note}, at=now)
    case.save()
    return case
