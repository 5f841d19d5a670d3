"""Checks of intake data that hold whatever the door (form, API, import): Art. 10 fields, USCC, phone."""

from __future__ import annotations

import functools
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from weiquan.lib import phones, uscc, workflow

MAX_DESCRIPTION = 20_000
MAX_SHORT = 300


def clean_text(value: str | None, limit: int = MAX_SHORT) -> str:
    """Drop NUL bytes and lone surrogates (PostgreSQL refuses both) and surrounding space."""
    if value is None:
        return ""
    value = str(value).replace("\x00", "")
    value = value.encode("utf-8", "replace").decode("utf-8")
    return value.strip()[: limit * 4]


@functools.cache
def _field_length(name: str) -> int:
    from ..models import Case

    return min(MAX_SHORT, Case._meta.get_field(name).max_length or MAX_SHORT)


def check_intake(data) -> dict[str, str]:
    """Field errors of an IntakeData, in the user's language."""
    errors: dict[str, str] = {}
    required = ["description"]
    if data.kind == workflow.COMPLAINT:
        # Art. 10: complainant's name, phone and address; respondent's name and address; request and facts
        required += ["complainant_name", "complainant_phone", "complainant_address", "business_name",
                     "business_address", "request"]
    elif data.kind == workflow.REPORT:
        required += ["business_name"]
        if not data.confidential:
            required += ["complainant_phone"]
    elif data.kind == workflow.CONSULTATION:
        pass
    else:
        errors["kind"] = _("Choose complaint, report or consultation.")
    if "business_address" in required and getattr(data, "platform_name", "") and getattr(data, "platform_address", ""):
        required.remove("business_address")  # a seller on a platform: the platform and its domicile identify it
    for name in required:
        if not getattr(data, name):
            errors[name] = _("This field is required for this kind of case.")
    if data.kind == workflow.COMPLAINT and data.confidential:
        errors["confidential"] = _("A complainant acts under their real identity; only reporters may stay confidential.")
    if len(data.description) > MAX_DESCRIPTION:
        errors["description"] = _("The description is too long (at most %(n)d characters).") % {"n": MAX_DESCRIPTION}
    for name in ("complainant_name", "complainant_address", "business_name", "business_address", "request",
                 "category", "problem", "agent_name", "platform_name", "platform_address"):
        # the column's own length: PostgreSQL refuses longer values (SQLite would silently keep them)
        limit = _field_length(name)
        if len(getattr(data, name) or "") > limit:
            errors[name] = _("Too long (at most %(n)d characters).") % {"n": limit}
    if data.complainant_phone and not phones.is_valid(data.complainant_phone):
        errors["complainant_phone"] = _("Not a valid phone number: a mobile number of 11 digits or a landline with area code.")
    if data.business_uscc:
        reason = uscc.problem(data.business_uscc)
        if reason:
            errors["business_uscc"] = _("Not a valid unified social credit code: %(reason)s.") % {"reason": reason}
    if data.complainant_id_number and len(data.complainant_id_number) not in (15, 18):
        errors["complainant_id_number"] = _("An ID number has 15 or 18 characters.")
    if data.amount is not None:
        try:
            amount = Decimal(str(data.amount))
            if amount < 0 or amount >= Decimal("1e12") or not amount.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors["amount"] = _("Enter an amount of money of zero or more.")
    return errors
