"""Seeded cases are exactly what the services would have recorded: each seeded timeline, replayed
action by action through register_case and apply_action at the same moments, gives the same events,
the same clocks and the same case fields."""

from datetime import date

import pytest

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, IntakeData, apply_action, register_case
from weiquan.cases.signals import case_registered, case_transitioned
from weiquan.demo.seed import seed_cases
from weiquan.orgs.models import Organisation

ANCHOR = date(2026, 11, 20)
CLOCK_FIELDS = ("kind", "unit", "length", "extra_working_days", "start", "due", "provisional", "state",
                "paused_on", "pauses", "stopped_on", "org_id")
CASE_FIELDS = ("state", "outcome", "outcome_note", "amount_recovered", "enforcement_ref", "next_due",
               "accepted_on", "closed_at", "handling_org_id", "event_count", "rule_version", "received_on")


def replay(seeded: Case) -> Case:
    events = list(seeded.events.select_related("actor__organisation").order_by("seq"))
    register = events[0]
    data = IntakeData(
        kind=seeded.kind, channel=seeded.channel, description=seeded.description, received_at=seeded.received_at,
        complainant_name=seeded.complainant_name, complainant_phone=seeded.complainant_phone,
        complainant_address=seeded.complainant_address, confidential=seeded.confidential,
        business_name=seeded.business_name, business_uscc=seeded.business_uscc,
        business_address=seeded.business_address, business_region_code=seeded.business_region_id or "",
        category=seeded.category, problem=seeded.problem, request=seeded.request, amount=seeded.amount)
    case = register_case(register.actor, data, intake_org=seeded.intake_org, registered_at=register.at)
    for event in events[1:]:
        p = event.payload
        case = apply_action(event.actor, case, ActionInput(
            action=event.action, ground=p.get("ground"), note=p.get("note", ""),
            amount_recovered=p.get("amount_recovered"), org=p.get("org"), enforcement_ref=p.get("enforcement_ref", "")),
            at=event.at)
    return Case.objects.get(pk=case.pk)


def timeline(case: Case) -> list:
    return [(e.seq, e.at, e.actor_id, e.actor_label, e.org_id, e.action, e.from_state, e.to_state, e.payload)
            for e in case.events.order_by("seq")]


def clocks(case: Case) -> list:
    return [tuple(getattr(c, f) for f in CLOCK_FIELDS) for c in case.clocks.order_by("id")]


@pytest.fixture
def services_alone():
    """Only the case services: receivers of other apps (triage routing web submissions, outboxes) are
    switched off, as the seeded clerk does the routing himself."""
    saved = {}
    for signal in (case_registered, case_transitioned):
        saved[signal] = signal.receivers
        signal.receivers = []
        signal.sender_receivers_cache.clear()
    yield
    for signal, receivers in saved.items():
        signal.receivers = receivers
        signal.sender_receivers_cache.clear()


@pytest.mark.django_db
@pytest.mark.usefixtures("services_alone")
def test_replaying_seeded_cases_through_the_services_gives_the_same_records():
    seed_cases(300, seed=5, anchor=ANCHOR)
    assert Organisation.objects.filter(code="140213").exists()
    seeded_cases = list(Case.objects.order_by("id"))
    # every distinct path through the workflow at least once, and a sample of the rest
    by_path: dict[tuple, Case] = {}
    for case in seeded_cases:
        by_path.setdefault(tuple(case.events.order_by("seq").values_list("action", flat=True)), case)
    sample = list(by_path.values()) + seeded_cases[::25]
    assert len(by_path) > 10
    for seeded in sample:
        replayed = replay(seeded)
        assert timeline(replayed) == timeline(seeded), seeded.number
        assert clocks(replayed) == clocks(seeded), seeded.number
        for name in CASE_FIELDS:
            assert getattr(replayed, name) == getattr(seeded, name), (seeded.number, name)
