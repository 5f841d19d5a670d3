"""Case endpoints: staff intake, the scoped list, one case, its transitions and its timeline.

Thin: parse, call one service or selector, present with `case_dict` (which masks personal data for roles
that do not need it). Out-of-scope cases and anything that cannot be a case number answer 404.
"""

from __future__ import annotations

import base64
import re
from typing import Literal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field, field_validator

from weiquan.cases import selectors
from weiquan.cases.presenters import case_dict
from weiquan.cases.services import ActionInput, IntakeData, apply_action, register_case
from weiquan.lib import workflow
from weiquan.orgs.models import Organisation
from weiquan.orgs.selectors import subtree_ids

from .schemas import CaseIn, CaseList, CaseOut, ErrorOut, EventOut, TransitionIn, _clean

router = Router(tags=["cases"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
WRITE_ERRORS = {**ERRORS, 413: ErrorOut}
READ_ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
INTAKE_ROLES = {"clerk", "handler", "supervisor", "admin"}  # staff who take calls, letters and visits
NUMBER = re.compile(r"[0-9A-Za-z-]{1,20}")
MAX_ID = 2**63 - 1
State = Literal[tuple(sorted(workflow.OPEN_STATES | workflow.FINAL_STATES))]  # type: ignore[valid-type]


def _case(user, number: str):
    """The case with this number in the user's scope; anything that cannot be a number is simply not found."""
    if not NUMBER.fullmatch(number):
        raise selectors.NotVisible()
    return selectors.case_for(user, number)


@router.post("", response={201: CaseOut, **WRITE_ERRORS}, summary="Register a case (staff intake)",
             description="Registers a complaint, report or consultation received by phone, letter or visit, "
                         "and routes it at once when `org` names a bureau. 422 names each invalid field "
                         "(Art. 10 required fields per kind, USCC check digit, phone format, a time received "
                         "in the future, an unknown bureau). 403 for roles without intake (analyst, ODR).")
def create_case(request, payload: CaseIn):
    if not (request.auth.is_superuser or request.auth.role in INTAKE_ROLES):
        raise HttpError(403, _("Your role may not register cases."))
    data = IntakeData(
        kind=payload.kind, channel=payload.channel, description=payload.description,
        received_at=payload.received_at, complainant_name=payload.complainant.name,
        complainant_phone=payload.complainant.phone, complainant_address=payload.complainant.address,
        complainant_id_number=payload.complainant.id_number, agent_name=payload.agent_name,
        confidential=payload.confidential, business_name=payload.business.name,
        business_uscc=payload.business.uscc, business_address=payload.business.address,
        business_region_code=payload.business.region_code, platform_name=payload.business.platform_name,
        platform_address=payload.business.platform_address, category=payload.category,
        problem=payload.problem, request=payload.request, amount=payload.amount, route_to=payload.org,
    )
    case = register_case(request.auth, data)
    return Status(201, case_dict(case, request.auth))


class CaseFilters(Schema):
    kind: Literal["complaint", "report", "consultation"] | None = None
    state: State | None = None
    org: str | None = Field(None, pattern="^[0-9A-Za-z-]{1,32}$",
                            description="handling organisation code; includes the organisations under it")
    overdue: bool | None = Field(None, description="open cases past a due date (true) or not (false)")
    q: str | None = Field(None, max_length=100, description="case number, complainant phone, or the start "
                                                            "of the business name with or without its leading "
                                                            "division names (龙城 finds 大同市平城区龙城…)")
    cursor: str | None = Field(None, pattern="^[A-Za-z0-9_-]{0,40}$", description="next_cursor of the "
                                                                                    "previous page")
    limit: int = Field(50, ge=1, le=200)

    _c = field_validator("q", mode="before")(classmethod(lambda cls, v: _clean(v)))


def _cursor(value: str | None) -> int | None:
    """The id to continue below; a cursor that is not ours counts as none (first page)."""
    if not value:
        return None
    try:
        decoded = base64.urlsafe_b64decode(value.encode() + b"==").decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return None
    if not decoded.isdigit() or len(decoded) > 19 or int(decoded) > MAX_ID:
        return None
    return int(decoded)


@router.get("", response={200: CaseList, **READ_ERRORS}, summary="List cases in scope, newest first (keyset)",
            description="Only cases handled in your organisation's subtree or registered by it. Pass "
                        "`next_cursor` back as `cursor` for the next page; it is null on the last page.")
def list_cases(request, filters: Query[CaseFilters]):
    qs = selectors.cases_visible_to(request.auth)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.org:  # the organisation and everything under it (a city: all its counties)
        org = Organisation.objects.filter(code=filters.org).first()
        qs = qs.filter(handling_org_id__in=subtree_ids(org)) if org else qs.none()
    if filters.overdue is not None:
        overdue = Q(next_due__lt=timezone.localdate()) & ~Q(state=workflow.CLOSED)
        qs = qs.filter(overdue) if filters.overdue else qs.exclude(overdue)
    if filters.q and filters.q.strip():
        qs = qs.filter(selectors.search_match(filters.q.strip()))
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


@router.get("/{number}", response={200: CaseOut, **READ_ERRORS}, summary="One case",
            description="Personal data of the complainant is masked for roles that do not need it (analyst) "
                        "and for a confidential reporter outside the intake and handling units.")
def get_case(request, number: str):
    return case_dict(_case(request.auth, number), request.auth)


@router.post("/{number}/transitions", response={200: CaseOut, **WRITE_ERRORS}, summary="Take an action on a case",
             description="409 when the case's state does not allow the action; 422 for an unknown action, "
                         "a missing or unknown legal ground, or invalid fields; 403 when your role may not "
                         "take the action.")
def transition(request, number: str, payload: TransitionIn):
    case = _case(request.auth, number)
    case = apply_action(request.auth, case, ActionInput(
        action=payload.action, ground=payload.ground, note=payload.note,
        amount_recovered=payload.amount_recovered, org=payload.org, enforcement_ref=payload.enforcement_ref,
        into=payload.into))
    return case_dict(case, request.auth)


@router.get("/{number}/events", response={200: list[EventOut], **READ_ERRORS}, summary="The case's timeline",
            description="Append-only, oldest first; each event's `hash` chains it to the one before.")
def events(request, number: str):
    case = _case(request.auth, number)
    return [{"seq": e.seq, "at": e.at, "actor": e.actor_label, "org": e.org.code if e.org_id else None,
             "action": e.action, "from_state": e.from_state, "to_state": e.to_state, "payload": e.payload,
             "hash": e.hash} for e in case.events.select_related("org").order_by("seq")]
