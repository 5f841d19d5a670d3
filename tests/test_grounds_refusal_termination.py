"""Every legal ground: refusal (Art. 16) and termination (Art. 23), under Order 121 and Order 20.

A missing ground, an unknown ground and a ground only Order 121 knows on an Order 20 case are refused
with 422 and change nothing."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, apply_action
from weiquan.lib.workflow import WorkflowError

SHANGHAI = ZoneInfo("Asia/Shanghai")
RECEIVED = {"order121": datetime(2026, 4, 15, 9, 0, tzinfo=SHANGHAI),
            "order20": datetime(2026, 4, 14, 9, 0, tzinfo=SHANGHAI)}

REFUSAL = {
    "order121": ["out_of_scope", "handled_elsewhere", "not_for_consumption", "time_barred",
                 "incomplete_or_false", "identity", "other_law"],
    "order20": ["out_of_scope", "handled_elsewhere", "not_for_consumption", "time_barred",
                "incomplete_or_false", "other_law"],
}
TERMINATION = {
    "order121": ["withdrawn_or_settled", "absent_or_refused", "no_agreement_possible", "testing_cost_dispute",
                 "time_limit", "inadmissible_found", "party_ceased", "other_law"],
    "order20": ["withdrawn_or_settled", "absent_or_refused", "no_agreement_possible", "testing_cost_dispute",
                "time_limit", "inadmissible_found", "other_law"],
}
REFUSALS = [(v, g) for v, grounds in REFUSAL.items() for g in grounds]
TERMINATIONS = [(v, g) for v, grounds in TERMINATION.items() for g in grounds]


@pytest.fixture
def routed(make_case):
    def build(version: str) -> Case:
        case = make_case(received_at=RECEIVED[version])
        assert case.rule_version == version
        return case

    return build


def unchanged(case: Case, state: str):
    case = Case.objects.get(pk=case.pk)
    return case.state == state and case.outcome == "" and case.events.count() == case.event_count


@pytest.mark.parametrize(("version", "ground"), REFUSALS)
def test_refuse_with_each_ground(routed, pingcheng, version, ground):
    case = apply_action(pingcheng, routed(version), ActionInput("refuse", ground=ground, note="见告知书"))
    assert (case.state, case.outcome, case.outcome_note) == ("not_accepted", ground, "见告知书")
    event = case.events.order_by("-seq").first()
    assert event.payload["ground"] == ground
    assert {c.kind: c.state for c in case.clocks.all()} == {"acceptance": "met"}


@pytest.mark.parametrize(("version", "ground"), TERMINATIONS)
@pytest.mark.parametrize("during", ["accepted", "mediating", "paused"])
def test_terminate_with_each_ground(routed, pingcheng, version, ground, during):
    case = apply_action(pingcheng, routed(version), ActionInput("accept"))
    if during in ("mediating", "paused"):
        case = apply_action(pingcheng, case, ActionInput("mediate"))
    if during == "paused":
        case = apply_action(pingcheng, case, ActionInput("pause", note="送检"))
    case = apply_action(pingcheng, case, ActionInput("terminate", ground=ground))
    assert (case.state, case.outcome) == ("terminated", ground)
    assert case.events.order_by("-seq").first().payload["ground"] == ground
    clocks = {c.kind: c.state for c in case.clocks.all()}
    assert clocks["mediation"] == "met"
    assert clocks["notification"] == "running"  # notify both parties within 7 working days


@pytest.mark.parametrize("version", ["order121", "order20"])
@pytest.mark.parametrize("ground", [None, "", "no_such_ground", "withdrawn_or_settled"])
def test_refusal_without_a_valid_refusal_ground_is_422(routed, pingcheng, version, ground):
    case = routed(version)
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(pingcheng, case, ActionInput("refuse", ground=ground))
    assert excinfo.value.status == 422
    assert unchanged(case, "routed")


@pytest.mark.parametrize("version", ["order121", "order20"])
@pytest.mark.parametrize("ground", [None, "", "no_such_ground", "identity"])
def test_termination_without_a_valid_termination_ground_is_422(routed, pingcheng, version, ground):
    case = apply_action(pingcheng, routed(version), ActionInput("accept"))
    case = apply_action(pingcheng, case, ActionInput("mediate"))
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(pingcheng, case, ActionInput("terminate", ground=ground))
    assert excinfo.value.status == 422
    assert unchanged(case, "mediating")


def test_identity_is_no_refusal_ground_under_order_20(routed, pingcheng):
    case = routed("order20")
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(pingcheng, case, ActionInput("refuse", ground="identity"))
    assert excinfo.value.status == 422
    assert "identity" in str(excinfo.value)
    assert unchanged(case, "routed")
    case = apply_action(pingcheng, routed("order121"), ActionInput("refuse", ground="identity"))
    assert case.outcome == "identity"


def test_party_ceased_is_no_termination_ground_under_order_20(routed, pingcheng):
    case = apply_action(pingcheng, routed("order20"), ActionInput("accept"))
    case = apply_action(pingcheng, case, ActionInput("mediate"))
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(pingcheng, case, ActionInput("terminate", ground="party_ceased"))
    assert excinfo.value.status == 422
    assert unchanged(case, "mediating")


def test_withdrawal_during_mediation_terminates_on_the_first_ground(routed, pingcheng):
    for version in ("order121", "order20"):
        case = apply_action(pingcheng, routed(version), ActionInput("accept"))
        case = apply_action(pingcheng, case, ActionInput("mediate"))
        case = apply_action(pingcheng, case, ActionInput("withdraw", note="消费者撤回投诉"))
        assert (case.state, case.outcome) == ("terminated", "withdrawn_or_settled")
        assert case.events.order_by("-seq").first().payload["ground"] == "withdrawn_or_settled"
        assert {c.kind: c.state for c in case.clocks.all()}["notification"] == "running"


def test_withdrawal_before_acceptance_needs_no_ground_and_voids_the_clock(routed, pingcheng):
    case = apply_action(pingcheng, routed("order121"), ActionInput("withdraw", ground="identity"))
    assert (case.state, case.outcome) == ("withdrawn", "")
    assert {c.kind: c.state for c in case.clocks.all()} == {"acceptance": "cancelled"}


@pytest.mark.parametrize(("body", "status"), [
    ({"action": "refuse"}, 422),
    ({"action": "refuse", "ground": "nonsense"}, 422),
    ({"action": "refuse", "ground": "withdrawn_or_settled"}, 422),
    ({"action": "refuse", "ground": "identity"}, 200),
])
def test_the_api_answers_422_for_a_missing_or_unknown_ground(routed, pingcheng, api_as, body, status):
    case = routed("order121")
    response = api_as(pingcheng).post(f"/api/v1/cases/{case.number}/transitions", body,
                                      content_type="application/json")
    assert response.status_code == status, response.content
    if status == 422:
        assert response.json()["detail"]
        assert unchanged(case, "routed")
    else:
        assert response.json()["outcome"] == "identity"


def test_the_api_refuses_an_order_121_ground_on_an_order_20_case(routed, pingcheng, api_as):
    case = routed("order20")
    response = api_as(pingcheng).post(f"/api/v1/cases/{case.number}/transitions",
                                      {"action": "refuse", "ground": "identity"}, content_type="application/json")
    assert response.status_code == 422
    assert unchanged(case, "routed")
