"""Every action in every state of a complaint, a report and a consultation: exactly the allowed ones
succeed (leading to the expected state), every other is refused with 409 and changes nothing.

The expected table is written out by hand below, so a wrong entry in `weiquan.lib.workflow` fails here.
"""

import pytest

from weiquan.cases.models import Case, CaseEvent, CaseNumberCounter
from weiquan.cases.services import ActionInput, apply_action
from weiquan.lib import workflow
from weiquan.lib.workflow import WorkflowError

# kind → state → {allowed action: state afterwards}
EXPECTED = {
    "complaint": {
        "received": {"route": "routed", "split": "received", "withdraw": "withdrawn"},
        "routed": {"transfer": "routed", "return_to_intake": "received", "accept": "accepted",
                   "refuse": "not_accepted", "withdraw": "withdrawn", "file_case": "routed",
                   "refer_to_police": "routed"},
        "accepted": {"mediate": "mediating", "terminate": "terminated", "withdraw": "terminated",
                     "file_case": "accepted", "refer_to_police": "accepted"},
        "mediating": {"pause": "paused", "settle": "settled", "terminate": "terminated",
                      "withdraw": "terminated", "file_case": "mediating", "request_recusal": "suspended",
                      "refer_to_police": "mediating"},
        "paused": {"resume": "mediating", "terminate": "terminated", "withdraw": "terminated",
                   "file_case": "paused", "refer_to_police": "paused"},
        "suspended": {"grant_recusal": "mediating", "refuse_recusal": "mediating", "terminate": "terminated",
                      "withdraw": "terminated", "file_case": "suspended", "refer_to_police": "suspended"},
        "settled": {"close": "closed", "file_case": "settled", "refer_to_police": "settled"},
        "terminated": {"close": "closed", "file_case": "terminated", "refer_to_police": "terminated"},
        "not_accepted": {"close": "closed", "file_case": "not_accepted", "refer_to_police": "not_accepted"},
        "withdrawn": {"close": "closed"},
        "closed": {"reopen": "accepted"},
    },
    "report": {
        "received": {"route": "routed", "split": "received", "merge_into": "closed", "close_as_repeat": "closed"},
        "routed": {"transfer": "routed", "return_to_intake": "received", "verify": "verifying",
                   "merge_into": "closed", "close_as_repeat": "closed"},
        "verifying": {"extend": "verifying", "pause": "paused", "file_case": "filed", "not_file": "not_filed",
                      "merge_into": "closed", "close_as_repeat": "closed"},
        "paused": {"resume": "verifying"},
        "filed": {"close": "closed", "notify_reporter": "filed"},
        "not_filed": {"close": "closed", "notify_reporter": "not_filed"},
        "closed": {"reopen": "verifying"},
    },
    "consultation": {
        "received": {"route": "routed", "answer": "answered"},
        "routed": {"return_to_intake": "received", "answer": "answered"},
        "answered": {"close": "closed"},
        "closed": {"reopen": "received"},
    },
}

# How to bring a case of each kind into each state: (routed at registration?, actions after that).
PATHS = {
    "complaint": {
        "received": (False, []), "routed": (True, []), "accepted": (True, ["accept"]),
        "mediating": (True, ["accept", "mediate"]), "paused": (True, ["accept", "mediate", "pause"]),
        "suspended": (True, ["accept", "mediate", "request_recusal"]),
        "settled": (True, ["accept", "mediate", "settle"]),
        "terminated": (True, ["accept", "mediate", "terminate"]), "not_accepted": (True, ["refuse"]),
        "withdrawn": (True, ["withdraw"]), "closed": (True, ["accept", "mediate", "settle", "close"]),
    },
    "report": {
        "received": (False, []), "routed": (True, []), "verifying": (True, ["verify"]),
        "paused": (True, ["verify", "pause"]), "filed": (True, ["verify", "file_case"]),
        "not_filed": (True, ["verify", "not_file"]), "closed": (True, ["verify", "not_file", "notify_reporter", "close"]),
    },
    "consultation": {
        "received": (False, []), "routed": (True, []), "answered": (True, ["answer"]),
        "closed": (True, ["answer", "close"]),
    },
}

