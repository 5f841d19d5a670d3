"""The legal workflows as data: states, actions, transitions and grounds per rule version.

Pure: the services in `weiquan.cases.services` apply these tables; views, API and tests read them.
Complaint (Order 121 Arts. 15–27; Order 20 for items received before 2026-04-15), report
(Arts. 29–37 with the administrative-penalty procedure) and consultation.

Decisions taken where the rules leave room (see `shared/domain/12315-rules.md` §1.3, §1.4):

- RECEIVED always means "at the intake unit": the case's handling organisation is its intake
  organisation. `route` hands it to a competent bureau (ROUTED); `return_to_intake` brings it back
  from there and never sends it sideways (Art. 41); `transfer` is a superior designating another
  bureau inside its own subtree (Arts. 13, 33) while the acceptance decision is still open.
- `settle` (调解成功, Art. 24) needs mediation: it is allowed from MEDIATING only. Parties who settle
  by themselves before mediation starts end it by termination ground `withdrawn_or_settled`
  (Art. 23(1)); a settlement reached while testing is under way is recorded after `resume`.
- `terminate` (Art. 23) is allowed from ACCEPTED (a party refuses mediation, ground 2), MEDIATING,
  PAUSED (e.g. a party ceases to exist while testing runs) and SUSPENDED.
- Recusal (回避, Order 121 Art. 21; Order 20 Art. 20): when a party asks for a mediator to step aside,
  the bureau suspends mediation (中止调解) and decides. `request_recusal` takes a mediation to
  SUSPENDED; `grant_recusal` (the mediator steps aside, another takes over) or `refuse_recusal` brings
  it back to MEDIATING. Whether the suspension counts against the mediation period is not settled
  (domain rules §1.5): by default it counts; the setting `WEIQUAN_RECUSAL_STOPS_CLOCK` makes it stand
  still as during testing. A request is taken while mediation runs (MEDIATING); during testing (PAUSED)
  nobody mediates, so the request waits until mediation resumes.
- `refer_to_police` (Art. 42) records that suspected fraud or extortion by the filer was handed to the
  public security organs: a side action, once per complaint, in every state in which a bureau holds it.
  The complaint itself then ends the usual way (refusal, or termination on ground `inadmissible_found`).
- Repeated reports (Art. 35): `close_as_repeat` closes a report that repeats the same facts against the
  same business as an earlier open report (not handled again); `merge_into` merges a report bringing new
  facts into the earlier one, whose verification period restarts from the day the later report was
  received. Either closes the later report (its clocks void) pointing at the earlier one
  (`duplicate_of`); the earlier one records a `merged_in` (or `repeat_in`) event. Taken by the bureau
  holding both, while the later report is not yet decided (RECEIVED, ROUTED, VERIFYING).
- Telling the reporter (Order 20 Art. 31; Order 121 Art. 36 leaves it to local rules): a filing decision on
  a report whose reporter gave a name and a way to reach them starts a 5-working-day clock — always for
  items under Order 20, under Order 121 unless the deployment turns `WEIQUAN_REPORTER_NOTICE` off.
  `notify_reporter` (a side action of FILED and NOT_FILED) stops it; the report closes only after.
- `withdraw` before acceptance (RECEIVED, ROUTED) ends the complaint as WITHDRAWN and cancels its
  clocks. After acceptance (ACCEPTED, MEDIATING, PAUSED, SUSPENDED) a withdrawal is the first termination
  ground of Art. 23: the case becomes TERMINATED with ground `withdrawn_or_settled` and the 7-working-
  day notice clock starts, exactly as `terminate` would. Reports are handled ex officio: a reporter
  cannot withdraw one (the bureau still verifies the lead), so `withdraw` is refused for reports.
- `file_case` on a complaint (诉转案, Art. 27) is a side action (the state does not change) open in
  every state in which a bureau holds the complaint, from ROUTED to the outcome; once per case.
  On a report it is the filing decision (立案) that ends verification.
- `reopen` (after a call-back, Art. 26) brings a closed complaint back to ACCEPTED with a new
  mediation period, a report back to VERIFYING with a new verification period, and a consultation
  back to RECEIVED at its intake unit. Only complaints that had been accepted can be reopened (a
  refusal is challenged by reconsideration or in court; a withdrawn complaint is filed again).
- `split` (Art. 9) of a mixed submission is a side action at intake (RECEIVED) on a complaint or a
  report; it creates the other half, linked by `split_from`.
- Order 20 (Art. 15) had no refusal ground `identity`, and (Art. 21) no termination ground
  `party_ceased`; its ground on testing covered disagreement over the institution as well as the cost,
  which `testing_cost_dispute` stands for. Under Order 121 mediation must end within 60 natural days of
  acceptance; under Order 20 within 45 working days.
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
SUSPENDED = "suspended"  # 中止调解: a party asked for a mediator's recusal, the bureau decides (Art. 21)
SETTLED = "settled"  # 调解成功
TERMINATED = "terminated"  # 终止调解 (Art. 23)
NOT_ACCEPTED = "not_accepted"  # 不予受理 (Art. 16)
WITHDRAWN = "withdrawn"
VERIFYING = "verifying"  # report: 核查
FILED = "filed"  # report: 立案
NOT_FILED = "not_filed"  # report: 不予立案
ANSWERED = "answered"  # consultation
CLOSED = "closed"

OPEN_STATES = frozenset({RECEIVED, ROUTED, ACCEPTED, MEDIATING, PAUSED, SUSPENDED, VERIFYING, SETTLED, TERMINATED,
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
    # Sources from which the action leads elsewhere, with the legal ground it implies:
    # (source, target, ground), e.g. a withdrawal during mediation terminates it (Art. 23(1)).
    special: tuple[tuple[str, str, str], ...] = ()

    def target_from(self, state: str) -> str | None:
        for source, target, _ground in self.special:
            if source == state:
                return target
        return self.target

    def implied_ground(self, state: str) -> str | None:
        for source, _target, ground in self.special:
            if source == state:
                return ground
        return None


def _t(action: str, sources: set[str] | frozenset[str], target: str | None, ground_set: str | None = None,
       special: tuple[tuple[str, str, str], ...] = ()) -> Transition:
    return Transition(action, frozenset(sources), target, ground_set, special)


_ROUTABLE = {RECEIVED}
_COMPLAINT_LIVE = {ACCEPTED, MEDIATING, PAUSED, SUSPENDED}  # accepted and not yet decided
_COMPLAINT_HELD = {ROUTED, *_COMPLAINT_LIVE, SETTLED, TERMINATED, NOT_ACCEPTED}  # with a bureau, not closed

TRANSITIONS: dict[str, dict[str, Transition]] = {
    COMPLAINT: {t.action: t for t in (
        _t("route", _ROUTABLE, ROUTED),
        _t("split", {RECEIVED}, None),
        _t("transfer", {ROUTED}, ROUTED),
        _t("return_to_intake", {ROUTED}, RECEIVED),
        _t("accept", {ROUTED}, ACCEPTED),
        _t("refuse", {ROUTED}, NOT_ACCEPTED, "refusal"),
        _t("mediate", {ACCEPTED}, MEDIATING),
        _t("pause", {MEDIATING}, PAUSED),
        _t("resume", {PAUSED}, MEDIATING),
        _t("request_recusal", {MEDIATING}, SUSPENDED),
        _t("grant_recusal", {SUSPENDED}, MEDIATING),
        _t("refuse_recusal", {SUSPENDED}, MEDIATING),
        _t("settle", {MEDIATING}, SETTLED),
        _t("terminate", _COMPLAINT_LIVE, TERMINATED, "termination"),
        _t("withdraw", {RECEIVED, ROUTED, *_COMPLAINT_LIVE}, WITHDRAWN,
           special=tuple((s, TERMINATED, "withdrawn_or_settled") for s in sorted(_COMPLAINT_LIVE))),
        _t("file_case", _COMPLAINT_HELD, None),  # 诉转案, Art. 27
        _t("refer_to_police", _COMPLAINT_HELD, None),  # 移送公安机关, Art. 42
        _t("close", {SETTLED, TERMINATED, NOT_ACCEPTED, WITHDRAWN}, CLOSED),
        _t("reopen", {CLOSED}, ACCEPTED),
    )},
    REPORT: {t.action: t for t in (
        _t("route", _ROUTABLE, ROUTED),
        _t("split", {RECEIVED}, None),
        _t("transfer", {ROUTED}, ROUTED),
        _t("return_to_intake", {ROUTED}, RECEIVED),
        _t("verify", {ROUTED}, VERIFYING),
        _t("extend", {VERIFYING}, None),
        _t("pause", {VERIFYING}, PAUSED),
        _t("resume", {PAUSED}, VERIFYING),
        _t("file_case", {VERIFYING}, FILED),
        _t("not_file", {VERIFYING}, NOT_FILED),
        _t("merge_into", {RECEIVED, ROUTED, VERIFYING}, CLOSED),  # Art. 35: new facts
        _t("close_as_repeat", {RECEIVED, ROUTED, VERIFYING}, CLOSED),  # Art. 35: the same facts again
        _t("notify_reporter", {FILED, NOT_FILED}, None),  # Order 20 Art. 31, where the rules keep it
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
               "close", "reopen", "split", "request_recusal", "grant_recusal", "refuse_recusal", "refer_to_police",
               "merge_into", "close_as_repeat", "notify_reporter")

# Who may take which action (roles of the acting user). Admins may do everything. A role only
# ever acts on cases handled inside its organisation's subtree (the services check that first).
# - clerks run the intake unit: route, split, answer consultations, record withdrawals, close;
# - handlers decide and handle at their bureau; they also act as the intake unit for what their
#   bureau registers itself (walk-ins at its window, Art. 8), hence route and split; they cannot
#   designate another bureau (transfer) nor reopen;
# - supervisors can do what handlers do, and designate a bureau in their subtree and reopen;
# - analysts read only.
_HANDLING = {"accept", "refuse", "return_to_intake", "mediate", "pause", "resume", "settle", "terminate",
             "withdraw", "verify", "extend", "file_case", "not_file", "answer", "close",
             "request_recusal", "grant_recusal", "refuse_recusal", "refer_to_police", "merge_into",
             "close_as_repeat", "notify_reporter"}
ROLE_ACTIONS = {
    "clerk": {"route", "answer", "close", "withdraw", "split"},
    "handler": _HANDLING | {"route", "split"},
    "supervisor": _HANDLING | {"route", "split", "transfer", "reopen"},
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
    return [a for a, t in TRANSITIONS.get(kind, {}).items() if state in t.sources and a in permitted]


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

# Who may register cases at all (the public and ODR enterprises come through their own doors).
REGISTERING_ROLES = frozenset({"clerk", "handler", "supervisor", "admin", "integration"})


def reporter_must_be_told(rule_version_: str, name: str, phone: str, address: str, *,
                          where_local_rules_keep_it: bool) -> bool:
    """Whether a filing decision on a report starts the clock for telling the reporter: a real-name reporter
    (a name and a phone or address to reach them), always under Order 20 (Art. 31), under Order 121 where
    the deployment keeps the practice (`where_local_rules_keep_it`, Art. 36 leaves it to local rules)."""
    named = bool(name.strip() and (phone.strip() or address.strip()))
    return named and (rule_version_ == ORDER_20 or where_local_rules_keep_it)
