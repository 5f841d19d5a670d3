"""Every workflow action on an existing case: validate, change state, move clocks, append an event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weiquan.deadlines import clocks
from weiquan.deadlines.models import Clock
from weiquan.lib import workflow
from weiquan.lib.workflow import WorkflowError
from weiquan.orgs.models import Organisation

from ..models import Case
from .errors import InvalidInput, NotVisible
from .events import append_event
from .validation import clean_text

K = Clock.Kind


@dataclass
class ActionInput:
    action: str
    ground: str | None = None
    note: str = ""
    amount_recovered: Decimal | str | None = None
    org: str | None = None
    enforcement_ref: str = ""


def can_act_on(actor, case: Case) -> bool:
    if actor is None or not actor.is_authenticated or actor.organisation_id is None:
        return bool(actor and actor.is_superuser)
    return actor.is_superuser or case.handling_org.path.startswith(actor.organisation.path)


def _target_org(actor, code: str | None, *, within_actor: bool) -> Organisation:
    if not code:
        raise InvalidInput({"org": _("Choose the organisation to send the case to.")})
    org = Organisation.objects.filter(code=code, active=True, kind__in=Organisation.HANDLING_KINDS).first()
    if org is None:
        raise InvalidInput({"org": _("No bureau with this code can handle cases.")})
    if within_actor and not actor.is_superuser and not org.is_within(actor.organisation):
        raise InvalidInput({"org": _("You can only designate an organisation under your own.")})
    return org


def _amount(value) -> Decimal:
    if value in (None, ""):
        return Decimal("0")
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidInput({"amount_recovered": _("Enter an amount of money.")}) from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
        raise InvalidInput({"amount_recovered": _("Enter an amount of money of zero or more.")})
    return amount.quantize(Decimal("0.01"))


def _move_to(case: Case, org: Organisation) -> None:
    case.handling_org = org


@transaction.atomic
def apply_action(actor, case: Case, data: ActionInput, *, at: datetime | None = None,
                 check_scope: bool = True) -> Case:
    case = Case.objects.select_for_update().select_related("handling_org", "intake_org").get(pk=case.pk)
    if check_scope and not can_act_on(actor, case):
        raise NotVisible()
    roles = actor.roles if actor is not None else frozenset({"admin"})
    if data.action not in workflow.ALL_ACTIONS:
        raise WorkflowError(_("Unknown action “%(action)s”.") % {"action": data.action}, status=422)
    permitted = set().union(*(workflow.ROLE_ACTIONS.get(r, set()) for r in roles))
    if data.action not in permitted:
        raise WorkflowError(_("Your role may not take the action “%(action)s”.") % {"action": data.action},
                            status=403)
    if data.action == "split":
        from .split import split_case

        return split_case(actor, case, note=data.note, at=at)
    transition = workflow.transition_for(case.kind, case.state, data.action)
    workflow.check_ground(transition, case.rule_version, data.ground)
    now = at or timezone.now()
    today = timezone.localdate(now)
    note = clean_text(data.note, 2000)
    payload: dict = {"note": note, "ground": data.ground if transition.ground_set else None}
    before = case.state
    handler = _EFFECTS.get((case.kind, data.action)) or _EFFECTS.get(("*", data.action))
    if handler:
        handler(actor, case, data, today, payload)
    if transition.target is not None:
        case.state = transition.target
    if transition.ground_set:
        case.outcome = data.ground or ""
        case.outcome_note = note
    if case.state == workflow.CLOSED:
        case.closed_at = now
        clocks.stop(case, tuple(Clock.Kind.values), today)
    append_event(case, actor, data.action, before, case.state, payload, at=now)
    case.next_due = clocks.earliest_due(case)
    case.save()
    return case


# --- effects per action (clocks, fields); each receives (actor, case, data, today, payload) ------------

def _route(actor, case, data, today, payload):
    org = _target_org(actor, data.org, within_actor=False)
    _move_to(case, org)
    payload["org"] = org.code
    if case.kind == workflow.COMPLAINT:
        clocks.start(case, K.ACCEPTANCE, "acceptance", today, org)
    elif case.kind == workflow.REPORT:
        clocks.start(case, K.VERIFICATION, "verification", today, org)
    else:
        clocks.start(case, K.ANSWER, "answer", today, org)


def _transfer(actor, case, data, today, payload):
    """A superior takes the case over or designates the competent bureau (Arts. 13, 33)."""
    org = _target_org(actor, data.org, within_actor=True)
    if org.pk == case.handling_org_id:
        raise InvalidInput({"org": _("The case is already with this organisation.")})
    payload["org"], payload["from_org"] = org.code, case.handling_org.code
    _move_to(case, org)
    case.clocks.filter(state__in=clocks.OPEN).update(org=org)


def _return_to_intake(actor, case, data, today, payload):
    """A bureau without authority sends the case back to the intake unit, never sideways (Art. 41)."""
    if not data.note and not data.ground:
        raise InvalidInput({"note": _("Say why this bureau has no authority.")})
    payload["from_org"] = case.handling_org.code
    clocks.stop(case, (K.ACCEPTANCE, K.VERIFICATION, K.ANSWER), today)
    _move_to(case, case.intake_org)


def _accept(actor, case, data, today, payload):
    clocks.stop(case, (K.ACCEPTANCE,), today)
    case.accepted_on = today
    name = "mediation_order121" if case.rule_version == workflow.ORDER_121 else "mediation_order20"
    clocks.start(case, K.MEDIATION, name, today, case.handling_org)


def _refuse(actor, case, data, today, payload):
    clocks.stop(case, (K.ACCEPTANCE,), today)


def _settle(actor, case, data, today, payload):
    amount = _amount(data.amount_recovered)
    case.amount_recovered = amount
    payload["amount_recovered"] = str(amount)
    clocks.stop(case, (K.MEDIATION,), today)


def _terminate(actor, case, data, today, payload):
    amount = _amount(data.amount_recovered)
    if amount:
        case.amount_recovered = amount
        payload["amount_recovered"] = str(amount)
    clocks.stop(case, (K.MEDIATION,), today)
    clocks.start(case, K.NOTIFICATION, "notification", today, case.handling_org)


def _pause(actor, case, data, today, payload):
    if not data.note:
        raise InvalidInput({"note": _("Say what is being tested or appraised.")})
    clocks.pause(case, today)


def _resume(actor, case, data, today, payload):
    clocks.resume(case, today)


def _withdraw(actor, case, data, today, payload):
    clocks.stop(case, tuple(Clock.Kind.values), today)


def _extend(actor, case, data, today, payload):
    clock = case.clocks.filter(kind=K.VERIFICATION).order_by("-id").first()
    if clock is None or not clock.is_open:
        raise WorkflowError(_("There is no running verification period to extend."))
    if clock.extra_working_days:
        raise WorkflowError(_("The verification period has already been extended once."))
    if not data.note:
        raise InvalidInput({"note": _("Record the approval of the head of the bureau.")})
    _unit, extra = clocks.limit("verification_extension")
    clock = clocks.extend(case, K.VERIFICATION, extra)
    payload["due"] = clock.due.isoformat()


def _file_case_complaint(actor, case, data, today, payload):
    """诉转案: a lead found while handling a complaint becomes an enforcement case."""
    ref = clean_text(data.enforcement_ref or data.note, 64)
    if not ref:
        raise InvalidInput({"enforcement_ref": _("Give the number of the enforcement case.")})
    case.enforcement_ref = ref
    payload["enforcement_ref"] = ref


def _file_case_report(actor, case, data, today, payload):
    ref = clean_text(data.enforcement_ref, 64)
    if ref:
        case.enforcement_ref = ref
        payload["enforcement_ref"] = ref
    clocks.stop(case, (K.VERIFICATION,), today)


def _not_file(actor, case, data, today, payload):
    clocks.stop(case, (K.VERIFICATION,), today)


def _answer(actor, case, data, today, payload):
    if not data.note:
        raise InvalidInput({"note": _("Write the answer given.")})
    case.outcome_note = clean_text(data.note, 2000)
    clocks.stop(case, (K.ANSWER,), today)


def _reopen(actor, case, data, today, payload):
    if not data.note:
        raise InvalidInput({"note": _("Say why the case is reopened.")})
    case.closed_at = None
    if case.kind == workflow.COMPLAINT:
        case.outcome = ""
        case.accepted_on = today
        name = "mediation_order121" if case.rule_version == workflow.ORDER_121 else "mediation_order20"
        clocks.start(case, K.MEDIATION, name, today, case.handling_org)
    elif case.kind == workflow.REPORT:
        clocks.start(case, K.VERIFICATION, "verification", today, case.handling_org)


_EFFECTS = {
    ("*", "route"): _route,
    ("*", "transfer"): _transfer,
    ("*", "return_to_intake"): _return_to_intake,
    ("*", "accept"): _accept,
    ("*", "refuse"): _refuse,
    ("*", "settle"): _settle,
    ("*", "terminate"): _terminate,
    ("*", "pause"): _pause,
    ("*", "resume"): _resume,
    ("*", "withdraw"): _withdraw,
    ("*", "extend"): _extend,
    (workflow.COMPLAINT, "file_case"): _file_case_complaint,
    (workflow.REPORT, "file_case"): _file_case_report,
    ("*", "not_file"): _not_file,
    ("*", "answer"): _answer,
    ("*", "reopen"): _reopen,
}
