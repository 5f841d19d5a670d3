"""Scoped reads: every list, detail and export of cases starts here, with the acting user."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from weiquan.lib import phones, workflow
from weiquan.orgs.selectors import subtree_ids

from .models import Case
from .services.errors import NotVisible


def cases_visible_to(user) -> QuerySet[Case]:
    """Cases handled inside the user's organisation subtree, plus those their organisation registered."""
    qs = Case.objects.all()
    if user is None or not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    if user.organisation_id is None:
        return qs.none()
    return qs.filter(Q(handling_org_id__in=subtree_ids(user.organisation)) | Q(intake_org_id=user.organisation_id))


def is_visible(user, case: Case) -> bool:
    """The same rule as `cases_visible_to`, for a case already in hand (no query beyond the org tree)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if user.organisation_id is None:
        return False
    return case.intake_org_id == user.organisation_id or case.handling_org_id in subtree_ids(user.organisation)


def split_siblings(user, case: Case) -> QuerySet[Case]:
    """The other halves of a split mixed submission, both ways (Art. 9), as far as the user sees them."""
    linked = Q(split_from_id=case.pk)
    if case.split_from_id:
        linked |= Q(pk=case.split_from_id) | Q(split_from_id=case.split_from_id)
    return cases_visible_to(user).filter(linked).exclude(pk=case.pk).order_by("id")


def case_for(user, number: str) -> Case:
    case = cases_visible_to(user).select_related("handling_org", "intake_org", "business_region").filter(
        number=number).first()
    if case is None:
        raise NotVisible()
    return case


def open_work(user) -> QuerySet[Case]:
    """Open cases handled in the user's organisation subtree: what it must act on."""
    qs = Case.objects.exclude(state=workflow.CLOSED)
    if user.is_superuser:
        return qs
    if user.organisation_id is None:
        return qs.none()
    return qs.filter(handling_org_id__in=subtree_ids(user.organisation))


def business_name_prefix(term: str) -> Q:
    """Cases whose business name starts with `term`, or does once its leading division names are dropped
    (大同市平城区龙城汽车… is found by 龙城), in a form both databases answer from their indexes: PostgreSQL
    uses LIKE 'x%' on the pattern-ops indexes, SQLite (byte order) the equivalent ranges."""
    end = term + "\U0010ffff"
    return (Q(business_name__startswith=term, business_name__gte=term, business_name__lt=end)
            | Q(business_short_name__startswith=term, business_short_name__gte=term, business_short_name__lt=end))


def search_match(term: str) -> Q:
    """What a search box finds for `term` (already stripped, not empty): the case number, the complainant's
    phone as people type it (spaces, dashes, +86), or the start of the business name or its trade name —
    each from an index. The workbench, the API and the admin search the same way."""
    match = Q(number=term) | business_name_prefix(term)
    phone = phones.normalise(term)
    if phone.isdigit():
        match |= Q(complainant_phone=phone)
    return match
