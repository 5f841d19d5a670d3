"""The case page and its actions: exactly the actions the state allows this user, with htmx or a plain POST."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weiquan.cases import presenters, selectors
from weiquan.cases.services import ActionInput, apply_action
from weiquan.cases.services.errors import InvalidInput, NotVisible
from weiquan.cases.services.merge import earlier_report_candidates
from weiquan.lib import masking, workflow
from weiquan.lib.workflow import WorkflowError
from weiquan.orgs.models import Organisation

from . import labels
from .forms import route_choices, transfer_choices
from .views import base_context

FIELD_NAMES = {"org", "ground", "amount_recovered", "enforcement_ref", "into", "note"}


def _case_or_404(user, number: str):
    try:
        return selectors.case_for(user, number[:20])
    except NotVisible:
        raise Http404() from None


def option_groups(choices) -> list[tuple[str | None, list]]:
    """Django-style (possibly grouped) choices as [(group label or None, [(value, label), …])]."""
    out: list[tuple[str | None, list]] = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            out.append((value, list(label)))
        elif out and out[-1][0] is None:
            out[-1][1].append((value, label))
        else:
            out.append((None, [(value, label)]))
    return out


def action_forms(user, case) -> list[dict]:
    out, earlier = [], None
    for code in presenters.allowed_actions_for(user, case):
        fields = labels.ACTION_FIELDS.get(code, ())
        primary = code in labels.PRIMARY_ACTIONS or (case.kind, code) in labels.PRIMARY_BY_KIND
        spec = {"code": code, "label": labels.action_label(code), "primary": primary,
                "fields": {f.rstrip("!") for f in fields}, "note_required": "note!" in fields}
        if "ground" in spec["fields"]:
            transition = workflow.TRANSITIONS[case.kind][code]
            spec["grounds"] = labels.ground_choices(transition.ground_set, case.rule_version)
        if "org" in spec["fields"]:
            choices = route_choices() if code == "route" else transfer_choices(user, case)
            spec["orgs"] = option_groups(choices)
        if "into" in spec["fields"]:  # merge_into and close_as_repeat offer the same reports
            if earlier is None:
                earlier = earlier_report_candidates(user, case, _possible_duplicates(case))
            spec["earlier"] = earlier
        spec["simple"] = code in labels.ONE_CLICK_ACTIONS and not spec["fields"] and not spec["note_required"]
        out.append(spec)
    out.sort(key=lambda spec: (not spec["primary"], not spec["simple"]))  # the usual next step first
    return out


def _possible_duplicates(case) -> list[str]:
    """The numbers of the cases triage found `case` may repeat (none without the triage app)."""
    from django.apps import apps

    if not apps.is_installed("weiquan.triage"):
        return []
    from weiquan.triage.presenters import duplicate_numbers

    return duplicate_numbers(case)


def timeline(case) -> list[dict]:
    events = list(case.events.select_related("org").order_by("seq"))
    codes = {e.payload.get(k) for e in events for k in ("org", "from_org") if e.payload.get(k)}
    names = dict(Organisation.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    rows = []
    for e in events:
        p = e.payload or {}
        rows.append({
            "seq": e.seq, "at": e.at, "actor": e.actor_label, "org": e.org.name if e.org_id else "",
            "action": e.action, "label": labels.action_label(e.action), "from_state": e.from_state,
            "to_state": e.to_state, "changed": e.from_state != e.to_state,
            "ground": labels.ground_label(p["ground"], None, case.rule_version) if p.get("ground") else "",
            "note": p.get("note", ""), "amount_recovered": p.get("amount_recovered"),
            "target_org": names.get(p.get("org"), p.get("org", "")),
            "enforcement_ref": p.get("enforcement_ref", ""), "split_into": p.get("split_into", ""),
            "split_from": p.get("split_from", ""), "into": p.get("into", ""),
            "merged_from": p.get("from", "") if e.action in ("merged_in", "repeat_in") else "",
            "due": p.get("due", ""), "channel": p.get("channel", ""),
        })
    return rows


def _linked_cases(user, case) -> list:
    """The other halves of a split mixed submission (Art. 9) that the user may see."""
    siblings = getattr(selectors, "split_siblings", None)
    return list(siblings(user, case).only("number", "kind", "state")) if siblings else []


def case_context(user, case, **extra) -> dict:
    party = presenters.party(case, user)
    masked = party["name"] != case.complainant_name or party["phone"] != case.complainant_phone
    return base_context(
        case=case, party=party, masked=masked,
        agent=masking.mask_name(case.agent_name) if masked else case.agent_name,
        clocks=presenters.clock_dicts(case), events=timeline(case), actions=action_forms(user, case),
        linked=_linked_cases(user, case),
        problem=labels.problem_label(case.problem),
        outcome=labels.ground_label(case.outcome, None, case.rule_version) if case.outcome else "",
        nav="search", **extra)


@login_required
def case_page(request, number: str):
    case = _case_or_404(request.user, number)
    return render(request, "staff/case.html", case_context(request.user, case))


@login_required
@require_POST
def case_action(request, number: str):
    case = _case_or_404(request.user, number)
    post = request.POST
    data = ActionInput(
        action=post.get("action", ""), ground=post.get("ground") or None, note=post.get("note", ""),
        amount_recovered=post.get("amount_recovered") or None, org=post.get("org") or None,
        enforcement_ref=post.get("enforcement_ref", ""), into=post.get("into") or None)
    error, field_errors, status = None, {}, 200
    try:
        case = apply_action(request.user, case, data)
    except NotVisible:
        error, status = _("You may not act on this case."), 403
    except InvalidInput as exc:
        field_errors, status = exc.errors, 422
        error = " ".join(exc.errors.values())
    except WorkflowError as exc:
        error, status = str(exc), exc.status
    if error is None:
        message = _("Done: %(action)s.") % {"action": labels.action_label(data.action)}
        if not request.htmx:
            messages.success(request, message)
            return redirect("staff:case", number=case.number)
        case = _case_or_404(request.user, case.number)
        return render(request, "staff/_case_panel.html", case_context(request.user, case, flash=message))
    case = _case_or_404(request.user, case.number)
    context = case_context(request.user, case, error=error, field_errors=field_errors, failed_action=data.action,
                           posted=post)
    if request.htmx:  # htmx swaps only 2xx answers: the error travels inside the panel
        return render(request, "staff/_case_panel.html", context)
    return render(request, "staff/case.html", context, status=status)
