"""Splitting a mixed submission into a complaint and a report that point at each other (Art. 9).

`apply_action(actor, case, ActionInput("split"))` checks that the case is a complaint or a report still
at intake and not split before, then calls `create_sibling` inside its transaction and records a
`split` event on the original naming the new case. The new case starts with a `register` event naming
the original; its `split_from` points at the original, whose `split_cases` list it.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from weiquan.lib import workflow

from ..models import Case
from ..models.numbering import next_number
from .events import append_event
from .registration import new_query_code

COPIED = ("channel", "received_at", "received_on", "rule_version", "complainant_name", "complainant_phone",
          "complainant_address", "complainant_id_number", "agent_name", "business_id", "business_name",
          "business_short_name", "business_uscc", "business_address", "business_region_id", "category", "problem",
          "request", "description", "intake_org_id", "handling_org_id", "amount")


def create_sibling(actor, case: Case, *, note: str = "", at=None) -> Case:
    """The other half of a mixed submission, registered at the same intake unit with its own number.

    A report half keeps the original's confidentiality; a complaint half never is confidential
    (a complainant acts under their real identity, Art. 10; Art. 37 lets the details needed for
    mediation be shared)."""
    now = at or timezone.now()
    other_kind = workflow.REPORT if case.kind == workflow.COMPLAINT else workflow.COMPLAINT
    sibling = Case(kind=other_kind, state=workflow.RECEIVED, split_from=case, query_code=new_query_code(),
                   number=next_number(settings.WEIQUAN_PROVINCE_CODE,
                                      timezone.localdate(now, timezone.get_default_timezone())),
                   confidential=case.confidential and other_kind == workflow.REPORT,
                   created_by=actor if actor and actor.pk else None,
                   **{name: getattr(case, name) for name in COPIED})
    sibling.save()
    append_event(sibling, actor, "register", "", workflow.RECEIVED,
                 {"split_from": case.number, "note": note}, at=now)
    sibling.save(update_fields=["event_count", "last_event_hash"])
    return sibling