# A complete, valid input for each action (the admin takes them all, so roles never get in the way).
INPUTS = {
    "route": dict(org="140213"),
    "transfer": dict(org="140214"),
    "return_to_intake": dict(note="经营者住所地不在本局辖区"),
    "refuse": dict(ground="out_of_scope"),
    "terminate": dict(ground="absent_or_refused"),
    "pause": dict(note="衣柜送检"),
    "settle": dict(amount_recovered="6800"),
    "extend": dict(note="经局长批准延长"),
    "file_case": dict(enforcement_ref="同平市监立〔2026〕12号"),
    "answer": dict(note="已告知消费者相关规定"),
    "reopen": dict(note="回访时消费者表示未履行"),
    "request_recusal": dict(note="被投诉人申请调解员回避"),
    "grant_recusal": dict(note="局负责人决定回避，改由王某主持调解"),
    "refuse_recusal": dict(note="局负责人决定不予回避"),
    "refer_to_police": dict(note="涉嫌敲诈勒索，移送平城公安分局"),
    "merge_into": dict(note="补充了新的违法事实"),
    "notify_reporter": dict(note="已电话告知举报人"),
}
# Steps that must come first on the same case: a real-name reporter is told the decision before it closes.
BEFORE = {("report", "filed", "close"): ["notify_reporter"], ("report", "not_filed", "close"): ["notify_reporter"]}
NEEDS_EARLIER_REPORT = {"merge_into", "close_as_repeat"}  # Art. 35: `into` names an open earlier report

CASES = [(kind, state) for kind, states in EXPECTED.items() for state in states]


def action(name: str, into: str | None = None) -> ActionInput:
    return ActionInput(action=name, into=into, **INPUTS.get(name, {}))


@pytest.fixture
def case_in(make_case, admin_user):
    def build(kind: str, state: str) -> Case:
        routed, steps = PATHS[kind][state]
        case = make_case(kind=kind, route_to="140213" if routed else None)
        for name in steps:
            case = apply_action(admin_user, case, action(name))
        assert case.state == state
        return case

    return build


def snapshot(case: Case):
    case = Case.objects.get(pk=case.pk)
    return {
        "case": (case.state, case.handling_org_id, case.outcome, case.outcome_note, case.amount_recovered,
                 case.enforcement_ref, case.accepted_on, case.closed_at, case.next_due, case.event_count,
                 case.last_event_hash),
        "events": list(CaseEvent.objects.filter(case=case).values_list("id", "seq", "action", "hash")),
        "clocks": list(case.clocks.order_by("id").values_list(
            "id", "kind", "state", "start", "due", "paused_on", "stopped_on", "pauses", "extra_working_days",
            "org_id")),
        "cases": Case.objects.count(),
        "numbers": list(CaseNumberCounter.objects.values_list("day", "last")),
    }


def test_the_hand_written_table_is_the_workflow_table():
    for kind, states in EXPECTED.items():
        table_states = set()
        for transition in workflow.TRANSITIONS[kind].values():
            table_states |= transition.sources
            table_states |= {transition.target_from(s) for s in transition.sources} - {None}
        assert table_states == set(states), kind
        for state, allowed in states.items():
            assert set(workflow.allowed_actions(kind, state)) == set(allowed), (kind, state)
            for name, target in allowed.items():
                transition = workflow.TRANSITIONS[kind][name]
                assert (transition.target_from(state) or state) == target, (kind, state, name)


@pytest.mark.parametrize(("kind", "state"), CASES, ids=[f"{k}-{s}" for k, s in CASES])
def test_every_action_not_allowed_is_refused_with_409_and_changes_nothing(case_in, admin_user, kind, state):
    case = case_in(kind, state)
    before = snapshot(case)
    refused = [name for name in workflow.ALL_ACTIONS if name not in EXPECTED[kind][state]]
    assert refused, "every state refuses something"
    for name in refused:
        with pytest.raises(WorkflowError) as excinfo:
            apply_action(admin_user, case, action(name))
        assert excinfo.value.status == 409, (name, str(excinfo.value))
        assert snapshot(case) == before, name
    for unknown in ("fly", "odr_reply_x", "", "ACCEPT"):
        with pytest.raises(WorkflowError) as excinfo:
            apply_action(admin_user, case, ActionInput(action=unknown))
        assert excinfo.value.status == 422
        assert snapshot(case) == before


@pytest.mark.parametrize(("kind", "state"), CASES, ids=[f"{k}-{s}" for k, s in CASES])
def test_every_allowed_action_succeeds_and_leaves_one_event(case_in, make_case, admin_user, kind, state):
    for name, target in EXPECTED[kind][state].items():
        case = case_in(kind, state)
        for step in BEFORE.get((kind, state, name), []):
            case = apply_action(admin_user, case, action(step))
        events_before = case.event_count
        earlier = make_case(kind="report").number if name in NEEDS_EARLIER_REPORT else None
        case = apply_action(admin_user, case, action(name, into=earlier))
        case.refresh_from_db()
        assert case.state == target, name
        assert case.event_count == events_before + 1
        last = case.events.order_by("-seq").first()
        assert (last.action, last.from_state, last.to_state) == (name, state, target)
