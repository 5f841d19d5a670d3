"""What the public may do: submit, find their case with its query code, withdraw, rate.

Every change goes through `weiquan.cases.services`; these functions only add the public side
(the provincial 12315 centre as intake unit, phone verification, attachments, query codes).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, IntakeData, apply_action, register_case
from weiquan.cases.services.errors import InvalidInput, NotVisible
from weiquan.cases.services.events import append_event
from weiquan.cases.services.validation import check_intake, clean_text
from weiquan.lib import workflow
from weiquan.lib.workflow import WorkflowError
from weiquan.orgs.models import Organisation

from . import attachments, sms

REQUESTS = ("退货", "换货", "维修", "退款", "退费", "赔偿", "其他")  # what a complainant may ask for (stored as is)


class _Public:
    """The consumer as the actor of an event they cause (no account: no user, no organisation)."""

    pk = None
    label = "public"
    organisation = None


PUBLIC = _Public()


@dataclass
class Submission:
    kind: str
    description: str
    name: str = ""
    phone: str = ""
    address: str = ""
    confidential: bool = False
    business_name: str = ""
    business_address: str = ""
    business_uscc: str = ""
    platform_name: str = ""
    platform_address: str = ""
    request: str = ""
    amount: Decimal | None = None
    mixed: bool = False  # "my submission also reports a violation": split into complaint + report
    category: str = ""
    odr: bool = False  # address the complaint to the business's ODR account first
    sms_code: str = ""
    channel: str = "web"
    extra: dict = field(default_factory=dict)


@dataclass
class Receipt:
    number: str
    query_code: str
    kind: str
    linked_number: str = ""
    linked_query_code: str = ""
    linked_kind: str = ""


def intake_org() -> Organisation:
    return Organisation.objects.get(code=f"{settings.WEIQUAN_PROVINCE_CODE}-12315")


def odr_enterprises(q: str = "", limit: int = 20):
    qs = Organisation.objects.filter(kind=Organisation.Kind.ODR, active=True)
    q = clean_text(q, 100)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.order_by("name")[:limit]


def _intake_data(sub: Submission) -> IntakeData:
    extra = {"via": sub.extra.get("via", "public")} | {k: v for k, v in sub.extra.items() if k != "via"}
    if sub.mixed:
        extra["mixed"] = True
    return IntakeData(
        kind=sub.kind, channel=sub.channel, description=sub.description,
        complainant_name=sub.name, complainant_phone=sub.phone, complainant_address=sub.address,
        confidential=bool(sub.confidential) and sub.kind == workflow.REPORT,
        business_name=sub.business_name, business_address=sub.business_address,
        business_uscc=sub.business_uscc, platform_name=sub.platform_name, platform_address=sub.platform_address,
        category=sub.category, request=sub.request, amount=sub.amount, extra=extra)


def submit(sub: Submission, files=(), *, verify_phone: bool | None = None, actor=None) -> Receipt:
    """Register a submission from the public. Raises InvalidInput with field errors; then nothing is saved.

    The order matters: the data and files are checked first, then the SMS code is used up (a wrong
    guess counts even though nothing is registered), then the case is registered in one transaction."""
    data = _intake_data(sub)
    errors = check_intake(data)
    if sub.mixed and sub.kind != workflow.COMPLAINT:
        errors["mixed"] = _("Only a complaint can also report a violation.")
    odr_org = None
    if sub.odr:
        odr_org = Organisation.objects.filter(kind=Organisation.Kind.ODR, active=True,
                                              name=data.business_name).first()
        if odr_org is None or sub.kind != workflow.COMPLAINT:
            errors["odr"] = _("This business takes no part in online dispute resolution (ODR); send the "
                              "complaint to the bureau instead.")
    try:
        checked = attachments.check(files)
    except InvalidInput as exc:
        errors.update(exc.errors)
    if errors:
        raise InvalidInput(errors)
    if verify_phone is None:
        verify_phone = sms.required_on_web()
    if verify_phone and sub.kind == workflow.COMPLAINT:  # a complainant acts under their real identity
        sms.check_code(data.complainant_phone, sub.sms_code)
    if odr_org is not None:
        data.extra["odr"] = odr_org.code  # the ODR stage itself is handled by the ODR module
    centre = intake_org()
    if checked:  # the case and its files in one transaction
        with transaction.atomic():
            case = register_case(actor, data, intake_org=centre)
            attachments.store(case, checked)
    else:  # registration is its own transaction: no savepoint inside another
        case = register_case(actor, data, intake_org=centre)
    sibling = case.split_cases.first() if sub.mixed else None
    receipt = Receipt(case.number, case.query_code, case.kind)
    if sibling is not None:
        receipt.linked_number, receipt.linked_query_code, receipt.linked_kind = (
            sibling.number, sibling.query_code, sibling.kind)
    return receipt


def normalise_number(number: str) -> str:
    return clean_text(number, 40).replace(" ", "").upper()


def find_case(number: str, query_code: str) -> Case:
    """The case with this number and query code; NotVisible (404) for a wrong code as for no case."""
    number = normalise_number(number)
    code = clean_text(query_code, 40).replace(" ", "").upper()
    if not number or not code:
        raise NotVisible()
    case = Case.objects.select_related("handling_org").filter(number=number).first()
    expected = (case.query_code if case else "").upper().encode()
    if case is None or not expected or not hmac.compare_digest(expected, code.encode()):
        raise NotVisible()
    return case


def can_withdraw(case: Case) -> bool:
    return "withdraw" in workflow.allowed_actions(case.kind, case.state)


def can_rate(case: Case) -> bool:
    return case.state == workflow.CLOSED and case.rating is None and not case.duplicate_of_id


def withdraw(case: Case, note: str = "") -> Case:
    """The consumer withdraws their complaint (before acceptance it ends; after, mediation terminates)."""
    if case.kind != workflow.COMPLAINT:
        raise WorkflowError(_("Only a complaint can be withdrawn; a report is verified by the bureau in any case."))
    note = clean_text(note, 500) or _("Withdrawn by the consumer.")
    return apply_action(None, case, ActionInput(action="withdraw", note=note), check_scope=False)


@transaction.atomic
def rate(case: Case, rating, comment: str = "") -> Case:
    """Record the consumer's rating (1–5) of a closed case, once, as an event of its timeline."""
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise InvalidInput({"rating": _("Choose a rating from 1 to 5.")})
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.state != workflow.CLOSED:
        raise WorkflowError(_("You can rate the handling once the case is closed."))
    if case.rating is not None:
        raise WorkflowError(_("This case has already been rated. Thank you."))
    case.rating = value
    append_event(case, PUBLIC, "rate", case.state, case.state,
                 {"rating": value, "comment": clean_text(comment, 1000)})
    case.save(update_fields=["rating", "event_count", "last_event_hash"])
    return case
