"""Triage of a case: the pieces `batch.triage_cases` puts together (routing, suggestions, groups, acting on
web submissions), and `triage_case` for one case.

Triage stores the suggestions in a `Triage` row. For a web submission whose business address gives
one county bureau without doubt it also routes the case there and fills an empty category and problem type
from confident suggestions — a clerk can still correct both. Every other channel waits for the clerk.
"""

from __future__ import annotations

import functools
import logging

from django.db import transaction
from django.utils import timezone

from weiquan.cases.models import Case
from weiquan.lib import taxonomy, workflow
from weiquan.lib.classify import REVIEW_BELOW, Classification
from weiquan.lib.classify_text import normalise
from weiquan.regions.resolver import Routing, route_addresses, route_business

from . import index
from .keys import Keys
from .models import Triage, TriageGroup
from .services import set_fields

log = logging.getLogger(__name__)


def routing_is_confident(routing: Routing | None) -> bool:
    """One bureau, no rivals, and the address named a county (or a development zone), not only a city."""
    if routing is None or not routing.org_code or routing.candidates:
        return False
    return bool(routing.zone_code) or (bool(routing.region_code) and not routing.region_code.endswith("00"))


def on_platform(case: Case) -> bool:
    return bool((case.platform_address or "").strip())


def route_case(case: Case) -> Routing | None:
    """The competent bureau by the business's address — for a seller on a platform by Art. 13/31: the
    address the seller shows, else the platform operator's domicile (`route_business`)."""
    if on_platform(case):
        return route_business(case.business_address, case.platform_address)
    address = case.business_address or ""
    if not address.strip():
        return None
    return route_addresses([address])[0]


def routing_fields(routing: Routing | None) -> dict:
    """The Triage columns of a routing."""
    if routing is None:
        return dict(region_code="", org_code="", zone_code="", routing_candidates=[], routing_matched=[],
                    routing_basis="", routing_alternatives=[])
    return dict(region_code=routing.region_code, org_code=routing.org_code, zone_code=routing.zone_code,
                routing_candidates=routing.candidates, routing_matched=routing.matched,
                routing_basis=routing.basis, routing_alternatives=routing.alternative_orgs)


def assign_group(case: Case, keys: Keys, business_name: str, members: list[int],
                 complainants: int) -> TriageGroup:
    """Put the case and the other members (cases against the same business about the same issue in the
    group window) into the open group complaint, or open one."""
    issue = keys.problem or "other"
    start = keys.received_on - timezone.timedelta(days=index.conf("group_days"))
    group = (TriageGroup.objects.select_for_update()
             .filter(business_key=keys.business_key or 0, issue=issue, last_on__gte=start).order_by("-id").first())
    if group is None:
        group = TriageGroup.objects.create(business_key=keys.business_key or 0, business_name=business_name[:200],
                                           issue=issue, opened_on=keys.received_on, last_on=keys.received_on)
    Triage.objects.filter(case_id__in=[*members, case.pk], group__isnull=True).update(group=group)
    group.last_on = max(group.last_on, keys.received_on)
    group.opened_on = min(group.opened_on, keys.received_on)
    group.size = max(Triage.objects.filter(group=group).count(), len(members))
    group.complainants = max(group.complainants, complainants)
    group.save()
    return group


def suggestions(c: Classification) -> dict:
    return dict(
        kind=c.kind.code, kind_confidence=c.kind.confidence,
        category=c.category.code, category_confidence=c.category.confidence,
        problem=c.problem.code, problem_confidence=c.problem.confidence,
        request=c.request.code, request_confidence=c.request.confidence,
        reasons={f: getattr(c, f).reasons for f in ("kind", "category", "problem", "request")},
        mixed=c.mixed, out_of_scope=c.out_of_scope.code if c.out_of_scope else "", tags=c.tags,
        model_label=next((getattr(c, f).reasons[-1] for f in ("category", "problem")
                          if getattr(c, f).source in ("model", "both")), ""),
    )


