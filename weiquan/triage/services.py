"""Changing a case from its triage: a clerk confirms or corrects a suggestion; the system fills what a
web submission left empty. Each change of a case appends an event to its timeline."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from weiquan.cases.models import Case
from weiquan.cases.services.deferred import deferred_writes
from weiquan.cases.services.errors import InvalidInput, NotVisible
from weiquan.cases.services.events import append_event
from weiquan.lib import taxonomy, workflow

from .models import Feedback, Triage

EDITABLE = ("category", "problem", "request")


def may_triage(user, case: Case) -> bool:
    """Staff who see the case and may act in the workflow at all (analysts only read)."""
    from weiquan.cases.selectors import is_visible
    from weiquan.cases.services.rules import permitted_actions

    return bool(user is not None and user.is_authenticated and is_visible(user, case)
                and permitted_actions(user))


def set_fields(case: Case, actor, values: dict[str, str], *, reason: str) -> Case:
    """Set classification fields of a case with one `classify` event; nothing when nothing changes.
    The caller holds the case row inside a transaction."""
    changes = {f: v for f, v in values.items() if f in EDITABLE and getattr(case, f) != v}
    if not changes:
        return case
    payload = {"reason": reason, **{f: v for f, v in changes.items()},
               "before": {f: getattr(case, f) for f in changes}}
    for f, v in changes.items():
        setattr(case, f, v)
    append_event(case, actor, "classify", case.state, case.state, payload)
    if deferred_writes(case) is None:  # deferred: written with the batch's other changes
        case.save(update_fields=[*changes, "event_count", "last_event_hash"])
    return case


@transaction.atomic
def confirm_triage(user, case: Case, field: str, value: str) -> Case:
    """The clerk's decision on one suggestion: `value` is a taxonomy code or label. Sets the case field
    (stored as the Chinese label, as staff type it) and records whether the suggestion was confirmed or
    corrected — the training data of `weiquan classifier train`."""
    if field not in EDITABLE:
        raise InvalidInput({"field": _("Only the category, problem type and request can be set here.")})
    entry = taxonomy.lookup(field, value)
    if entry is None:
        raise InvalidInput({field: _("Choose a value from the list.")})
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not may_triage(user, case):
        raise NotVisible()
    if case.state == workflow.CLOSED:
        raise InvalidInput({field: _("A closed case can no longer be reclassified.")})
    triage = Triage.objects.filter(case=case).first()
    suggested = getattr(triage, field, "") if triage else ""
    confirmed = bool(suggested) and suggested == entry.code
    case = set_fields(case, user, {field: entry.zh}, reason="confirmed" if confirmed else "corrected")
    Feedback.objects.create(case=case, field=field, suggested=suggested, value=entry.code, confirmed=confirmed,
                            user=user if user and user.pk else None)
    return case
