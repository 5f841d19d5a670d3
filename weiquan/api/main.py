"""The HTTP API (/api/v1/): OpenAPI, bearer tokens, scoping, JSON errors {"detail": …}."""

from __future__ import annotations

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from weiquan.cases.services.errors import InvalidInput, NotVisible
from weiquan.lib.workflow import WorkflowError

from .auth import BearerToken

api = NinjaAPI(
    title="weiquan API",
    version="1",
    description="Consumer complaints, reports and consultations handled the 12315 way.",
    auth=BearerToken(),
    urls_namespace="api",
)


def _detail(request, status: int, detail):
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "payload", "query", "path")]
        errors.append({"field": ".".join(loc), "message": str(err.get("msg", "invalid"))})
    return _detail(request, 422, errors)


@api.exception_handler(InvalidInput)
def on_invalid_input(request, exc: InvalidInput):
    return _detail(request, 422, [{"field": k, "message": v} for k, v in exc.errors.items()])


@api.exception_handler(WorkflowError)
def on_workflow_error(request, exc: WorkflowError):
    return _detail(request, exc.status, str(exc))


@api.exception_handler(NotVisible)
def on_not_visible(request, exc):
    return _detail(request, 404, "Not found.")


@api.exception_handler(Http404)
def on_404(request, exc):
    return _detail(request, 404, "Not found.")


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return _detail(request, 401, "Authentication required: send Authorization: Bearer <token>.")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return _detail(request, exc.status_code, str(exc))


from . import calendar, cases, orgs  # noqa: E402  (routers register themselves on `api`)

api.add_router("/cases", cases.router)
api.add_router("/calendar", calendar.router)
api.add_router("/orgs", orgs.router)
