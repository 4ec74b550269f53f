"""API: the REST interface (django-ninja, OpenAPI 3 at /api/v1/openapi.json). Public
endpoints return only public data; staff endpoints check the same permission
predicates as the pages.

Errors are JSON: ``{"detail": ...}`` for 400, 401, 403 and 404 (an unknown address
under /api/ too), ``{"detail": ..., "errors": [...]}`` for 422, in the schemas of
``schemas.py`` that every endpoint documents. (A method an address does not have is
a JSON 405 with an ``Allow`` header, see ``urls()``.)"""

import functools

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .auth import TokenRefused
from .bodies import router as bodies_router
from .consultation import router as consultation_router
from .directory import router as directory_router
from .events import router as events_router
from .plan import router as plan_router
from .plan_changes import router as _plan_changes  # noqa: F401 - adds to the plan's router

api = NinjaAPI(
    title="Teilhabe API",
    version="1",
    description=(
        "Public data of the municipalities on this platform (directory, action plan, "
        "events, consultation, bodies) and, for staff, the changes their role allows. Staff "
        "send a personal API token (made under *My area → API tokens*, for one "
        "municipality) as `Authorization: Bearer <token>`; or, from a page of the "
        "site, its session cookie with the CSRF token (cookie `csrftoken`, header "
        "`X-CSRFToken`). Errors are JSON with a `detail` that says why."
    ),
    urls_namespace="api",
    docs_url=None,
)
api.add_router("/", directory_router)
api.add_router("/", plan_router)
api.add_router("/", events_router)
api.add_router("/", consultation_router)
api.add_router("/", bodies_router)


def _error(request, status, reason):
    return api.create_response(request, {"detail": reason}, status=status)


@api.exception_handler(Http404)
def not_found(request, exc=None):
    return _error(request, 404, "Not found.")


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return _error(request, 403, str(exc) or "You do not have permission for this.")


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    if isinstance(exc, TokenRefused):
        return _error(request, 401, exc.reason)
    return _error(request, 401, "Log in first, or send an API token.")


@api.exception_handler(ValidationError)
def invalid(request, exc):
    """A model's or service's refusal, in the shape of ninja's own 422."""
    messages = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    errors = [
        {"loc": [field], "msg": str(message), "type": "invalid"}
        for field, field_messages in messages.items()
        for message in field_messages
    ]
    return api.create_response(request, {"detail": "Invalid data.", "errors": errors}, status=422)


@api.exception_handler(NinjaValidationError)
def invalid_input(request, exc):
    body = {"detail": "Invalid data.", "errors": exc.errors}
    return api.create_response(request, body, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return _error(request, exc.status_code, str(exc))


def unknown_address(request):
    """Everything under /api/ that no endpoint answers: a JSON 404, not the site's page."""
    return not_found(request)


def _method_not_allowed_as_json(view):
    """django-ninja answers a method an address does not have with a plain-text 405;
    the API answers in JSON, with the same ``Allow`` header."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response["Content-Type"].startswith(
            "application/json"
        ):
            allowed = response["Allow"]
            response = _error(request, 405, "This address does not take this method.")
            response["Allow"] = allowed
        return response

    return wrapped


def urls():
    """The API's URL patterns (``api.urls``) with JSON 405 answers."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _method_not_allowed_as_json(pattern.callback)
    return patterns, app_name, namespace
