"""Content languages and translated content.

A translatable field is a ``TranslatedField`` (teilhabe.languages.fields): one JSON
column holding the text in any number of languages. German is the source; a text
missing in the reader's language is looked for along the municipality's fallback chain
(``Municipality.fallback_chain``, by default straight to German), and the page then
says which language it shows (``lang`` on the element and a visible note).

The municipality whose pages are being made (or whose mail is being written) is
``current_municipality``; views and ``queue_mail`` set it (``use_municipality``), a
middleware clears it after each request.
"""

import contextlib
import contextvars
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# The language every text is written in first; always on, the end of every fallback.
SOURCE_LANGUAGE = "de"
PLAIN_LANGUAGE = "de-x-simple"
DEFAULT_CONTENT_LANGUAGES = [SOURCE_LANGUAGE, PLAIN_LANGUAGE, "en"]


def installed_languages():
    """Codes of the languages the installation offers, in the order of settings."""
    return [code for code, _name in settings.LANGUAGES]


def ordered(codes):
    """``codes`` in the installation's order, German first, each once."""
    wanted = set(codes) | {SOURCE_LANGUAGE}
    return [code for code in installed_languages() if code in wanted]


def validate_content_languages(value):
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Choose the content languages from the list."))
    unknown = sorted(set(value) - set(installed_languages()))
    if unknown:
        raise ValidationError(
            _("This installation does not offer: %(codes)s") % {"codes": ", ".join(unknown)}
        )
    if SOURCE_LANGUAGE not in value:
        raise ValidationError(_("German is the language every text is written in; it stays on."))


def validate_fallbacks(value, content_languages):
    """``{language: [languages tried before German], ...}`` among the content languages;
    plain German always falls back to German directly."""
    if not isinstance(value, dict):
        raise ValidationError(_("Give the fallback languages per language."))
    offered = set(content_languages)
    for language, chain in value.items():
        if language not in offered or language == SOURCE_LANGUAGE:
            raise ValidationError(
                _("%(code)s is not a content language that can fall back.") % {"code": language}
            )
        if language == PLAIN_LANGUAGE and chain:
            raise ValidationError(_("Plain German always falls back to German."))
        if not isinstance(chain, list) or not set(chain) <= offered or language in chain:
            raise ValidationError(
                _("The fallback of %(code)s must name other content languages.")
                % {"code": language}
            )


_current_municipality = contextvars.ContextVar("teilhabe_municipality", default=None)


def current_municipality():
    return _current_municipality.get()


def set_municipality(municipality):
    """Set the municipality of the running request (cleared by the middleware)."""
    return _current_municipality.set(municipality)


@contextlib.contextmanager
def use_municipality(municipality):
    token = _current_municipality.set(municipality)
    try:
        yield
    finally:
        _current_municipality.reset(token)


class MunicipalityContextMiddleware:
    """No request inherits the municipality of the one before it in the same thread."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_municipality.set(None)
        try:
            return self.get_response(request)
        finally:
            _current_municipality.reset(token)


def fallback_chain(language):
    municipality = current_municipality()
    if municipality is not None:
        return municipality.fallback_chain(language)
    if language == SOURCE_LANGUAGE:
        return [SOURCE_LANGUAGE]
    return [language, SOURCE_LANGUAGE]


@dataclass(frozen=True)
class TranslatedText:
    text: str
    language: str  # language the text is actually in
    is_fallback: bool

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


def pick(translations, language=None):
    """The text of ``translations`` (a field's value) in ``language`` (default: the
    active language), or in the first language of the fallback chain that has one."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    translations = translations or {}
    if isinstance(translations, str):
        translations = {SOURCE_LANGUAGE: translations}
    for code in fallback_chain(language):
        text = translations.get(code)
        if text:
            return TranslatedText(text, code, code != language)
    return TranslatedText("", language, False)


def translated(obj, field, language=None):
    """The text of ``obj.field`` in ``language`` (default: the active language),
    along the fallback chain, saying which language it is in."""
    return pick(getattr(obj, field), language)


def texts_in_every_language(obj, field):
    """Every language's text of ``obj.field`` (for search)."""
    value = getattr(obj, field) or {}
    return [text for code, text in value.items() if not code.startswith("_") and text]


class TranslatableMixin:
    """For models with translated fields (``TranslatedField``)."""

    @classmethod
    def translated_field_names(cls):
        from .fields import TranslatedField

        return [f.name for f in cls._meta.concrete_fields if isinstance(f, TranslatedField)]

    def translated(self, field, language=None):
        return translated(self, field, language)


def default_content_languages():
    return list(DEFAULT_CONTENT_LANGUAGES)
