"""Registering a call, letter or visit. The service checks every rule; the form keeps what was typed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from weiquan.cases.services import IntakeData, register_case
from weiquan.cases.services.errors import InvalidInput
from weiquan.lib import uscc
from weiquan.lib.workflow import WorkflowError

from . import labels
from .forms import IntakeForm

REGISTERING_ROLES = {"clerk", "handler", "supervisor", "admin"}


def may_register(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in REGISTERING_ROLES)


def _uscc_message(code: str) -> str | None:
    """The service's reason for a bad code, in the user's language."""
    reason = uscc.problem(code)
    if reason is None:
        return None
    if reason.startswith("must be 18"):
        text = _("a code has 18 characters")
    elif reason.startswith("contains"):
        text = _("it contains characters the code never uses (I, O, S, V, Z or symbols)")
    elif reason.startswith("characters 3 to 8"):
        text = _("characters 3 to 8 must be a division code")
    else:
        text = _("the check digit does not match")
    return _("Not a valid unified social credit code: %(reason)s.") % {"reason": text}


@login_required
def intake(request):
    if not may_register(request.user):
        raise PermissionDenied
    form = IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v is not None}
        data.setdefault("received_at", None)
        try:
            case = register_case(request.user, IntakeData(**data))
        except InvalidInput as exc:
            for field, message in exc.errors.items():
                if field == "business_uscc":
                    message = _uscc_message(data.get("business_uscc", "")) or message
                form.add_error(field if field in form.fields else None, message)
        except WorkflowError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Registered as %(number)s.") % {"number": case.number})
            return redirect("staff:case", number=case.number)
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "staff/intake.html", {
        "form": form, "nav": "intake", "categories": labels.CATEGORIES, "requests": labels.REQUESTS,
    }, status=status)
