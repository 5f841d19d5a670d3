"""Public endpoints (no login, throttled per address): submit, follow a case with its query code, act on it,
find ODR enterprises. Answers never carry personal data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field, field_validator

from weiquan.cases.services.errors import InvalidInput
from weiquan.lib.workflow import WorkflowError
from weiquan.public import services, sms, throttle
from weiquan.public.progress import progress

from .schemas import ErrorOut, In, _clean

router = Router(tags=["public"], auth=None)


def _throttle(request, scope: str) -> None:
    try:
        throttle.check(request, scope)
    except throttle.Throttled as exc:
        raise HttpError(429, str(exc)) from None


class PersonIn(In):
    name: str = Field("", max_length=100)
    phone: str = Field("", max_length=30)
    address: str = Field("", max_length=300)

    _c = field_validator("*", mode="before")(classmethod(lambda cls, v: _clean(v)))


class BusinessIn(In):
    name: str = Field("", max_length=200)
    address: str = Field("", max_length=300)
    uscc: str = Field("", max_length=30)
    platform_name: str = Field("", max_length=100, description="where you bought, when from a seller on an "
                                                                  "online platform")
    platform_address: str = Field("", max_length=300, description="the platform operator's address (footer "
                                                                     "of its site or app)")

    _c = field_validator("*", mode="before")(classmethod(lambda cls, v: _clean(v)))


class SubmissionIn(In):
    kind: Literal["complaint", "report", "consultation"]
    complainant: PersonIn = PersonIn()
    confidential: bool = False
    business: BusinessIn = BusinessIn()
    description: str = Field(..., min_length=1, max_length=20_000)
    request: str = Field("", max_length=100)
    amount: Decimal | None = Field(None, ge=0, lt=Decimal("1e12"))
    mixed: bool = False
    odr: bool = False
    sms_code: str = Field("", max_length=10)
    website: str = Field("", max_length=200, description="leave empty (a trap for robots)")

    _c = field_validator("description", "request", "sms_code", "website", mode="before")(
        classmethod(lambda cls, v: _clean(v)))


class LinkedOut(Schema):
    number: str
    query_code: str
    kind: str


class ReceiptOut(Schema):
    number: str
    query_code: str
    kind: str
    linked: LinkedOut | None = None


class StepOut(Schema):
    on: date
    action: str
    text: str


class ProgressOut(Schema):
    number: str
    kind: str
    state: str
    state_label: str
    received_on: date
    handled_by: str
    handled_by_region: str
    now: str
    next: str
    due: date | None
    due_provisional: bool
    steps: list[StepOut]
    can_withdraw: bool
    can_rate: bool
    rating: int | None
    linked_number: str | None
    answer: str


class ActionIn(In):
    query_code: str = Field(..., min_length=1, max_length=40)
    action: Literal["accept_settlement", "reject_settlement", "escalate", "withdraw", "rate"]
    rating: int | None = Field(None, ge=1, le=5)
    note: str = Field("", max_length=1000)

    _c = field_validator("query_code", "note", mode="before")(classmethod(lambda cls, v: _clean(v)))


class OdrQuery(Schema):
    q: str = Field("", max_length=100)


class OdrOut(Schema):
    code: str
    name: str
    region_code: str


class PhoneIn(In):
    phone: str = Field(..., min_length=1, max_length=30)


ERRORS = {400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}


@router.post("/submissions", response={201: ReceiptOut, **ERRORS},
             summary="Submit a complaint, report or question (no login)")
def submit(request, payload: SubmissionIn):
    _throttle(request, "submit")
    if payload.website:
        raise HttpError(422, "Submission refused.")
    c, b = payload.complainant, payload.business
    sub = services.Submission(
        kind=payload.kind, description=payload.description, name=c.name, phone=c.phone, address=c.address,
        confidential=payload.confidential, business_name=b.name, business_address=b.address,
        business_uscc=b.uscc, platform_name=b.platform_name, platform_address=b.platform_address,
        request=payload.request, amount=payload.amount, mixed=payload.mixed,
        odr=payload.odr, sms_code=payload.sms_code, extra={"via": "api"})
    receipt = services.submit(sub, verify_phone=sms.required_on_api())
    linked = None
    if receipt.linked_number:
        linked = {"number": receipt.linked_number, "query_code": receipt.linked_query_code,
                  "kind": receipt.linked_kind}
    return Status(201, {"number": receipt.number, "query_code": receipt.query_code, "kind": receipt.kind,
                 "linked": linked})


@router.post("/phone-verifications", response={202: dict, **ERRORS},
             summary="Send a 6-digit code to a mobile phone (when submissions require it)")
def phone_verification(request, payload: PhoneIn):
    _throttle(request, "sms")
    sms.send_code(payload.phone)
    return Status(202, {"detail": "A code has been sent.", "expires_in": int(sms._ttl())})


def _case(request, number: str, query_code: str):
    _throttle(request, "track")
    return services.find_case(number[:40], query_code)


@router.get("/cases/{number}", response={200: ProgressOut, **ERRORS},
            summary="Progress of a case, with its query code; no personal data")
def case_progress(request, number: str, query_code: str = Query(..., min_length=1, max_length=40)):
    return progress(_case(request, number, query_code))


@router.post("/cases/{number}/actions", response={200: ProgressOut, **ERRORS},
             summary="Withdraw, rate, or answer an ODR settlement proposal")
def case_action(request, number: str, payload: ActionIn):
    case = _case(request, number, payload.query_code)
    if payload.action in ("accept_settlement", "reject_settlement", "escalate"):
        raise WorkflowError(_("This case is not in the ODR stage (direct settlement with the business), so there "
                              "is no settlement proposal to answer or escalate."))
    if payload.action == "withdraw":
        case = services.withdraw(case, payload.note)
    else:
        if payload.rating is None:
            raise InvalidInput({"rating": _("Choose a rating from 1 to 5.")})
        case = services.rate(case, payload.rating, payload.note)
    return progress(case)


@router.get("/odr-enterprises", response={200: list[OdrOut], **ERRORS},
            summary="Businesses that settle complaints online first (ODR enterprises)")
def odr_enterprises(request, query: Query[OdrQuery]):
    _throttle(request, "lookup")
    return [{"code": o.code, "name": o.name, "region_code": o.region_id or ""}
            for o in services.odr_enterprises(query.q)]
