"""Registering a case, once, whatever the channel."""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass, field, fields
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weiquan.deadlines import clocks
from weiquan.lib import phones, uscc, workflow
from weiquan.orgs.models import Organisation
from weiquan.regions.models import Region
from weiquan.regions.names import business_short_name

from ..models import Business, Case
from ..models.numbering import next_number
from ..signals import case_registered
from .deferred import DeferredWrites
from .errors import InvalidInput, WorkflowError
from .events import sealed_event
from .validation import MAX_DESCRIPTION, check_intake, clean_text

QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@dataclass
class IntakeData:
    kind: str
    channel: str
    description: str
    received_at: datetime | None = None
    complainant_name: str = ""
    complainant_phone: str = ""
    complainant_address: str = ""
    complainant_id_number: str = ""
    agent_name: str = ""
    confidential: bool = False
    business_name: str = ""
    business_uscc: str = ""
    business_address: str = ""
    business_region_code: str = ""
    platform_name: str = ""
    platform_address: str = ""
    category: str = ""
    problem: str = ""
    request: str = ""
    amount: Decimal | None = None
    route_to: str = ""  # organisation code: route at once
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        for name, limit in _text_limits():
            value = getattr(self, name)
            if value and isinstance(value, str):  # an empty text stays as it is
                setattr(self, name, clean_text(value, limit))
        self.complainant_phone = phones.normalise(self.complainant_phone) if self.complainant_phone else ""
        self.business_uscc = uscc.normalise(self.business_uscc) if self.business_uscc else ""


@functools.cache
def _text_limits() -> tuple[tuple[str, int], ...]:
    """(field, length limit) of the text fields of IntakeData: an import builds one per row."""
    return tuple((f.name, MAX_DESCRIPTION if f.name == "description" else 300)
                 for f in fields(IntakeData) if f.type in ("str", str))


def new_query_code() -> str:
    return new_query_codes(1)[0]


_CODE_LENGTH = 8
_UNBIASED = 256 - 256 % len(QUERY_CODE_ALPHABET)  # bytes at or above this would favour the first letters


def new_query_codes(count: int) -> list[str]:
    """`count` query codes (8 letters of QUERY_CODE_ALPHABET, uniformly from the OS's random source): they
    guard a case's public page. Random bytes are drawn for the whole lot at once; a byte that would bias
    the letters is dropped."""
    letters: list[str] = []
    wanted = count * _CODE_LENGTH
    while len(letters) < wanted:
        letters += [QUERY_CODE_ALPHABET[b % len(QUERY_CODE_ALPHABET)]
                    for b in secrets.token_bytes(wanted - len(letters) + 16) if b < _UNBIASED]
    return ["".join(letters[i:i + _CODE_LENGTH]) for i in range(0, wanted, _CODE_LENGTH)]


def _find_business(data: IntakeData, region: Region | None) -> Business | None:
    if data.business_uscc:
        business, _created = Business.objects.get_or_create(
            uscc=data.business_uscc,
            defaults={"name": data.business_name, "address": data.business_address, "region": region},
        )
        return business
    return None


@transaction.atomic
def register_case(actor, data: IntakeData, *, intake_org: Organisation | None = None,
                  registered_at: datetime | None = None) -> Case:
    """Register a case received through any channel. Routes it at once when `route_to` is given.
    `actor` None is the public (web submissions); otherwise the actor's role must allow intake."""
    if actor is not None and getattr(actor, "pk", None) and not (
            actor.is_superuser or actor.role in workflow.REGISTERING_ROLES):
        raise WorkflowError(_("Your role may not register cases."), status=403)
    errors = check_intake(data)
    now = registered_at or timezone.now()
    received_at = data.received_at or now
    if timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at)
    if received_at > now + timezone.timedelta(minutes=5):
        errors["received_at"] = _("The time received cannot lie in the future.")
    if data.channel not in Case.Channel.values:
        errors["channel"] = _("Unknown channel.")
    intake_org = intake_org or getattr(actor, "organisation", None)
    if intake_org is None:
        errors["intake_org"] = _("Your account belongs to no organisation and cannot register cases.")
    region = None
    if data.business_region_code:
        region = Region.objects.filter(code=data.business_region_code).first()
        if region is None:
            errors["business_region_code"] = _("Unknown division code.")
        else:
            region = region.current()
    route_target = None
    if data.route_to:
        route_target = Organisation.objects.filter(code=data.route_to, active=True,
                                                   kind__in=Organisation.HANDLING_KINDS).first()
        if route_target is None:
            errors["route_to"] = _("No bureau with this code can handle cases.")
    if errors:
        raise InvalidInput(errors)

    # Legal periods and case numbers count in local (Asia/Shanghai) dates, whatever zone is active.
    local = timezone.get_default_timezone()
    received_on = timezone.localdate(received_at, local)
    case = Case(
        number=next_number(settings.WEIQUAN_PROVINCE_CODE, timezone.localdate(now, local)),
        query_code=new_query_code(),
        kind=data.kind, channel=data.channel, received_at=received_at, received_on=received_on,
        rule_version=workflow.rule_version(received_on), state=workflow.RECEIVED,
        complainant_name=data.complainant_name, complainant_phone=data.complainant_phone,
        complainant_address=data.complainant_address, complainant_id_number=data.complainant_id_number,
        agent_name=data.agent_name, confidential=data.confidential,
        business=_find_business(data, region), business_name=data.business_name,
        business_short_name=business_short_name(data.business_name),
        business_uscc=data.business_uscc, business_address=data.business_address, business_region=region,
        platform_name=data.platform_name, platform_address=data.platform_address,
        category=data.category, problem=data.problem, request=data.request, amount=data.amount,
        description=data.description, intake_org=intake_org, handling_org=intake_org,
        created_by=actor if actor and actor.pk else None,
    )
    first = sealed_event(case, actor, "register", "", workflow.RECEIVED,
                         {"channel": data.channel, "received_at": received_at.isoformat(), **data.extra}, at=now)
    clocks.track_new_case(case)
    mixed = bool(data.extra.get("mixed")) and data.kind in (workflow.COMPLAINT, workflow.REPORT)
    case._never_split = not data.extra.get("mixed")  # the response need not look for split halves
    if route_target is not None and not mixed:
        case = _insert_routed(actor, case, first, route_target, now)
    else:
        case.save()
        first.save()
        from .actions import ActionInput, apply_action

        if mixed:  # a mixed submission (Art. 9) is split at intake, before routing and triage see it
            case = apply_action(actor, case, ActionInput(action="split"), at=now, check_scope=False)
        if route_target is not None:
            case = apply_action(actor, case, ActionInput(action="route", org=route_target.code,
                                                         target=route_target), at=now, check_scope=False, locked=True)
    if case_registered.has_listeners(Case):
        answers = case_registered.send(sender=Case, case=case, actor=actor, data=data)
        if any(changed is not False for _receiver, changed in answers):
            case.refresh_from_db()  # a listener may have routed it
            clocks.forget_known(case)
    return case


def _insert_routed(actor, case: Case, first, target: Organisation, now: datetime) -> Case:
    """Route a case before it is first written: it is inserted once, as routed, and its two events and its
    clock follow in one statement each (`DeferredWrites`) — no savepoint, no update of the new row."""
    from .actions import ActionInput, apply_action

    writes = DeferredWrites()
    writes.track(case)
    writes.event(first)
    case = apply_action(actor, case, ActionInput(action="route", org=target.code, target=target), at=now,
                        check_scope=False, locked=True)
    case.save()
    writes.flush()
    return case
