"""Turning a case into what a given user may see: masking personal data they do not need."""

from __future__ import annotations

from django.utils import timezone

from weiquan.deadlines.calendar import get_calendar
from weiquan.lib import masking


def org_dict(org) -> dict:
    return {"code": org.code, "name": org.name, "kind": org.kind, "region_code": org.region_id or ""}


def party(case, user) -> dict:
    """The complainant/reporter: in full for staff who handle the case, masked otherwise.
    A confidential reporter is masked for everyone but the intake unit and the handler."""
    full = bool(user and getattr(user, "sees_personal_data", False))
    if case.confidential and user is not None and not user.is_superuser:
        org = getattr(user, "organisation", None)
        full = full and org is not None and (org.pk in (case.intake_org_id, case.handling_org_id))
    if full:
        return {"name": case.complainant_name, "phone": case.complainant_phone,
                "address": case.complainant_address}
    return {"name": masking.mask_name(case.complainant_name), "phone": masking.mask_phone(case.complainant_phone),
            "address": masking.mask_address(case.complainant_address)}


def clock_dicts(case, today=None) -> list[dict]:
    calendar = get_calendar()
    today = today or timezone.localdate()
    out = []
    from weiquan.deadlines.clocks import known_clocks

    known = known_clocks(case)
    for clock in known if known is not None else case.clocks.all():
        left = calendar.working_days_between(today, clock.due) if clock.state == "running" else None
        out.append({"kind": clock.kind, "start": clock.start, "due": clock.due, "state": clock.state,
                    "provisional": clock.provisional, "working_days_left": left,
                    "unit": clock.unit, "length": clock.length + clock.extra_working_days,
                    "stopped_on": clock.stopped_on, "org": clock.org_id})
    return out


def case_dict(case, user) -> dict:
    return {
        "number": case.number, "kind": case.kind, "channel": case.channel, "received_at": case.received_at,
        "rule_version": case.rule_version, "state": case.state,
        "complainant": party(case, user),
        "business": {"name": case.business_name, "uscc": case.business_uscc, "address": case.business_address,
                     "region_code": case.business_region_id or "", "platform_name": case.platform_name,
                     "platform_address": case.platform_address},
        "description": case.description, "request": case.request, "amount": case.amount,
        "category": case.category, "problem": case.problem,
        "handling_org": org_dict(case.handling_org), "intake_org": org_dict(case.intake_org),
        "clocks": clock_dicts(case), "outcome": case.outcome, "amount_recovered": case.amount_recovered,
        "enforcement_ref": case.enforcement_ref,
        "split_from": case.split_from.number if case.split_from_id else None,
        "split_into": split_into(user, case),
        "merged_into": case.duplicate_of.number if case.duplicate_of_id else None,
        "police_referral": case.police_referral,
        "allowed_actions": allowed_actions_for(user, case),
    }


def split_into(user, case) -> list[str]:
    """The other halves split off this submission (Art. 9) that the user can see."""
    from weiquan.cases.selectors import split_siblings

    if getattr(case, "_never_split", False):  # registration knows: not a mixed submission, not split
        return []
    return [c.number for c in split_siblings(user, case) if c.split_from_id == case.pk]


def allowed_actions_for(user, case) -> list[str]:
    """What the user may try now: scope, role, state and the case's history (see services.rules)."""
    from weiquan.cases.services.actions import available_actions

    if user is None:
        return []
    return available_actions(user, case)
