"""Every workflow action on an existing case: validate, change state, move clocks, append an event.

The checks (scope, role, state, ground) live in `rules`; the effects of each action on fields and clocks
are the `_effect` functions below, looked up in `_EFFECTS`. A refused action changes nothing: every check
and every effect runs inside one transaction, before the event is appended.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weiquan.deadlines import clocks
from weiquan.deadlines.models import Clock
from weiquan.lib import workflow
from weiquan.orgs.models import Organisation

from ..models import Case
from ..signals import case_transitioned
from . import rules
from .deferred import DEFERRABLE, deferred_writes
from .errors import InvalidInput
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
    into: str | None = None  # merge_into / close_as_repeat: the number of the earlier report
    target: Organisation | None = None  # the organisation `org` names, when the caller has just looked it up


can_act_on = rules.can_act_on  # kept here: presenters and views import it from this module
available_actions = rules.available_actions


def _target_org(actor, code: str | None, *, within_actor: bool, known: Organisation | None = None) -> Organisation:
    if not code:
        raise InvalidInput({"org": _("Choose the organisation to send the case to.")})
    if known is not None and known.code == code and known.active and known.kind in Organisation.HANDLING_KINDS:
        org = known
    else:
        org = Organisation.objects.filter(code=code, active=True, kind__in=Organisation.HANDLING_KINDS).first()
    if org is None:
        raise InvalidInput({"org": _("No bureau with this code can handle cases.")})
    if within_actor and actor is not None and not actor.is_superuser and (
            actor.organisation is None or not org.is_within(actor.organisation)):
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


def apply_action(actor, case: Case, data: ActionInput, *, at: datetime | None = None,
                 check_scope: bool = True, locked: bool = False) -> Case:
    """Take one action on a case as `actor`; returns the case as it is afterwards.

    Raises NotVisible (404), WorkflowError (403, 409 or 422, see `rules`) or InvalidInput (422); then
    nothing has changed. `check_scope=False` is for callers that checked access themselves (the
    public portal with a query code, registration routing a case it has just created). `locked`: the
    caller holds this very row in the current transaction (registration, which has just inserted it).
    A locked case under `DeferredWrites` (batch triage) has its writes made with the batch's."""
    deferred = deferred_writes(case) if locked else None
    if deferred is not None and data.action not in DEFERRABLE:
        raise ValueError(f"the writes of {data.action!r} cannot be deferred")
    # deferred: nothing is written here, so there is nothing for a savepoint to undo
    with transaction.atomic(savepoint=deferred is None):
        return _apply(actor, case, data, at=at, check_scope=check_scope, locked=locked, deferred=deferred)


def _apply(actor, case: Case, data: ActionInput, *, at, check_scope, locked, deferred) -> Case:
    if not locked:
        # of=("self",): lock the case row only, not the organisations joined in (PostgreSQL would lock them
        # too, and every action on a bureau's cases would queue behind the others)
        case = Case.objects.select_for_update(of=("self",)).select_related("handling_org", "intake_org").get(
            pk=case.pk)
    step, ground = rules.check(actor, case, data.action, data.ground, scope=check_scope)
    now = at or timezone.now()
    today = timezone.localdate(now, timezone.get_default_timezone())
    note = clean_text(data.note, 2000)
    data = replace(data, note=note)  # effects that require a note see the cleaned one (no blank notes)
    payload: dict = {"note": note, "ground": ground}
    before = case.state
    handler = _EFFECTS.get((case.kind, data.action)) or _EFFECTS.get(("*", data.action))
    if handler:
        handler(actor, case, data, today, payload, step=step, at=now)
    if step.target is not None:
        case.state = step.target
    if ground:
        case.outcome = ground
        case.outcome_note = note
    if case.state == workflow.CLOSED:
        case.closed_at = now
        clocks.stop(case, tuple(Clock.Kind.values), today)
    append_event(case, actor, data.action, before, case.state, payload, at=now)
    case.next_due = clocks.earliest_due(case)

    def transitioned():
        case_transitioned.send(sender=Case, case=case, actor=actor, action=data.action, from_state=before,
                               payload=payload)

    if deferred is None:
        case.save()
        transitioned()
    else:
        deferred.after_flush(transitioned)
    return case


# --- effects per action (clocks, fields); each receives (actor, case, data, today, payload, step=, at=) --

_DECISION_CLOCKS = (K.ACCEPTANCE, K.VERIFICATION, K.ANSWER)  # the clock the holder of a routed case runs


