"""The triage panel of the staff case page (an htmx partial), and the clerk's confirm/correct action."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from weiquan.cases import selectors
from weiquan.cases.services.errors import InvalidInput, NotVisible

from .compute import triage_case
from .presenters import panel_context
from .services import confirm_triage, may_triage


def _case_or_404(user, number: str):
    try:
        return selectors.case_for(user, number[:20])
    except NotVisible:
        raise Http404() from None


def _panel(request, case, status=200, **extra):
    context = panel_context(request.user, case)
    context.update(extra)
    response = render(request, "triage/panel.html", {"tp": context}, status=status)
    if extra.get("changed"):
        response["HX-Trigger"] = "case-changed"  # the case page may refresh its other parts
    return response


@login_required
@require_GET
def panel(request, number: str):
    return _panel(request, _case_or_404(request.user, number))


@login_required
@require_POST
def confirm(request, number: str):
    case = _case_or_404(request.user, number)
    field, value = request.POST.get("field", ""), request.POST.get("value", "")
    try:
        case = confirm_triage(request.user, case, field, value)
    except NotVisible:
        return HttpResponseForbidden(_("You may not change this case."))
    except InvalidInput as exc:
        # htmx swaps only 2xx answers: the error travels inside the panel
        return _panel(request, case, status=200 if request.htmx else 422, error=" ".join(exc.errors.values()))
    return _panel(request, case, changed=True, flash=_("Saved."))


@login_required
@require_POST
def recompute(request, number: str):
    """A fresh look (after the case was corrected, or a model was trained): suggestions only, nothing is
    routed or filled."""
    case = _case_or_404(request.user, number)
    if not may_triage(request.user, case):
        return HttpResponseForbidden(_("You may not change this case."))
    with transaction.atomic():
        triage_case(case, act=False)
    return _panel(request, case)
