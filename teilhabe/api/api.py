from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .directory import router as directory_router
from .events import router as events_router
from .plan import router as plan_router

api = NinjaAPI(
    title="Teilhabe API",
    version="1",
    description=(
        "Public data of the municipalities on this platform (directory; plan, events and "
        "consultations follow) and, for logged-in staff, the data their role allows."
    ),
    urls_namespace="api",
    docs_url=None,
)
api.add_router("/", directory_router)
api.add_router("/", plan_router)
api.add_router("/", events_router)


def _error(request, status, reason):
    return api.create_response(request, {"detail": reason}, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "Not found.")


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return _error(request, 403, "You do not have permission for this.")


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return _error(request, 401, "Log in first.")


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(
        request, {"detail": "Invalid data.", "errors": exc.message_dict}, status=422
    )


@api.exception_handler(NinjaValidationError)
def invalid_input(request, exc):
    body = {"detail": "Invalid data.", "errors": exc.errors}
    return api.create_response(request, body, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return _error(request, exc.status_code, str(exc))