def _decision_clock(case, org, today) -> None:
    if case.kind == workflow.COMPLAINT:
        clocks.start(case, K.ACCEPTANCE, "acceptance", today, org)
    elif case.kind == workflow.REPORT:
        clocks.start(case, K.VERIFICATION, "verification", today, org)
    else:
        clocks.start(case, K.ANSWER, "answer", today, org)


def _mediation_clock(case, today) -> None:
    """60 natural days from acceptance under Order 121 (Art. 23(5)), 45 working days under Order 20."""
    name = "mediation_order121" if case.rule_version == workflow.ORDER_121 else "mediation_order20"
    clocks.start(case, K.MEDIATION, name, today, case.handling_org)


def _route(actor, case, data, today, payload, **_kw):
    org = _target_org(actor, data.org, within_actor=False, known=data.target)
    _move_to(case, org)
    payload["org"] = org.code
    clocks.stop(case, (K.JURISDICTION,), today)  # a returned case: the question of authority is settled
    _decision_clock(case, org, today)


def _transfer(actor, case, data, today, payload, **_kw):
    """A superior takes the case over or designates the competent bureau inside its own subtree
    (Arts. 13, 33). The designated bureau's period for its decision runs from the day it gets the case
    (Art. 15: "from receipt"), so the previous holder's clock is cancelled and a new one starts."""
    org = _target_org(actor, data.org, within_actor=True)
    if org.pk == case.handling_org_id:
        raise InvalidInput({"org": _("The case is already with this organisation.")})
    payload["org"], payload["from_org"] = org.code, case.handling_org.code
    _move_to(case, org)
    clocks.cancel(case, _DECISION_CLOCKS)
    _decision_clock(case, org, today)


def _return_to_intake(actor, case, data, today, payload, **_kw):
    """A bureau without authority sends the case back to the intake unit, never sideways (Art. 41).
    The question of authority is then open: the intake unit has 7 working days to send the case to the
    competent bureau (our reading of the jurisdiction-dispute period of Art. 33); `route` stops it."""
    if not data.note and not data.ground:
        raise InvalidInput({"note": _("Say why this bureau has no authority.")})
    payload["from_org"] = case.handling_org.code
    clocks.stop(case, _DECISION_CLOCKS, today)
    _move_to(case, case.intake_org)
    clocks.start(case, K.JURISDICTION, "jurisdiction", today, case.intake_org)


def _accept(actor, case, data, today, payload, **_kw):
    clocks.stop(case, (K.ACCEPTANCE,), today)
    case.accepted_on = today
    _mediation_clock(case, today)


def _refuse(actor, case, data, today, payload, **_kw):
    clocks.stop(case, (K.ACCEPTANCE,), today)


def _settle(actor, case, data, today, payload, **_kw):
    amount = _amount(data.amount_recovered)
    case.amount_recovered = amount
    payload["amount_recovered"] = str(amount)
    clocks.stop(case, (K.MEDIATION,), today)


def _terminate(actor, case, data, today, payload, **_kw):
    amount = _amount(data.amount_recovered)
    if amount:
        case.amount_recovered = amount
        payload["amount_recovered"] = str(amount)
    clocks.stop(case, (K.MEDIATION,), today)
    clocks.start(case, K.NOTIFICATION, "notification", today, case.handling_org)


def _pause(actor, case, data, today, payload, **_kw):
    if not data.note:
        raise InvalidInput({"note": _("Say what is being tested or appraised.")})
    clocks.pause(case, today)


def _resume(actor, case, data, today, payload, **_kw):
    clocks.resume(case, today)


def _request_recusal(actor, case, data, today, payload, **_kw):
    """A party asks for a mediator to step aside: mediation is suspended until the bureau decides
    (Order 121 Art. 21). Whether the suspension counts is the deployment's choice (`workflow`)."""
    if not data.note:
        raise InvalidInput({"note": _("Say which party asks, which mediator is challenged and why.")})
    if settings.WEIQUAN_RECUSAL_STOPS_CLOCK:
        clocks.pause(case, today)
        payload["clock"] = "paused"


def _decide_recusal(actor, case, data, today, payload, **_kw):
    """The bureau's decision on a recusal request; mediation continues either way (with another mediator
    when the request is granted). A clock the request stopped runs again, with the days back."""
    if not data.note:
        raise InvalidInput({"note": _("Record the decision: who decided, and who mediates from now on.")})
    clocks.resume(case, today)


def _withdraw(actor, case, data, today, payload, *, step, **_kw):
    """Before acceptance the complaint simply ends and its clocks are void. After acceptance the
    withdrawal terminates mediation on ground `withdrawn_or_settled` (Art. 23(1)); the parties are
    notified as after any termination."""
    if step.ground:
        _terminate(actor, case, data, today, payload)
    else:
        clocks.cancel(case)