def classification_text(case, normalised_description: str | None = None) -> str:
    """What the classifier reads: the business's name often names the trade (力美健身房, 红旗家具城) when
    the description does not. Given the description already normalised, the result is normalised too
    (normalising the parts and joining them with a blank is normalising the whole)."""
    if normalised_description is None:
        return f"{case.business_name} {case.description}" if case.business_name else case.description
    return " ".join(part for part in (_normalised_name(case.business_name), normalised_description) if part)


@functools.lru_cache(maxsize=100_000)  # business names come back again and again
def _normalised_name(name: str) -> str:
    return normalise(name or "")


def triage_case(case: Case, *, act: bool = True) -> Triage:
    """Compute and store the triage of `case` (replacing an earlier one): a batch of one (see `batch`).
    `act`: allow the automatic routing and filling of a web submission."""
    from .batch import triage_cases

    triage_cases([case], act=act)
    return Triage.objects.get(case_id=case.pk)


def act_on_web_submissions(items: list[tuple[Case, Triage, Classification, Routing | None]]) -> None:
    """For web submissions: fill an empty category and problem type from confident suggestions, and route
    the case when its address gives one bureau without doubt (a mixed text only once it is split). The
    cases are locked, and their clocks and target bureaus read, once for the whole batch; what the
    services write for them is written together (`DeferredWrites`)."""
    from weiquan.cases.services import ActionInput, apply_action
    from weiquan.cases.services.deferred import DeferredWrites
    from weiquan.deadlines.clocks import track_locked_case
    from weiquan.deadlines.models import Clock
    from weiquan.orgs.models import Organisation

    items = [i for i in items if i[0].channel == Case.Channel.WEB]
    if not items:
        return
    ids = [case.pk for case, *_rest in items]
    locked = {c.pk: c for c in Case.objects.select_for_update(of=("self",)).select_related(
        "handling_org", "intake_org").filter(pk__in=ids)}
    clocks: dict[int, list] = {pk: [] for pk in ids}
    for clock in Clock.objects.filter(case_id__in=ids):  # read under the lock: nobody changes them meanwhile
        clocks[clock.case_id].append(clock)
    targets = {o.code: o for o in Organisation.objects.filter(
        code__in={r.org_code for *_rest, r in items if r is not None and r.org_code})}
    routed, writes = [], DeferredWrites()  # the events, clocks and fields of the whole batch written at once
    for registered, triage, c, routing in items:
        case = locked[registered.pk]
        track_locked_case(case, clocks[case.pk])
        writes.track(case)
        fill = {}
        if not case.category and c.category.code and c.category.confidence >= REVIEW_BELOW:
            fill["category"] = taxonomy.label("category", c.category.code)
        if not case.problem and c.problem.code and c.problem.confidence >= REVIEW_BELOW:
            fill["problem"] = taxonomy.label("problem", c.problem.code)
        if fill:
            case = set_fields(case, None, fill, reason="suggested")
        if case.state == workflow.RECEIVED and routing_is_confident(routing) and (
                not c.mixed or case.split_from_id or case.split_cases.exists()):  # a mixed text is split first
            apply_action(None, case, ActionInput(action="route", org=routing.org_code, target=targets.get(
                routing.org_code), note="triage: " + " / ".join(routing.matched)), check_scope=False, locked=True)
            routed.append(triage.pk)
            triage.auto_routed = True
    writes.flush()
    if routed:
        Triage.objects.filter(pk__in=routed).update(auto_routed=True)


def triage_quietly(case: Case) -> Triage | None:
    """Triage inside a savepoint: a failure is logged and leaves the case as registered — triage gives
    suggestions, it must never lose a case."""
    try:
        with transaction.atomic():
            return triage_case(case)
    except Exception:  # noqa: BLE001 - any failure of a suggestion engine must not undo the registration
        log.exception("triage of case %s failed", case.number)
        return None
