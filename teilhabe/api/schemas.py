"""What every endpoint shares: the error bodies and the types of the values a request may
carry. The types say in the OpenAPI schema what the endpoints refuse with 422 (strings
with a NUL character, which PostgreSQL cannot store or compare; slugs that no address
can have), so that a client learns it from the schema and no such value reaches the
database."""

from typing import Annotated

from ninja import Schema
from pydantic import ConfigDict, Field, StringConstraints

# No NUL character anywhere (PostgreSQL refuses it in text).
_NO_NUL = r"^[^\x00]*$"

Text = Annotated[str, StringConstraints(pattern=_NO_NUL)]
"""Free text in a body or query."""

Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=120)]
"""The short name of a municipality, cycle, organisation or event in an address."""

Code = Annotated[str, StringConstraints(pattern=r"^[^\x00/]+$", max_length=20)]
"""A measure's code in an address, e.g. ``3.2.1``."""


class Input(Schema):
    """A request body. A field the endpoint does not know is refused (422), so that a
    misspelt field is an error and not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class Error(Schema):
    """400 (a body that is not JSON), 401 (not logged in), 403 (not allowed, or the CSRF
    check failed), 404 (no such object, or not public)."""

    detail: str


class ErrorItem(Schema):
    loc: list[str | int] = Field(
        ..., description="Where: the parameter's location and name, or the field's name"
    )
    msg: str
    type: str


class ValidationErrorOut(Schema):
    """422: the request's values were refused; ``errors`` says which and why."""

    detail: str
    errors: list[ErrorItem]


_ERROR_SCHEMAS = {400: Error, 401: Error, 403: Error, 404: Error, 422: ValidationErrorOut}


def errors(*statuses):
    """The documented error responses of an endpoint, e.g. ``errors(404, 422)``."""
    return {status: _ERROR_SCHEMAS[status] for status in statuses}
