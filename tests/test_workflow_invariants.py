"""Random walks through the workflow (seeded, so reproducible): whatever path a case takes, what a user
sees stays coherent — where the case is, its clocks, its outcome and its timeline."""

import random

import pytest

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, apply_action
from weiquan.cases.services.actions import available_actions
from weiquan.cases.services.events import broken_chains
from weiquan.lib import workflow

INPUTS = {
    "route": [dict(org="140213"), dict(org="140214")],
    "transfer": [dict(org="140213-S01"), dict(org="140214"), dict(org="140213")],
    "refuse": [dict(ground=g) for g in workflow.REFUSAL_GROUNDS["order20"]],
    "terminate": [dict(ground=g) for g in workflow.TERMINATION_GROUNDS["order20"]],
    "settle": [dict(amount_recovered="120.50"), dict()],
    "file_case": [dict(enforcement_ref="同平市监立〔2026〕9号")],
}
OPEN = ("running", "paused")


def check(case: Case) -> None:
    case = Case.objects.select_related("handling_org", "intake_org").get(pk=case.pk)
    clocks = list(case.clocks.all())
    open_clocks = [c for c in clocks if c.state in OPEN]
    kinds = [c.kind for c in open_clocks]
    assert len(kinds) == len(set(kinds)), "one open clock of a kind at most"
    running = [c.due for c in clocks if c.state == "running"]
    assert case.next_due == (min(running) if running else None)
    if case.state == workflow.RECEIVED:
        assert case.handling_org_id == case.intake_org_id, "at intake means with the intake unit"
    if case.state == workflow.CLOSED:
        assert open_clocks == [] and case.closed_at is not None
    else:
        assert case.closed_at is None
    if case.state == workflow.PAUSED:
        assert any(c.state == "paused" for c in clocks)
    else:
        assert not any(c.state == "paused" for c in clocks)
    if "mediation" in kinds:
        assert case.state in (workflow.ACCEPTED, workflow.MEDIATING, workflow.PAUSED, workflow.SUSPENDED)
    if case.state == workflow.SUSPENDED:
        assert "mediation" in kinds
    if case.duplicate_of_id:
        assert case.kind == workflow.REPORT and case.state == workflow.CLOSED and case.outcome in ("merged", "repeat")

    if case.state == workflow.NOT_ACCEPTED:
        assert case.outcome in workflow.REFUSAL_GROUNDS[case.rule_version]
    if case.state == workflow.TERMINATED:
        assert case.outcome in workflow.TERMINATION_GROUNDS[case.rule_version]
        assert "notification" in kinds
    events = list(case.events.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, case.event_count + 1))
    assert events[-1].to_state == case.state and events[-1].hash == case.last_event_hash


@pytest.mark.parametrize("seed", range(12))
def test_random_walks_keep_every_case_coherent(make_case, admin_user, seed):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    rng = random.Random(seed)
    kind = rng.choice(workflow.KINDS)
    received = datetime(2026, 4, 14 if seed % 2 else 16, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    case = make_case(kind=kind, route_to=rng.choice([None, "140213"]), received_at=received)
    earlier = make_case(kind="report")  # what a report may be closed into (Art. 35)
    walked = []
    for _step in range(14):
        choices = available_actions(admin_user, case)
        if not choices:  # a complaint closed without acceptance is final, so is a report closed into another
            assert (case.kind, case.state, case.accepted_on) == ("complaint", "closed", None) or (
                case.duplicate_of_id == earlier.pk)
            break
        name = rng.choice(choices)
        options = INPUTS.get(name, [{}])
        data = dict(rng.choice(options))
        if name in ("merge_into", "close_as_repeat"):
            data["into"] = earlier.number
        if name == "transfer" and data.get("org") == case.handling_org.code:
            data["org"] = "140214" if case.handling_org.code != "140214" else "140213"
        case = apply_action(admin_user, case, ActionInput(name, note="随机步骤", **data))
        walked.append(name)
        check(case)
    assert list(broken_chains()) == [], walked
