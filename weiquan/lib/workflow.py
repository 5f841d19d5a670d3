"""The legal workflows as data: states, actions, transitions and grounds per rule version.

Pure: the services in `weiquan.cases.services` apply these tables; views, API and tests read them.
Complaint (Order 121 Arts. 15–27; Order 20 for items received before 2026-04-15), report
(Arts. 29–37 with the administrative-penalty procedure) and consultation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ORDER_121_FROM = date(2026, 4, 15)
ORDER_121 = "order121"
ORDER_20 = "order20"

COMPLAINT, REPORT, CONSULTATION = "complaint", "report", "consultation"
KINDS = (COMPLAINT, REPORT, CONSULTATION)

# --- states -----------------------------------------------------------------------------------
RECEIVED = "received"  # registered at the intake unit, not yet with a competent bureau
ROUTED = "routed"  # with the competent bureau, awaiting its decision
ACCEPTED = "accepted"  # complaint accepted (受理), mediation not yet started
MEDIATING = "mediating"
PAUSED = "paused"  # testing or appraisal: the clock stands still (Art. 22)
SETTLED = "settled"  # 调解成功
TERMINATED = "terminated"  # 终止调解 (Art. 23)
NOT_ACCEPTED = "not_accepted"  # 不予受理 (Art. 16)
WITHDRAWN = "withdrawn"
VERIFYING = "verifying"  # report: 核查
FILED = "filed"  # report: 立案
NOT_FILED = "not_filed"  # report: 不予立案
ANSWERED = "answered"  # consultation
CLOSED = "closed"

OPEN_STATES = frozenset({RECEIVED, ROUTED, ACCEPTED, MEDIATING, PAUSED, VERIFYING, SETTLED, TERMINATED,
                         NOT_ACCEPTED, WITHDRAWN, FILED, NOT_FILED, ANSWERED})
FINAL_STATES = frozenset({CLOSED})

# --- grounds (interface contract codes) ---------------------------------------------------------
REFUSAL_GROUNDS = {
    ORDER_121: ("out_of_scope", "handled_elsewhere", "not_for_consumption", "time_barred",
                "incomplete_or_false", "identity", "other_law"),
    # Order 20 Art. 15 had six grounds: no "identity" ground, and materials only "incomplete".
    ORDER_20: ("out_of_scope", "handled_elsewhere", "not_for_consumption", "time_barred",
               "incomplete_or_false", "other_law"),
}
TERMINATION_GROUNDS = {
    ORDER_121: ("withdrawn_or_settled", "absent_or_refused", "no_agreement_possible", "testing_cost_dispute",
                "time_limit", "inadmissible_found", "party_ceased", "other_law"),
    # Order 20 Art. 21: no ground for a party's death or dissolution.
    ORDER_20: ("withdrawn_or_settled", "absent_or_refused", "no_agreement_possible", "testing_cost_dispute",
               "time_limit", "inadmissible_found", "other_law"),
}


def rule_version(received_on: date) -> str:
    return ORDER_121 if received_on >= ORDER_121_FROM else ORDER_20


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str | None  # None: the state does not change (a side action)
    ground_set: str | None = None  # "refusal" or "termination" when a legal ground is required


def _t(action: str, sources: set[str] | frozenset[str], target: str | None, ground_set: str | None = None):
    return Transition(action, frozenset(sources), target, ground_set)


_ROUTABLE = {RECEIVED}
_COMPLAINT_LIVE = {ACCEPTED, MEDIATING, PAUSED}

TRANSITIONS: dict[str, dict[str, Transition]] = {
    COMPLAINT: {t.action: t for t in (
        _t("route", _ROUTABLE, ROUTED),
        _t("transfer", {ROUTED}, ROUTED),
        _t("return_to_intake", {ROUTED}, RECEIVED),
        _t("accept", {ROUTED}, ACCEPTED),
        _t("refuse", {ROUTED}, NOT_ACCEPTED, "refusal"),
        _t("mediate", {ACCEPTED}, MEDIATING),
        _t("pause", {MEDIATING}, PAUSED),
        _t("resume", {PAUSED}, MEDIATING),
        _t("settle", {ACCEPTED, MEDIATING}, SETTLED),
        _t("terminate", _COMPLAINT_LIVE, TERMINATED, "termination"),
        _t("withdraw", {RECEIVED, ROUTED}, WITHDRAWN),
        _t("file_case", {ACCEPTED, MEDIATING, PAUSED, SETTLED, TERMINATED}, None),  # 诉转案
        _t("close", {SETTLED, TERMINATED, NOT_ACCEPTED, WITHDRAWN}, CLOSED),
        _t("reopen", {CLOSED}, ACCEPTED),
    )},
    REPORT: {t.action: t for t in (
        _t("route", _ROUTABLE, ROUTED),
        _t("transfer", {ROUTED}, ROUTED),
        _t("return_to_intake", {ROUTED}, RECEIVED),
        _t("verify", {ROUTED}, VERIFYING),
        _t("extend", {VERIFYING}, None),
        _t("pause", {VERIFYING}, PAUSED),
        _t("resume", {PAUSED}, VERIFYING),
        _t("file_case", {VERIFYING}, FILED),
        _t("not_file", {VERIFYING}, NOT_FILED),
        _t("close", {FILED, NOT_FILED}, CLOSED),
        _t("reopen", {CLOSED}, VERIFYING),
    )},
    CONSULTATION: {t.action: t for t in (
        _t("route", _ROUTABLE, ROUTED),
        _t("return_to_intake", {ROUTED}, RECEIVED),
        _t("answer", {RECEIVED, ROUTED}, ANSWERED),
        _t("close", {ANSWERED}, CLOSED),
        _t("reopen", {CLOSED}, RECEIVED),
    )},
}
ALL_ACTIONS = ("route", "accept", "refuse", "transfer", "return_to_intake", "mediate", "pause", "resume",
               "settle", "terminate", "withdraw", "verify", "extend", "file_case", "not_file", "answer",
               "close", "reopen", "split")

# Who may take which action (roles of the acting user). Admins may do everything.
ROLE_ACTIONS = {
    "clerk": {"route", "answer", "close", "withdraw", "split"},
    "handler": {"accept", "refuse", "return_to_intake", "mediate", "pause", "resume", "settle", "terminate",
                "withdraw", "verify", "extend", "file_case", "not_file", "answer", "close"},
    "supervisor": {"route", "transfer", "reopen", "accept", "refuse", "return_to_intake", "mediate", "pause",
                   "resume", "settle", "terminate", "withdraw", "verify", "extend", "file_case", "not_file",
                   "answer", "close", "split"},
    "analyst": set(),
    "admin": set(ALL_ACTIONS),
}


class WorkflowError(Exception):
    """An action the workflow refuses. `status` mirrors the HTTP status a caller should see."""

    status = 409

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        if status is not None:
            self.status = status


def transition_for(kind: str, state: str, action: str) -> Transition:
    table = TRANSITIONS.get(kind, {})
    if action not in ALL_ACTIONS:
        raise WorkflowError(f"unknown action {action!r}", status=422)
    transition = table.get(action)
    if transition is None:
        raise WorkflowError(f"a {kind} has no action {action!r}")
    if state not in transition.sources:
        raise WorkflowError(f"action {action!r} is not allowed in state {state!r}")
    return transition


def allowed_actions(kind: str, state: str, roles: set[str] | frozenset[str] = frozenset({"admin"})) -> list[str]:
    permitted: set[str] = set().union(*(ROLE_ACTIONS.get(r, set()) for r in roles)) if roles else set()
    actions = [a for a, t in TRANSITIONS.get(kind, {}).items() if state in t.sources and a in permitted]
    if kind in (COMPLAINT, REPORT) and state == RECEIVED and "split" in permitted:
        actions.append("split")
    return actions


def grounds_for(ground_set: str | None, version: str) -> tuple[str, ...]:
    if ground_set == "refusal":
        return REFUSAL_GROUNDS[version]
    if ground_set == "termination":
        return TERMINATION_GROUNDS[version]
    return ()


def check_ground(transition: Transition, version: str, ground: str | None) -> None:
    if transition.ground_set is None:
        return
    valid = grounds_for(transition.ground_set, version)
    if not ground:
        raise WorkflowError(
            f"action {transition.action!r} needs a legal ground, one of: {', '.join(valid)}", status=422)
    if ground not in valid:
        raise WorkflowError(
            f"ground {ground!r} is not a {transition.ground_set} ground under {version}; "
            f"valid: {', '.join(valid)}", status=422)
