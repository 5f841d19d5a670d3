"""The HTTP API (/api/v1/): OpenAPI, bearer tokens, scoping, JSON errors {"detail": …}."""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from weiquan.cases.services.errors import InvalidInput, NotVisible
from weiquan.lib.workflow import WorkflowError

from .auth import BearerToken

logger = logging.getLogger(__name__)

# Service field names → where the field sits in the JSON a caller sent.
FIELD_PATHS = {
    "complainant_name": "complainant.name", "complainant_phone": "complainant.phone",
    "complainant_address": "complainant.address", "complainant_id_number": "complainant.id_number",
    "business_name": "business.name", "business_uscc": "business.uscc", "business_address": "business.address",
    "business_region_code": "business.region_code", "route_to": "org",
}


class BodyError(ValueError):
    """A body that is not a JSON document; the message tells the caller what to send instead."""


class JsonParser(Parser):
    """JSON only: a form post or a text body gets a clear 400 instead of being guessed at."""

    def parse_body(self, request):
        content_type = (request.content_type or "").lower()
        if content_type and content_type != "application/json" and not content_type.endswith("+json"):
            raise BodyError(_("Send the body as JSON with Content-Type: application/json (got %(type)s).")
                            % {"type": content_type[:100]})
        try:
            text = request.body.decode("utf-8")
        except UnicodeDecodeError:
            raise BodyError(_("The body is not valid UTF-8.")) from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise BodyError(_("The body is not valid JSON: %(error)s at line %(line)d, column %(column)d.")
                            % {"error": exc.msg, "line": exc.lineno, "column": exc.colno}) from None
        except (ValueError, RecursionError):
            raise BodyError(_("The body is not a JSON document this API can read.")) from None


api = NinjaAPI(
    title="weiquan API",
    version="1",
    description=(
        "Consumer complaints, reports and consultations handled the 12315 way.\n\n"
        "Authenticate with `Authorization: Bearer <token>` (`weiquan token USERNAME` or Django admin → "
        "API tokens). Every error is JSON `{\"detail\": …}`: a message, or for invalid fields a list of "
        "`{field, message}`. 400 unreadable body, 401 no or bad token, 403 role may not act, 404 no such "
        "case in your scope, 409 the case's state does not allow the action, 413 body too large, "
        "422 invalid data or missing legal ground."
    ),
    auth=BearerToken(),
    parser=JsonParser(),
    urls_namespace="api",
    docs_url="/docs",
)


def _detail(request, status: int, detail):
    return api.create_response(request, {"detail": detail}, status=status)


def _field_errors(errors: dict[str, str]) -> list[dict[str, str]]:
    return [{"field": FIELD_PATHS.get(k, k), "message": str(v)} for k, v in errors.items()]


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "payload", "query", "path", "filters")]
        errors.append({"field": ".".join(loc), "message": str(err.get("msg", "invalid"))})
    return _detail(request, 422, errors)


@api.exception_handler(InvalidInput)
def on_invalid_input(request, exc: InvalidInput):
    return _detail(request, 422, _field_errors(exc.errors))


@api.exception_handler(WorkflowError)
def on_workflow_error(request, exc: WorkflowError):
    return _detail(request, exc.status, str(exc))


@api.exception_handler(NotVisible)
def on_not_visible(request, exc):
    return _detail(request, 404, _("Not found."))


@api.exception_handler(Http404)
def on_404(request, exc):
    return _detail(request, 404, _("Not found."))


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return _detail(request, 401, _("Authentication required: send Authorization: Bearer <token> with a valid, "
                                   "unrevoked token."))


@api.exception_handler(RequestDataTooBig)
def on_too_big(request, exc):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024) or 1
    return _detail(request, 413, _("The request body is too large (at most %(n)d MB).") % {"n": limit})


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    cause = exc.__cause__
    if exc.status_code == 400 and isinstance(cause, BodyError):
        return _detail(request, 400, str(cause))
    if exc.status_code == 400 and isinstance(cause, RequestDataTooBig):
        return on_too_big(request, cause)
    return _detail(request, exc.status_code, str(exc))


@api.exception_handler(Exception)
def on_unexpected(request, exc: Exception):
    """A bug: logged with its traceback; the caller still gets JSON, never an HTML page."""
    logger.exception("API error on %s %s", request.method, request.path)
    return _detail(request, 500, _("Internal error; it has been logged."))


def not_found(request, rest: str = ""):
    """Any other URL under /api/: a JSON 404 instead of the HTML page."""
    return JsonResponse({"detail": _("No such API endpoint.")}, status=404)


from . import calendar, cases, integrations, orgs, public  # noqa: E402  (the routers, mounted below)

api.add_router("/cases", cases.router)
api.add_router("/calendar", calendar.router)
api.add_router("/orgs", orgs.router)
api.add_router("/public", public.router)
api.add_router("/integrations", integrations.router)
