"""The public site: choose, submit, get a number and a code, track, withdraw, rate. Views stay thin."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weiquan.cases.models import Business
from weiquan.cases.selectors import case_for
from weiquan.cases.services.errors import InvalidInput, NotVisible
from weiquan.lib import workflow
from weiquan.lib.workflow import WorkflowError
from weiquan.orgs.models import Organisation

from . import attachments, services, sms, throttle
from .forms import RateForm, SubmissionForm, TrackForm
from .models import Attachment
from .progress import progress

# service field names → form field names
FIELD = {"complainant_name": "name", "complainant_phone": "phone", "complainant_address": "address"}
FORM_FIELDS = set(SubmissionForm.base_fields)
TRACKED = "wq_tracked"  # session: {number: query code} of cases this browser has opened
MAX_TRACKED = 20
REQUIRED = {  # marked as required on the form (the services decide; Art. 10 for complaints)
    workflow.COMPLAINT: {"name": True, "phone": True, "address": True, "business_name": True,
                         "business_address": True},
    workflow.REPORT: {"business_name": True},
    workflow.CONSULTATION: {},
}


def _heading(kind: str) -> str:
    return {workflow.COMPLAINT: _("File a complaint"), workflow.REPORT: _("Report a violation")}.get(
        kind, _("Ask a question"))


def _post(request):
    """The posted fields with NUL bytes dropped (they never mean anything in a form)."""
    data = request.POST.copy()
    for key in list(data.keys()):
        data.setlist(key, [v.replace("\x00", "") for v in data.getlist(key)])
    return data


def _throttled(request, exc: throttle.Throttled):
    response = render(request, "public/throttled.html", {"message": str(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


def _remember(request, number: str, code: str) -> None:
    tracked = dict(request.session.get(TRACKED, {}))
    tracked.pop(number, None)
    tracked[number] = code
    request.session[TRACKED] = dict(list(tracked.items())[-MAX_TRACKED:])


@require_GET
def home(request):
    return render(request, "public/home.html", {"nav": "home"})


@require_GET
def privacy(request):
    return render(request, "public/privacy.html", {"nav": "home"})


def _submission(kind: str, form: SubmissionForm) -> services.Submission:
    d = form.cleaned_data
    return services.Submission(
        kind=kind, description=d.get("description", ""), name=d.get("name", ""), phone=d.get("phone", ""),
        address=d.get("address", ""), confidential=d.get("confidential", False),
        business_name=d.get("business_name", ""), business_address=d.get("business_address", ""),
        platform_name=d.get("platform_name", ""), platform_address=d.get("platform_address", ""),
        request=d.get("request", ""), amount=d.get("amount"), mixed=d.get("mixed", False),
        sms_code=d.get("sms_code", ""))


def _add_errors(form: SubmissionForm, errors: dict) -> None:
    for key, message in errors.items():
        name = FIELD.get(key, key)
        form.add_error(name if name in FORM_FIELDS else None, str(message))


@require_http_methods(["GET", "POST"])
def submit(request, kind: str):
    if kind not in workflow.KINDS:
        raise Http404
    context = {"kind": kind, "nav": "submit", "sms_required": sms.required_on_web() and kind == workflow.COMPLAINT,
               "heading": _heading(kind), "req": REQUIRED[kind],
               "max_files": attachments.max_files(), "max_mb": attachments.max_bytes() // (1024 * 1024)}
    if request.method == "GET":
        return render(request, "public/submit.html", {**context, "form": SubmissionForm()})
    form = SubmissionForm(_post(request))
    if form.is_bot():
        return redirect("public:home")  # a honeypot hit: look done, store nothing
    if request.POST.get("send_code"):  # without JavaScript the "send code" button posts the whole form
        return _send_code_into(request, form, context)
    try:
        throttle.check(request, "submit")
    except throttle.Throttled as exc:
        return _throttled(request, exc)
    if form.is_valid():
        try:
            receipt = services.submit(_submission(kind, form), request.FILES.getlist("attachments"))
        except InvalidInput as exc:
            _add_errors(form, exc.errors)
        else:
            request.session["wq_receipt"] = receipt.__dict__
            _remember(request, receipt.number, receipt.query_code)
            if receipt.linked_number:
                _remember(request, receipt.linked_number, receipt.linked_query_code)
            return redirect("public:done")
    return render(request, "public/submit.html", {**context, "form": form}, status=422)


def _send_code_into(request, form, context):
    phone = request.POST.get("phone", "")
    sent, error = _send(request, phone)
    form = SubmissionForm(initial={k: v for k, v in request.POST.items() if k in FORM_FIELDS})
    return render(request, "public/submit.html", {**context, "form": form, "sms_sent": sent, "sms_error": error})


def _send(request, phone: str) -> tuple[bool, str]:
    try:
        throttle.check(request, "sms")
        sms.send_code(phone)
    except throttle.Throttled as exc:
        return False, str(exc)
    except InvalidInput as exc:
        return False, " ".join(str(v) for v in exc.errors.values())
    return True, ""


@require_POST
def send_code(request):
    """htmx: send a code to the phone in the form; answers with the status line only."""
    sent, error = _send(request, request.POST.get("phone", ""))
    return render(request, "public/_sms_status.html", {"sms_sent": sent, "sms_error": error},
                  status=200 if (sent or request.htmx) else 422)


@require_GET
def business_lookup(request):
    """htmx: suggestions for the business name as the consumer types (register and ODR enterprises)."""
    q = (request.GET.get("business_name") or "").replace("\x00", "").strip()[:100]
    names: list[str] = []
    if len(q) >= 2:
        try:
            throttle.check(request, "lookup")
        except throttle.Throttled:
            q = ""
        if q:
            names = list(Organisation.objects.filter(kind=Organisation.Kind.ODR, active=True, name__icontains=q)
                         .values_list("name", flat=True)[:5])
            names += [n for n in Business.objects.filter(name__icontains=q).values_list("name", flat=True)[:8]
                      if n not in names]
    odr = set(Organisation.objects.filter(kind=Organisation.Kind.ODR, name__in=names).values_list("name", flat=True))
    return render(request, "public/_business_options.html", {"names": names[:10], "odr": odr})


@require_GET
def done(request):
    receipt = request.session.get("wq_receipt")
    if not receipt:
        return redirect("public:home")
    return render(request, "public/done.html", {"receipt": receipt, "nav": "submit"})


@require_http_methods(["GET", "POST"])
def track(request):
    if request.method == "GET":
        initial = {"number": request.GET.get("number", "")[:40]}
        return render(request, "public/track.html", {"form": TrackForm(initial=initial), "nav": "track"})
    try:
        throttle.check(request, "track")
    except throttle.Throttled as exc:
        return _throttled(request, exc)
    form = TrackForm(_post(request))
    if form.is_valid():
        try:
            case = services.find_case(form.cleaned_data["number"], form.cleaned_data["query_code"])
        except NotVisible:
            form.add_error(None, _("No case matches this number and query code. Check both and try again."))
            return render(request, "public/track.html", {"form": form, "nav": "track"}, status=404)
        _remember(request, case.number, case.query_code)
        return redirect("public:track_case", number=case.number)
    return render(request, "public/track.html", {"form": form, "nav": "track"}, status=422)


def _tracked_case(request, number: str):
    code = request.session.get(TRACKED, {}).get(number)
    if not code:
        return None
    try:
        return services.find_case(number, code)
    except NotVisible:
        return None


def _case_page(request, case, *, status=200, rate_form=None, message="", error=""):
    context = {"p": progress(case), "rate_form": rate_form or RateForm(), "message": message, "error": error,
               "attachments": case.attachments.all(), "nav": "track"}
    return render(request, "public/track_case.html", context, status=status)


@require_GET
def track_case(request, number: str):
    case = _tracked_case(request, number)
    if case is None:
        return redirect(reverse("public:track") + "?number=" + services.normalise_number(number)[:40])
    return _case_page(request, case)


@require_POST
def withdraw(request, number: str):
    case = _tracked_case(request, number)
    if case is None:
        raise Http404
    try:
        case = services.withdraw(case, request.POST.get("note", ""))
    except WorkflowError as exc:
        return _case_page(request, case, status=409, error=str(exc))
    return _case_page(request, case, message=_("Your complaint has been withdrawn."))


@require_POST
def rate(request, number: str):
    case = _tracked_case(request, number)
    if case is None:
        raise Http404
    form = RateForm(_post(request))
    if not form.is_valid():
        return _case_page(request, case, status=422, rate_form=form)
    try:
        case = services.rate(case, form.cleaned_data["rating"], form.cleaned_data["comment"])
    except (WorkflowError, InvalidInput) as exc:
        return _case_page(request, case, status=409, rate_form=form, error=str(exc))
    return _case_page(request, case, message=_("Thank you for your rating."))


def attachment(request, key: str):
    """A file of a case, for staff who may see the case or the browser that opened it with its code."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    item = Attachment.objects.select_related("case").filter(key=key[:64]).first()
    if item is None:
        raise Http404
    allowed = request.session.get(TRACKED, {}).get(item.case.number) == item.case.query_code
    if not allowed and request.user.is_authenticated:
        try:
            case_for(request.user, item.case.number)
            allowed = True
        except NotVisible:
            allowed = False
    if not allowed:
        raise Http404
    path = attachments.path_of(item)
    if not path.exists():
        raise Http404
    response = FileResponse(open(path, "rb"), content_type=item.content_type)
    disposition = "inline" if item.content_type != "application/pdf" else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename=\"{item.key}.{attachments.KINDS[item.content_type]}\""
    response["Cache-Control"] = "private, no-store"
    return response
