"""A case told in plain words for the person who filed it: what happened, what comes next, by when.

No personal data and no staff names: only dates, steps, the bureau handling the case and its time limits.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from weiquan.lib import workflow

from .services import can_rate, can_withdraw

W = workflow


def _step_texts() -> dict[str, str]:
    return {
        "register": _("Received and registered."),
        "split": _("Split into a complaint and a report, each handled by its own procedure."),
        "route": _("Sent to the market regulation bureau competent for the business."),
        "transfer": _("Passed to another bureau designated by the superior bureau."),
        "return_to_intake": _("Returned to the 12315 centre to find the competent bureau."),
        "accept": _("Accepted by the bureau."),
        "refuse": _("Not accepted by the bureau."),
        "mediate": _("Mediation between you and the business started."),
        "pause": _("Mediation paused while the goods are tested or appraised (the time limit stands still)."),
        "resume": _("Mediation resumed."),
        "request_recusal": _("A party asked for a mediator to step aside; mediation is suspended until the "
                             "bureau decides."),
        "grant_recusal": _("The bureau decided that the mediator steps aside; mediation continues with another "
                           "mediator."),
        "refuse_recusal": _("The bureau decided that the mediator need not step aside; mediation continues."),
        "merge_into": _("Handled together with an earlier report about the same matter, which your new facts "
                        "were added to; its verification period started again."),
        "close_as_repeat": _("The same facts were already reported and are being verified; this report is not "
                             "handled a second time."),
        "merged_in": _("A later report about the same matter was added to this one; the verification period "
                       "started again."),
        "settle": _("Mediation succeeded: you and the business reached an agreement."),
        "terminate": _("Mediation ended without an agreement."),
        "withdraw": _("Withdrawn at your request."),
        "verify": _("The bureau started verifying the reported facts."),
        "extend": _("The verification period was extended with the approval of the head of the bureau."),
        "file_case": _("The bureau opened an enforcement case."),
        "not_file": _("The bureau decided not to open an enforcement case."),
        "answer": _("Your question was answered."),
        "notify_reporter": _("The bureau told you its decision."),
        "close": _("Closed."),
        "reopen": _("Reopened after a follow-up call."),
        "rate": _("You rated the handling. Thank you."),
    }


def _now_and_next(case) -> tuple[str, str]:
    """(where the case stands, what comes next) for its kind and state."""
    k, s = case.kind, case.state
    if s == W.RECEIVED:
        return (_("The 12315 centre has your submission."),
                _("The centre checks it and sends it to the bureau competent for the business, "
                  "usually within a few working days."))
    if s == W.ROUTED:
        if k == W.COMPLAINT:
            return (_("The competent bureau has your complaint."),
                    _("The bureau decides within 7 working days whether to accept it, and tells you."))
        if k == W.REPORT:
            return (_("The competent bureau has your report."),
                    _("The bureau checks the facts you reported, normally within 15 working days."))
        return (_("A bureau is preparing the answer to your question."), _("You will get an answer soon."))
    table = {
        W.ACCEPTED: (_("The bureau accepted your complaint."),
                     _("It mediates between you and the business; mediation ends within 60 days of acceptance.")),
        W.MEDIATING: (_("The bureau is mediating between you and the business."),
                      _("Mediation ends within 60 days of acceptance, with an agreement or without one.")),
        W.PAUSED: (_("The goods are being tested or appraised; the time limit stands still meanwhile."),
                   _("Mediation continues when the result is in.")),
        W.SUSPENDED: (_("Mediation is suspended: a party asked for a mediator to step aside."),
                      _("The bureau decides on the request, then mediation continues.")),
        W.SETTLED: (_("You and the business reached an agreement through mediation."),
                    _("The bureau records the agreement and closes the case.")),
        W.TERMINATED: (_("Mediation ended without an agreement."),
                       _("The bureau tells you so within 7 working days. You may still turn to a consumer "
                         "association, arbitration or a court.")),
        W.NOT_ACCEPTED: (_("The bureau did not accept your complaint."),
                         _("It tells you why. You may apply for administrative reconsideration or go to court, "
                           "or settle the dispute another way.")),
        W.WITHDRAWN: (_("You withdrew your complaint."), _("Nothing more happens. You may file again.")),
        W.VERIFYING: (_("The bureau is verifying the facts you reported."),
                      _("Verification normally ends within 15 working days; it may be extended once by 15.")),
        W.FILED: (_("The bureau opened an enforcement case on your report."),
                  _("The enforcement case follows the administrative penalty procedure.")),
        W.NOT_FILED: (_("The bureau decided not to open an enforcement case."),
                      _("The case will be closed.")),
        W.ANSWERED: (_("Your question was answered."), _("The case will be closed.")),
    }
    if s in table:
        return table[s]
    if s == W.CLOSED and case.duplicate_of_id:
        return (_("Your report is handled together with an earlier report about the same matter."),
                _("The bureau verifies the facts in that report; this number stays valid for your records."))
    if s == W.CLOSED:
        return (_("The case is closed."),
                _("Please tell us how it was handled.") if case.rating is None else _("Thank you for your rating."))
    return (_("The case is being handled."), "")


def _due(case):
    """The date by which the current step must be done (the earliest running clock), and its kind."""
    running = [c for c in case.clocks.all() if c.state == "running"]
    if not running:
        return None
    clock = min(running, key=lambda c: c.due)
    return clock


def kind_label(kind: str) -> str:
    return {W.COMPLAINT: _("complaint"), W.REPORT: _("report"), W.CONSULTATION: _("question")}.get(kind, kind)


def progress(case) -> dict:
    """Everything the tracking page and the public API show; personal data never enters it."""
    texts = _step_texts()
    local = timezone.get_default_timezone()
    steps = []
    for event in case.events.order_by("seq").only("at", "action", "to_state", "payload"):
        if event.action not in texts:
            continue  # internal steps (suggestions, supervision) are not the public's business
        steps.append({"on": timezone.localdate(event.at, local), "action": event.action,
                      "text": texts[event.action]})
    now_text, next_text = _now_and_next(case)
    clock = _due(case)
    if clock is not None and clock.kind == "reporter_notice":
        next_text = _("The bureau tells you its decision within %(n)d working days, then closes the case.") % {
            "n": clock.length}
    linked = None
    if case.split_from_id:
        linked = case.split_from.number
    else:
        sibling = case.split_cases.first()
        linked = sibling.number if sibling else None
    return {
        "number": case.number, "kind": case.kind, "kind_label": kind_label(case.kind),
        "state": case.state, "state_label": str(case.get_state_display()),
        "received_on": case.received_on, "handled_by": case.handling_org.name,
        "handled_by_region": case.handling_org.region_id or "",
        "now": now_text, "next": next_text,
        "due": clock.due if clock else None, "due_provisional": bool(clock and clock.provisional),
        "due_kind": clock.kind if clock else "",
        "steps": steps, "can_withdraw": can_withdraw(case), "can_rate": can_rate(case),
        "rating": case.rating, "linked_number": linked,
        "answer": case.outcome_note if case.kind == W.CONSULTATION and case.state in (W.ANSWERED, W.CLOSED) else "",
    }
