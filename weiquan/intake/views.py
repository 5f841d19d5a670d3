"""Pages of the intake doors: department hand-over, service-station settlements, the CSV download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from weiquan.cases.services import IntakeData
from weiquan.cases.services.errors import InvalidInput
from weiquan.lib.workflow import WorkflowError

from . import doors, export
from .forms import ExportForm, HandoverForm, StationForm


def _intake_data(cleaned: dict, **fixed) -> IntakeData:
    fields = {k: v for k, v in cleaned.items() if k in IntakeData.__dataclass_fields__ and v is not None}
    fields.update(fixed)
    return IntakeData(**fields)


def _errors_to_form(form, exc: InvalidInput) -> None:
    for field, message in exc.errors.items():
        form.add_error(field if field in form.fields else None, message)


def _door(request, form_class, door: str, register):
    """The form of one intake door: `register(cleaned_data)` calls its service and returns the case."""
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = register(dict(form.cleaned_data))
        except InvalidInput as exc:
            _errors_to_form(form, exc)
        except WorkflowError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "intake/done.html", {"case": case, "door": door, "nav": door}, status=201)
    status = 422 if form.is_bound and form.errors else 200
    return render(request, f"intake/{door}.html", {"form": form, "nav": door}, status=status)


@login_required
def handover(request):
    if not doors.may_hand_over(request.user):
        raise PermissionDenied
    return _door(request, HandoverForm, "handover", lambda data: doors.hand_over(
        request.user, _intake_data(data, channel="department")))


@login_required
def station(request):
    if not doors.may_record_station(request.user):
        raise PermissionDenied

    def register(data):
        recovered, note = data.pop("amount_recovered"), data.pop("note", "")
        return doors.record_station_settlement(
            request.user, _intake_data(data, kind="complaint", channel="station"),
            amount_recovered=recovered, note=note)

    return _door(request, StationForm, "station", register)


@login_required
def export_cases(request):
    """The filter form; with ?download=1 the CSV itself, streamed batch by batch."""
    user = request.user
    if not (user.is_superuser or user.organisation_id):
        raise PermissionDenied
    form = ExportForm(request.GET or None)
    if "download" in request.GET and form.is_valid():
        data = form.cleaned_data
        filters = export.Filters(kind=data["kind"], state=data["state"], org=data["org"].strip(),
                                 date_from=data["date_from"], date_to=data["date_to"])
        personal = bool(data["personal"])
        if personal and not export.may_see_personal_data(user):
            form.add_error("personal", _("Your role may not export personal data."))
        else:
            try:
                export.queryset(user, filters)
            except export.ExportError as exc:
                form.add_error("org", str(exc))
            else:
                stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
                response = StreamingHttpResponse(export.csv_chunks(export.rows(user, filters, personal=personal)),
                                                 content_type="text/csv; charset=utf-8")
                response["Content-Disposition"] = f'attachment; filename="weiquan-cases-{stamp}.csv"'
                return response
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "intake/export.html", {
        "form": form, "nav": "export", "may_personal": export.may_see_personal_data(user)}, status=status)
