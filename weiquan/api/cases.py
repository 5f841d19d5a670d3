from __future__ import annotations

import base64

from django.db.models import Q
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from weiquan.cases import selectors
from weiquan.cases.presenters import case_dict
from weiquan.cases.services import ActionInput, IntakeData, apply_action, register_case
from weiquan.lib import workflow

from .schemas import CaseIn, CaseList, CaseOut, ErrorOut, EventOut, TransitionIn

router = Router(tags=["cases"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.post("", response={201: CaseOut, **ERRORS}, summary="Register a case (staff intake)")
def create_case(request, payload: CaseIn):
    data = IntakeData(
        kind=payload.kind, channel=payload.channel, description=payload.description,
        received_at=payload.received_at, complainant_name=payload.complainant.name,
        complainant_phone=payload.complainant.phone, complainant_address=payload.complainant.address,
        complainant_id_number=payload.complainant.id_number, agent_name=payload.agent_name,
        confidential=payload.confidential, business_name=payload.business.name,
        business_uscc=payload.business.uscc, business_address=payload.business.address,
        business_region_code=payload.business.region_code, category=payload.category,
        problem=payload.problem, request=payload.request, amount=payload.amount, route_to=payload.org,
    )
    case = register_case(request.auth, data)
    return Status(201, case_dict(case, request.auth))


class CaseFilters(Schema):
    kind: str | None = Field(None, pattern="^(complaint|report|consultation)$")
    state: str | None = Field(None, max_length=16)
    org: str | None = Field(None, max_length=32)
    overdue: bool | None = None
    q: str | None = Field(None, max_length=100)
    cursor: str | None = Field(None, max_length=40)
    limit: int = Field(50, ge=1, le=200)


def _cursor(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(base64.urlsafe_b64decode(value.encode() + b"==").decode())
    except (ValueError, UnicodeDecodeError):
        return None


@router.get("", response={200: CaseList, **ERRORS}, summary="List cases in scope, newest first (keyset)")
def list_cases(request, filters: Query[CaseFilters]):
    qs = selectors.cases_visible_to(request.auth)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.org:
        qs = qs.filter(handling_org__code=filters.org)
    if filters.overdue is not None:
        overdue = Q(next_due__lt=timezone.localdate()) & ~Q(state=workflow.CLOSED)
        qs = qs.filter(overdue) if filters.overdue else qs.exclude(overdue)
    if filters.q:
        term = filters.q.strip()
        qs = qs.filter(Q(number=term) | Q(complainant_phone=term) | Q(business_name__startswith=term))
    after = _cursor(filters.cursor)
    if after is not None:
        qs = qs.filter(id__lt=after)
    rows = list(qs.select_related("handling_org").order_by("-id")[: filters.limit + 1])
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    items = [{"number": c.number, "kind": c.kind, "channel": c.channel, "received_at": c.received_at,
              "state": c.state, "business_name": c.business_name, "category": c.category,
              "handling_org": c.handling_org.code, "next_due": c.next_due} for c in rows]
    next_cursor = base64.urlsafe_b64encode(str(rows[-1].id).encode()).decode().rstrip("=") if more else None
    return {"items": items, "next_cursor": next_cursor}


@router.get("/{number}", response={200: CaseOut, **ERRORS}, summary="One case")
def get_case(request, number: str):
    return case_dict(selectors.case_for(request.auth, number[:20]), request.auth)


@router.post("/{number}/transitions", response={200: CaseOut, **ERRORS}, summary="Take an action on a case")
def transition(request, number: str, payload: TransitionIn):
    case = selectors.case_for(request.auth, number[:20])
    case = apply_action(request.auth, case, ActionInput(
        action=payload.action, ground=payload.ground, note=payload.note,
        amount_recovered=payload.amount_recovered, org=payload.org, enforcement_ref=payload.enforcement_ref))
    return case_dict(case, request.auth)


@router.get("/{number}/events", response={200: list[EventOut], **ERRORS}, summary="The case's timeline")
def events(request, number: str):
    case = selectors.case_for(request.auth, number[:20])
    return [{"seq": e.seq, "at": e.at, "actor": e.actor_label, "org": e.org.code if e.org_id else None,
             "action": e.action, "from_state": e.from_state, "to_state": e.to_state, "payload": e.payload,
             "hash": e.hash} for e in case.events.select_related("org").order_by("seq")]
