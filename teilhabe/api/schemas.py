"""What every endpoint shares: the error bodies and the types of the values a request may
carry. The types say in the OpenAPI schema what the endpoints refuse with 422 (strings
with a NUL character, which PostgreSQL cannot store or compare; slugs that no address
can have), so that a client learns it from the schema and no such value reaches the
database."""

import contextvars
import re
from datetime import date, datetime
from typing import Annotated, Literal

from django.utils import translation
from django.utils.cache import patch_vary_headers
from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, StringConstraints

from teilhabe.languages.content import SOURCE_LANGUAGE, installed_languages, pick
from teilhabe.languages.fields import Translations

# No NUL character anywhere (PostgreSQL refuses it in text).
_NO_NUL = r"^[^\x00]*$"

Text = Annotated[str, StringConstraints(pattern=_NO_NUL)]
"""Free text in a body or query."""

Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=120)]
"""The short name of a municipality, cycle, organisation or event in an address."""

Code = Annotated[str, StringConstraints(pattern=r"^[^\x00/]+$", max_length=20)]
"""A measure's code in an address, e.g. ``3.2.1``."""


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?")


def _written_as(pattern, what):
    def check(value):
        # Pydantic would also take a number (seconds since 1970) for a date.
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise ValueError(f"Write the {what} as ISO 8601, e.g. 2024-05-01")
        return value

    return BeforeValidator(check)


Day = Annotated[date, _written_as(_DAY, "date")]
"""A date, written as ``YYYY-MM-DD``."""

Moment = Annotated[datetime, _written_as(_TIME, "time")]
"""A time, written as ISO 8601 (``2024-05-01T12:00:00+02:00``); without an offset it is
Berlin time."""


def choice(choices):
    """A Django ``TextChoices`` as the literal values it allows. (Enums would become
    OpenAPI components named after the class, and two ``Kind`` classes would share one.)"""
    return Literal[tuple(choices.values)]


# --- Translated texts ------------------------------------------------------------------

_single_language = contextvars.ContextVar("teilhabe_api_language", default=None)


class LanguageMiddleware:
    """A request to the API that names a language in ``Accept-Language`` gets every
    translated text in that language (or its fallback, said by the key), and the
    response names it in ``Content-Language``. Without the header, or with a language
    the installation does not offer, every language is returned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = None
        if request.path.startswith("/api/") and request.headers.get("Accept-Language"):
            language = requested_language(request.headers["Accept-Language"])
        token = _single_language.set(language)
        try:
            response = self.get_response(request)
        finally:
            _single_language.reset(token)
        if request.path.startswith("/api/"):
            # With or without the header: the answer depends on it.
            patch_vary_headers(response, ["Accept-Language"])
        if language:
            response["Content-Language"] = language
        elif request.path.startswith("/api/"):
            del response["Content-Language"]
        return response


def requested_language(header):
    """The best installed language of an Accept-Language header, or None."""
    offered = installed_languages()
    for code, _quality in translation.trans_real.parse_accept_lang_header(header[:500]):
        code = code.lower()
        for candidate in (code, code.split("-")[0]):
            if candidate in offered:
                return candidate
    return None


def _texts(value):
    if isinstance(value, str):
        value = Translations({SOURCE_LANGUAGE: value})
    if not isinstance(value, dict):
        return value
    texts = Translations(value).texts()
    language = _single_language.get()
    if language is None:
        return texts
    chosen = pick(texts, language)
    return {chosen.language: chosen.text} if chosen.text else {}


Translated = Annotated[
    dict[str, str],
    BeforeValidator(_texts),
    Field(
        description=(
            "The text by language code (de, de-x-simple, en, ar, ...). German is the "
            "source. With an Accept-Language header: only that language's text, or the "
            "text it falls back to, under that text's language code."
        ),
        examples=[{"de": "Sprachcafés", "en": "Language cafés"}],
    ),
]
"""A translated field in a response."""

TranslatedInput = Annotated[
    dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-x-simple)?$")], Text],
    Field(
        description=(
            "Texts by language code; a language left out keeps its text, an empty text "
            "removes it. German is the source."
        )
    ),
]
"""A translated field in a request body."""


class Input(Schema):
    """A request body. A field the endpoint does not know is refused (422), so that a
    misspelt field is an error and not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class Error(Schema):
    """400 (a body that is not JSON), 401 (not logged in, or a bad API token), 403 (not
    allowed, a token of another municipality, or the CSRF check failed), 404 (no such
    object, or not public), 429 (too many changes with one token in a minute)."""

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


_ERROR_SCHEMAS = {
    400: Error,
    401: Error,
    403: Error,
    404: Error,
    422: ValidationErrorOut,
    429: Error,
}


def errors(*statuses):
    """The documented error responses of an endpoint, e.g. ``errors(404, 422)``."""
    return {status: _ERROR_SCHEMAS[status] for status in statuses}
