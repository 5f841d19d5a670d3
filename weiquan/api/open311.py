"""Open311 GeoReport v2 facade at /open311/v2/ so existing civic-tech clients can submit and read.

- `services.{json,xml}`: one service per category of the 商品/服务 taxonomy (`service_code` = its code).
- `requests.{json,xml}` GET: complaints and questions, newest first, public fields only — no personal data,
  not even the consumer's own text (the description is the kind and category); reports are never listed
  (a lead is not published). Filters: `service_request_id` (comma-separated), `service_code`, `status`
  (open|closed), `start_date`, `end_date` (ISO 8601); at most 1000 requests, 90 days by default.
- `requests.{json,xml}` POST (form-encoded or JSON): `api_key` = an integration token; creates a case through
  the public submission service. Fields: `service_code`, `description`, `address_string` (the business's
  address), `first_name`, `last_name`, `phone`, `attribute[kind]` (complaint|report|consultation, default
  complaint), `attribute[business_name]`, `attribute[request]`, `attribute[consumer_address]`,
  `attribute[amount]`. Answers 201 with [{service_request_id, service_notice, account_id, query_code}].
- `requests/{id}.{json,xml}`: one request, as a one-element list.
Errors follow the spec: a list of {code, description} with the HTTP status (400, 403, 404, 429).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from xml.etree import ElementTree as ET

from django.db.models import Max
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

from weiquan.cases.models import Case
from weiquan.cases.services.errors import InvalidInput
from weiquan.cases.services.validation import clean_text
from weiquan.lib import taxonomy, workflow
from weiquan.orgs.models import ApiToken
from weiquan.public import services, throttle

LISTED_KINDS = (workflow.COMPLAINT, workflow.CONSULTATION)
MAX_REQUESTS = 1000


def _xml(root_tag: str, item_tag: str, items: list[dict]) -> bytes:
    root = ET.Element(root_tag)
    for item in items:
        node = ET.SubElement(root, item_tag)
        for key, value in item.items():
            child = ET.SubElement(node, key)
            if isinstance(value, list):
                for v in value:
                    ET.SubElement(child, "keyword" if key == "keywords" else "item").text = str(v)
            elif value is not None:
                child.text = str(value).lower() if isinstance(value, bool) else str(value)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(root, encoding="utf-8")


def _respond(fmt: str, items: list[dict], status: int = 200, root=("service_requests", "request")):
    if fmt == "xml":
        return HttpResponse(_xml(*root, items), status=status, content_type="text/xml; charset=utf-8")
    return JsonResponse(items, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _error(fmt: str, status: int, description: str):
    return _respond(fmt, [{"code": status, "description": description}], status, root=("errors", "error"))


def _lang(request) -> str:
    return "en" if (getattr(request, "LANGUAGE_CODE", "") or "").startswith("en") else "zh"


def services_view(request, fmt: str):
    if request.method != "GET":
        return _error(fmt, 405, "Use GET.")
    lang = _lang(request)
    items = []
    for entry in taxonomy.CATEGORIES:
        major = taxonomy.by_code("major", entry.parent)
        items.append({"service_code": entry.code, "service_name": entry.zh if lang == "zh" else entry.en,
                      "description": f"{entry.zh} / {entry.en}", "metadata": False, "type": "realtime",
                      "keywords": list(entry.keywords[:8]),
                      "group": (major.zh if lang == "zh" else major.en) if major else ""})
    return _respond(fmt, items, root=("services", "service"))



def _category(case: Case):
    return taxonomy.lookup("category", case.category) if case.category else None


def _request_dict(case: Case, updated, lang: str) -> dict:
    local = timezone.get_default_timezone()
    entry = _category(case)
    kind = taxonomy.label("kind", case.kind, lang)
    name = (entry.zh if lang == "zh" else entry.en) if entry else (case.category or kind)
    return {
        "service_request_id": case.number,
        "status": "closed" if case.state == workflow.CLOSED else "open",
        "status_notes": str(case.get_state_display()),
        "service_name": name,
        "service_code": entry.code if entry else "",
        "description": f"{kind} · {name}",
        "agency_responsible": case.handling_org.name,
        "service_notice": "",
        "requested_datetime": timezone.localtime(case.received_at, local).isoformat(),
        "updated_datetime": timezone.localtime(updated or case.received_at, local).isoformat(),
        "expected_datetime": None,
        "address": case.business_address if case.kind == workflow.COMPLAINT else "",
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }


def _public_cases():
    return (Case.objects.filter(kind__in=LISTED_KINDS).select_related("handling_org")
            .annotate(updated=Max("events__at")))


def _parse_when(value: str):
    value = clean_text(value, 40)
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            raise ValueError(value)
        parsed = datetime(day.year, day.month, day.day)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _list(request, fmt: str):
    params = request.GET
    qs = _public_cases()
    ids = [clean_text(i, 40) for i in params.get("service_request_id", "").split(",") if i.strip()][:100]
    if ids:
        qs = qs.filter(number__in=ids)
    else:
        try:
            start, end = _parse_when(params.get("start_date", "")), _parse_when(params.get("end_date", ""))
        except (ValueError, OverflowError):
            return _error(fmt, 400, "start_date and end_date must be ISO 8601 dates.")
        if start is None and end is None:
            start = timezone.now() - timedelta(days=90)
        if start is not None:
            qs = qs.filter(received_at__gte=start)
        if end is not None:
            qs = qs.filter(received_at__lte=end)
        code = clean_text(params.get("service_code", ""), 64)
        if code:
            entry = taxonomy.by_code("category", code)
            if entry is None:
                return _error(fmt, 400, f"Unknown service_code “{code}”.")
            qs = qs.filter(category__in=[entry.zh, entry.code, *entry.aliases])
        status = clean_text(params.get("status", ""), 20)
        if status == "closed":
            qs = qs.filter(state=workflow.CLOSED)
        elif status == "open":
            qs = qs.exclude(state=workflow.CLOSED)
        elif status:
            return _error(fmt, 400, "status must be open or closed.")
    lang = _lang(request)
    return _respond(fmt, [_request_dict(c, c.updated, lang) for c in qs.order_by("-id")[:MAX_REQUESTS]])


def _body(request) -> dict:
    if (request.content_type or "").lower() == "application/json":
        data = json.loads(request.body.decode("utf-8") or "{}")
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return {str(k): v for k, v in data.items()}
    return {k: v for k, v in request.POST.items()}


def _attr(data: dict, name: str) -> str:
    attrs = data.get("attribute")
    value = attrs.get(name) if isinstance(attrs, dict) else data.get(f"attribute[{name}]")
    return clean_text(value if isinstance(value, str) else "" if value is None else str(value), 300)


def _create(request, fmt: str):
    try:
        data = _body(request)
    except (ValueError, UnicodeDecodeError):
        return _error(fmt, 400, "Send the request as form fields or as a JSON object.")
    token = clean_text(str(data.get("api_key") or ""), 200)
    user = ApiToken.authenticate(token) if token else None
    if user is None or user.role != user.Role.INTEGRATION:
        return _error(fmt, 403, "A valid api_key (an integration token) is required to create requests.")
    kind = _attr(data, "kind") or workflow.COMPLAINT
    if kind not in workflow.KINDS:
        return _error(fmt, 400, "attribute[kind] must be complaint, report or consultation.")
    code = clean_text(str(data.get("service_code") or ""), 64)
    entry = taxonomy.by_code("category", code) if code else None
    if code and entry is None:
        return _error(fmt, 400, f"Unknown service_code “{code}”.")
    amount = None
    if _attr(data, "amount"):
        try:
            amount = Decimal(_attr(data, "amount"))
        except InvalidOperation:
            return _error(fmt, 400, "attribute[amount]: enter an amount of money.")
    name = " ".join(p for p in (clean_text(str(data.get("last_name") or ""), 50),
                                clean_text(str(data.get("first_name") or ""), 50)) if p)
    sub = services.Submission(
        kind=kind, description=clean_text(str(data.get("description") or ""), 20000), name=name,
        phone=clean_text(str(data.get("phone") or ""), 20), address=_attr(data, "consumer_address"),
        business_name=_attr(data, "business_name"),
        business_address=clean_text(str(data.get("address_string") or ""), 300),
        request=_attr(data, "request"), amount=amount, category=entry.zh if entry else "",
        extra={"via": "open311", "client": user.get_username(), "service_code": entry.code if entry else ""})
    try:
        receipt = services.submit(sub, verify_phone=False, actor=None)
    except InvalidInput as exc:
        fields = "; ".join(f"{k}: {v}" for k, v in exc.errors.items())
        return _error(fmt, 400, f"Invalid request — {fields}")
    notice = "请记下受理编号和查询码 / Keep the case number and query code to follow the case."
    return _respond(fmt, [{"service_request_id": receipt.number, "service_notice": notice, "account_id": None,
                           "query_code": receipt.query_code}], status=201)


@csrf_exempt
def requests(request, fmt: str):
    try:
        throttle.check(request, "open311")
    except throttle.Throttled as exc:
        return _error(fmt, 429, str(exc))
    if request.method == "GET":
        return _list(request, fmt)
    if request.method == "POST":
        return _create(request, fmt)
    return _error(fmt, 405, "Use GET or POST.")


def request_detail(request, request_id: str, fmt: str):
    if request.method != "GET":
        return _error(fmt, 405, "Use GET.")
    try:
        throttle.check(request, "open311")
    except throttle.Throttled as exc:
        return _error(fmt, 429, str(exc))
    case = _public_cases().filter(number=clean_text(request_id, 40)).first()
    if case is None:
        return _error(fmt, 404, "No such service request.")
    return _respond(fmt, [_request_dict(case, case.updated, _lang(request))])
