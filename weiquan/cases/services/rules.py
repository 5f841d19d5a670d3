"""Whether an actor may take an action on a case, with the message a user sees when not.

Checked in this order, each answering with its own HTTP status:
1. scope — the case is handled inside the actor's subtree; otherwise 404 (`NotVisible`) when the actor
   cannot see the case at all, 403 when it can see it (its organisation registered it) but not act;
2. the action exists — 422;
3. the actor's role may take it — 403;
4. the case's kind and state allow it (`weiquan.lib.workflow.TRANSITIONS`) — 409;
5. facts of the case the state alone does not tell (a complaint converted once, a verification period
   extended once, a complaint never accepted cannot be reopened) — 409;
6. the legal ground, where the law lists grounds: missing or not one of this rule version's — 422.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from weiquan.deadlines.clocks import OPEN
from weiquan.deadlines.models import Clock
from weiquan.lib import workflow
from weiquan.lib.workflow import Transition, WorkflowError

from .errors import NotVisible


@dataclass(frozen=True)
class Step:
    """What an allowed action does to this case: its transition, the state it leads to and its ground."""

    transition: Transition
    target: str | None
    ground: str | None


def can_act_on(actor, case) -> bool:
    """The case is handled inside the actor's organisation subtree (or the actor is a superuser)."""
    if actor is None or not actor.is_authenticated:
        return False
    if actor.is_superuser:
        return True
    if actor.organisation_id is None:
        return False
    return case.handling_org.path.startswith(actor.organisation.path)


def check_scope(actor, case) -> None:
    if can_act_on(actor, case):
        return
    from weiquan.cases.selectors import is_visible  # selectors import this package: import late

    if is_visible(actor, case):
        raise WorkflowError(_("This case is handled by %(org)s; only that organisation and its superiors "
                              "can act on it.") % {"org": case.handling_org.name}, status=403)
    raise NotVisible()


def permitted_actions(actor) -> set[str]:
    """Actions the actor's roles allow. No actor is the system itself (the public portal acting on a
    query code, triage routing a submission): trusted like an administrator; those callers limit
    what they expose."""
    roles = actor.roles if actor is not None else frozenset({"admin"})
    return set().union(*(workflow.ROLE_ACTIONS.get(r, set()) for r in roles))


def _state_label(state: str) -> str:
    from weiquan.cases.models import Case

    return str(Case.State(state).label) if state in Case.State.values else state


def _blocked_by_facts(case, action: str) -> str | None:
    """Why an action the state allows cannot be taken on this particular case, or None."""
    if action == "file_case" and case.kind == workflow.COMPLAINT and case.enforcement_ref:
        return _("This complaint has already been converted into enforcement case %(ref)s.") % {
            "ref": case.enforcement_ref}
    if action == "refer_to_police" and case.police_referral:
        return _("This complaint has already been referred to the police.")
    if action == "reopen" and case.duplicate_of_id:
        return _("This report was closed into an earlier report; reopen that one instead.")
    if action == "reopen" and case.kind == workflow.COMPLAINT and case.accepted_on is None:
        return _("Only a complaint that was accepted can be reopened; a refusal is challenged by "
                 "reconsideration or in court, and a withdrawn complaint is filed again.")
    if action == "extend":
        clock = case.clocks.filter(kind="verification").order_by("-id").first()
        if clock is None or not clock.is_open:
            return _("There is no running verification period to extend.")
        if clock.extra_working_days:
            return _("The verification period has already been extended once.")
    if case.kind == workflow.REPORT and action in ("notify_reporter", "close"):
        waiting = case.clocks.filter(kind=Clock.Kind.REPORTER_NOTICE, state__in=OPEN).exists()
        if action == "notify_reporter" and not waiting:
            return _("There is no decision waiting to be told to the reporter.")
        if action == "close" and waiting:
            return _("Tell the reporter the decision first (notify the reporter).")
    if action == "split" and (case.split_from_id or case.split_cases.exists()):
        return _("This submission has already been split.")
    if action == "return_to_intake" and case.handling_org_id == case.intake_org_id:
        return _("The case is already with the unit that registered it.")
    return None


def step_for(case, action: str) -> Step:
    """The step an action takes from the case's state; WorkflowError (409) when the state forbids it."""
    if action not in workflow.ALL_ACTIONS:
        raise WorkflowError(_("Unknown action “%(action)s”.") % {"action": action}, status=422)
    transition = workflow.TRANSITIONS.get(case.kind, {}).get(action)
    if transition is None:
        raise WorkflowError(_("A %(kind)s has no action “%(action)s”.") % {
            "kind": case.get_kind_display(), "action": action})
    if case.state not in transition.sources:
        raise WorkflowError(_("The action “%(action)s” is not allowed while the case is %(state)s.") % {
            "action": action, "state": _state_label(case.state)})
    reason = _blocked_by_facts(case, action)
    if reason:
        raise WorkflowError(reason)
    return Step(transition, transition.target_from(case.state), transition.implied_ground(case.state))


def check_ground(case, step: Step, ground: str | None) -> str | None:
    """The legal ground the step records: the implied one, or the one given, checked (422)."""
    if step.ground:
        return step.ground
    ground_set = step.transition.ground_set
    if ground_set is None:
        return None
    valid = workflow.grounds_for(ground_set, case.rule_version)
    if not ground:
        raise WorkflowError(_("This action needs a legal ground, one of: %(grounds)s.") % {
            "grounds": ", ".join(valid)}, status=422)
    if ground not in valid:
        raise WorkflowError(_("“%(ground)s” is not a ground for this action under %(version)s; valid: "
                              "%(grounds)s.") % {"ground": ground, "version": case.get_rule_version_display(),
                                                 "grounds": ", ".join(valid)}, status=422)
    return ground


def check(actor, case, action: str, ground: str | None, *, scope: bool = True) -> tuple[Step, str | None]:
    """All checks, in the documented order. Returns the step and the ground it records."""
    if scope:
        check_scope(actor, case)
    if action not in workflow.ALL_ACTIONS:
        raise WorkflowError(_("Unknown action “%(action)s”.") % {"action": action}, status=422)
    if action not in permitted_actions(actor):
        raise WorkflowError(_("Your role may not take the action “%(action)s”.") % {"action": action},
                            status=403)
    step = step_for(case, action)
    return step, check_ground(case, step, ground)


def available_actions(actor, case) -> list[str]:
    """Exactly the actions `apply_action` would let this actor try on this case now (inputs aside)."""
    if not can_act_on(actor, case):
        return []
    permitted = permitted_actions(actor)
    return [action for action in workflow.allowed_actions(case.kind, case.state)
            if action in permitted and _blocked_by_facts(case, action) is None]
