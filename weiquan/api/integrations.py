"""Integrations: 12345 hotline work orders (docs/integrations-12345.md)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Router
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field, field_validator

from weiquan.cases.presenters import case_dict
from weiquan.cases.services.errors import InvalidInput
from weiquan.deadlines.models import Clock
from weiquan.intake.hotline import Order, receive_order

from .schemas import CaseOut, ErrorOut, In, _clean, _received_bounds, _strict_datetime

router = Router(tags=["integrations"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 413: ErrorOut, 422: ErrorOut}

# service field → field of the 12345 order
ORDER_FIELDS = {
    "complainant_name": "caller.name", "complainant_phone": "caller.phone",
    "complainant_address": "caller.address", "business_name": "business.name",
    "business_address": "business.address", "business_uscc": "business.uscc", "received_at": "dispatched_at",
    "platform_name": "business.platform_name", "platform_address": "business.platform_address",
    "request": "request", "problem": "problem", "description": "description", "amount": "amount",
}


class CallerIn(In):
    name: str = Field("", max_length=100, description="来电人姓名")
    phone: str = Field("", max_length=30, description="来电号码 / 联系电话")
    address: str = Field("", max_length=300, description="来电人地址")

    _c = field_validator("*", mode="before")(classmethod(lambda cls, v: _clean(v)))


class OrderBusinessIn(In):
    name: str = Field("", max_length=200, description="商户名称")
    address: str = Field("", max_length=300, description="商户地址")
    uscc: str = Field("", max_length=30, description="统一社会信用代码")
    platform_name: str = Field("", max_length=100, description="电商平台名称（平台内经营者）")
    platform_address: str = Field("", max_length=300, description="平台经营者住所地")

    _c = field_validator("*", mode="before")(classmethod(lambda cls, v: _clean(v)))


class OrderIn(In):
    external_id: str = Field(..., min_length=1, max_length=64, pattern=r"^[0-9A-Za-z_.:-]+$",
                             description="工单编号 — unique per integration; the same number again is the same order")
    description: str = Field(..., min_length=1, max_length=20_000, description="问题描述 / 来电内容 / 市民反映")
    request: str = Field("", max_length=100, description="诉求类型 (退货, 退赔费用 …)")
    problem: str = Field("", max_length=32, description="问题类型 (质量问题, 预付卡 …)")
    demand: str = Field("", max_length=2000, description="主要诉求")
    occurred: str = Field("", max_length=64, description="发生时间 (free text as typed by the operator)")
    amount: Decimal | None = Field(None, ge=0, lt=Decimal("1e12"), max_digits=14, decimal_places=2,
                                   description="消费金额 (yuan)")
    caller: CallerIn = CallerIn()
    business: OrderBusinessIn = OrderBusinessIn()
    limit_working_days: int | None = Field(None, ge=1, le=60, description="办理时限 in working days")
    dispatched_at: datetime | None = Field(None, description="派单时间 (ISO 8601); defaults to now")
    kind: str | None = Field(None, pattern="^(complaint|report|consultation)$",
                             description="optional; by default a complaint when the request is a personal "
                                         "demand (refund, repair…), else a report")

    _c = field_validator("external_id", "description", "request", "problem", "demand", "occurred",
                         mode="before")(classmethod(lambda cls, v: _clean(v)))
    _t = field_validator("dispatched_at", mode="before")(classmethod(lambda cls, v: _strict_datetime(v)))
    _b = field_validator("dispatched_at")(classmethod(lambda cls, v: _received_bounds(v)))


class OrderOut(In):
    external_id: str
    returned: bool
    reason: str = ""
    suggested_channel: str = ""
    case: CaseOut | None = None
    hotline_due: date | None = None


def _answer(order, user) -> dict:
    out = {"external_id": order.external_id, "returned": order.returned, "reason": order.reason,
           "suggested_channel": order.suggested_channel, "case": None, "hotline_due": None}
    if order.case_id:
        out["case"] = case_dict(order.case, user)
        clock = order.case.clocks.filter(kind=Clock.Kind.HOTLINE).order_by("-id").first()
        out["hotline_due"] = clock.due if clock else None
    return out


@router.post("/12345/orders", response={200: OrderOut, 201: OrderOut, **ERRORS},
             summary="Receive a 12345 work order (idempotent on external_id)")
def receive_12345_order(request, payload: OrderIn):
    """201 with the new case the first time; 200 with the same answer for the same `external_id` again.
    An order that is not market regulation's business is returned: 200/201 with `returned: true`, a
    `reason` and the competent channel, and no case."""
    user = request.auth
    org = getattr(user, "organisation", None)
    if user.role != "integration" or org is None or org.kind != "integration":
        raise HttpError(403, "Only an integration account may send work orders.")
    order = Order(
        external_id=payload.external_id, description=payload.description, request=payload.request,
        problem=payload.problem, demand=payload.demand, occurred=payload.occurred, amount=payload.amount,
        caller_name=payload.caller.name, caller_phone=payload.caller.phone,
        caller_address=payload.caller.address, business_name=payload.business.name,
        business_address=payload.business.address, business_uscc=payload.business.uscc,
        platform_name=payload.business.platform_name, platform_address=payload.business.platform_address,
        limit_working_days=payload.limit_working_days, dispatched_at=payload.dispatched_at,
        kind=payload.kind or "", raw=payload.model_dump(mode="json"),
    )
    try:
        result = receive_order(user, order)
    except InvalidInput as exc:
        raise InvalidInput({ORDER_FIELDS.get(k, k): v for k, v in exc.errors.items()}) from None
    return Status(201 if result.created else 200, _answer(result.order, user))