def _extend(actor, case, data, today, payload, **_kw):
    """+15 working days of verification, once, with the head's approval (rules check "once")."""
    if not data.note:
        raise InvalidInput({"note": _("Record the approval of the head of the bureau.")})
    _unit, extra = clocks.limit("verification_extension")
    clock = clocks.extend(case, K.VERIFICATION, extra)
    payload["due"] = clock.due.isoformat()


def _file_case_complaint(actor, case, data, today, payload, **_kw):
    """诉转案: a lead found while handling a complaint becomes an enforcement case."""
    ref = clean_text(data.enforcement_ref or data.note, 64)
    if not ref:
        raise InvalidInput({"enforcement_ref": _("Give the number of the enforcement case.")})
    case.enforcement_ref = ref
    payload["enforcement_ref"] = ref


def _file_case_report(actor, case, data, today, payload, **_kw):
    ref = clean_text(data.enforcement_ref, 64)
    if ref:
        case.enforcement_ref = ref
        payload["enforcement_ref"] = ref
    clocks.stop(case, (K.VERIFICATION,), today)
    _reporter_notice_clock(case, today)


def _reporter_notice_clock(case, today) -> None:
    """After the filing decision: 5 working days to tell a real-name reporter (Order 20 Art. 31; under Order
    121 where the deployment keeps the practice, `WEIQUAN_REPORTER_NOTICE`)."""
    if workflow.reporter_must_be_told(case.rule_version, case.complainant_name, case.complainant_phone,
                                      case.complainant_address,
                                      where_local_rules_keep_it=settings.WEIQUAN_REPORTER_NOTICE):
        clocks.start(case, K.REPORTER_NOTICE, "reporter_notice", today, case.handling_org)


def _notify_reporter(actor, case, data, today, payload, **_kw):
    if not data.note:
        raise InvalidInput({"note": _("Say how and when the reporter was told the decision.")})
    clocks.stop(case, (K.REPORTER_NOTICE,), today)


def _refer_to_police(actor, case, data, today, payload, **_kw):
    """Art. 42: suspected fraud or extortion by the filer handed to the public security organs."""
    if not data.note:
        raise InvalidInput({"note": _("Say which public security organ the matter went to, and why.")})
    case.police_referral = clean_text(data.note, 200)


def _close_into(actor, case, data, today, payload, *, at, **_kw):
    from .merge import close_into

    close_into(actor, case, data.into, restart=data.action == "merge_into", today=today, at=at, note=data.note,
               payload=payload)


def _not_file(actor, case, data, today, payload, **_kw):
    clocks.stop(case, (K.VERIFICATION,), today)
    _reporter_notice_clock(case, today)


def _answer(actor, case, data, today, payload, **_kw):
    if not data.note:
        raise InvalidInput({"note": _("Write the answer given.")})
    case.outcome_note = clean_text(data.note, 2000)
    clocks.stop(case, (K.ANSWER, K.JURISDICTION), today)


def _reopen(actor, case, data, today, payload, **_kw):
    """After a call-back (Art. 26): a complaint is mediated again with a new period (its acceptance
    date stays), a report verified again, a consultation goes back to its intake unit to be answered."""
    if not data.note:
        raise InvalidInput({"note": _("Say why the case is reopened.")})
    case.closed_at = None
    if case.kind == workflow.COMPLAINT:
        case.outcome = ""
        case.outcome_note = ""
        _mediation_clock(case, today)
    elif case.kind == workflow.REPORT:
        clocks.start(case, K.VERIFICATION, "verification", today, case.handling_org)
    else:
        _move_to(case, case.intake_org)


def _split(actor, case, data, today, payload, *, at, **_kw):
    from .split import create_sibling

    sibling = create_sibling(actor, case, note=clean_text(data.note, 2000), at=at)
    payload["split_into"] = sibling.number


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
    ("*", "request_recusal"): _request_recusal,
    ("*", "grant_recusal"): _decide_recusal,
    ("*", "refuse_recusal"): _decide_recusal,
    ("*", "extend"): _extend,
    (workflow.COMPLAINT, "file_case"): _file_case_complaint,
    (workflow.REPORT, "file_case"): _file_case_report,
    ("*", "not_file"): _not_file,
    (workflow.REPORT, "notify_reporter"): _notify_reporter,
    (workflow.COMPLAINT, "refer_to_police"): _refer_to_police,
    (workflow.REPORT, "merge_into"): _close_into,
    (workflow.REPORT, "close_as_repeat"): _close_into,
    ("*", "answer"): _answer,
    ("*", "reopen"): _reopen,
    ("*", "split"): _split,
}
