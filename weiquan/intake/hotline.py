"""12345 work orders: registered once per external id, or returned with a reason; the 12345 limit runs
beside the statutory one as a clock of kind "hotline"."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from weiquan.cases.models import Case
from weiquan.cases.services import IntakeData, register_case
from weiquan.deadlines import clocks
from weiquan.deadlines.models import Clock
from weiquan.lib import workflow
from weiquan.orgs.models import Organisation

from . import scope
from .models import HotlineOrder

logger = logging.getLogger(__name__)

PERSONAL_DEMANDS = re.compile(r"退货|更换|换货|维修|退赔|赔偿|退费|退款|退还|返还|补偿|三包")


@dataclass
class Order:
    """A 12345 work order in weiquan's terms (the API maps the JSON onto it, see docs/integrations-12345.md)."""

    external_id: str
    description: str
    request: str = ""
    problem: str = ""
    business_name: str = ""
    business_address: str = ""
    business_uscc: str = ""
    platform_name: str = ""
    platform_address: str = ""
    occurred: str = ""
    amount: Decimal | None = None
    demand: str = ""
    caller_name: str = ""
    caller_phone: str = ""
    caller_address: str = ""
    limit_working_days: int | None = None
    dispatched_at: datetime | None = None
    kind: str = ""
    raw: dict = field(default_factory=dict)

    def guessed_kind(self) -> str:
        if self.kind:
            return self.kind
        return workflow.COMPLAINT if PERSONAL_DEMANDS.search(f"{self.request} {self.demand}") else workflow.REPORT

    def full_text(self) -> str:
        parts = [self.description]
        if self.occurred:
            parts.append(f"发生时间：{self.occurred}")
        if self.demand:
            parts.append(f"主要诉求：{self.demand}")
        return "\n".join(p for p in parts if p)


@dataclass
class Result:
    order: HotlineOrder
    created: bool


def centre() -> Organisation:
    return Organisation.objects.get(code=f"{settings.WEIQUAN_PROVINCE_CODE}-12315")


def _existing(integration, external_id: str) -> HotlineOrder | None:
    return HotlineOrder.objects.select_related("case").filter(integration=integration,
                                                              external_id=external_id).first()


def receive_order(user, order: Order) -> Result:
    """Register the order (or return it); the same external id again gives back the first result."""
    integration = user.organisation
    found = _existing(integration, order.external_id)
    if found is not None:
        return Result(found, False)
    try:
        with transaction.atomic():
            return Result(_receive(user, integration, order), True)
    except IntegrityError:
        # a concurrent request with the same external id won the race: answer with its result
        found = _existing(integration, order.external_id)
        if found is None:
            raise
        return Result(found, False)


def _receive(user, integration, order: Order) -> HotlineOrder:
    verdict = scope.check(order.problem, order.request, order.description, order.demand)
    record = HotlineOrder.objects.create(
        integration=integration, external_id=order.external_id, payload=order.raw,
        limit_working_days=order.limit_working_days, returned=not verdict.ours,
        reason=verdict.reason[:300], suggested_channel=verdict.channel[:100])
    if not verdict.ours:
        logger.info("12345 order %s returned (%s): %s", order.external_id, verdict.rule, verdict.reason)
        return record
    data = IntakeData(
        kind=order.guessed_kind(), channel=Case.Channel.HOTLINE_12345, description=order.full_text(),
        received_at=order.dispatched_at, complainant_name=order.caller_name,
        complainant_phone=order.caller_phone, complainant_address=order.caller_address,
        business_name=order.business_name, business_address=order.business_address,
        business_uscc=order.business_uscc, platform_name=order.platform_name,
        platform_address=order.platform_address, problem=order.problem[:32], request=order.request[:100],
        amount=order.amount,
        extra={"external_id": order.external_id, "integration": integration.code,
               "limit_working_days": order.limit_working_days},
    )
    case = register_case(user, data, intake_org=centre())
    if order.limit_working_days:
        clocks.start(case, Clock.Kind.HOTLINE, "hotline", case.received_on, case.intake_org,
                     length=("wd", order.limit_working_days))
        Case.objects.filter(pk=case.pk).update(next_due=clocks.earliest_due(case))
    record.case = case
    record.save(update_fields=["case"])
    return record


def result_payload(order: HotlineOrder, case: Case) -> dict:
    """What goes back to 12345 when the case closes."""
    return {
        "external_id": order.external_id, "case_number": case.number, "kind": case.kind, "state": case.state,
        "outcome": case.outcome, "outcome_note": case.outcome_note,
        "amount_recovered": str(case.amount_recovered),
        "handling_org": {"code": case.handling_org.code, "name": case.handling_org.name},
        "closed_at": (case.closed_at or timezone.now()).isoformat(),
    }
