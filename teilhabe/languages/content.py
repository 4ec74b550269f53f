"""Translatable content fields.

A translatable field is three columns: the German text (``name``), the English text
(``name_en``) and the plain-language text (``name_simple``). German is required; the
others are optional and fall back to German, which the page then says in a visible note.
"""

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


# Column suffix per language code.
SUFFIXES = {"de": "", "en": "_en", "de-x-simple": "_simple"}


@dataclass(frozen=True)
class TranslatedText:
    text: str
    language: str  # language the text is actually in
    is_fallback: bool

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


def translated(obj, field, language=None):
    """The text of ``obj.field`` in ``language`` (default: the active language),
    or the German text marked as a fallback."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    suffix = SUFFIXES.get(language, "")
    german = getattr(obj, field) or ""
    if suffix:
        text = getattr(obj, field + suffix, "") or ""
        if text:
            return TranslatedText(text, language, False)
        return TranslatedText(german, "de", bool(german))
    return TranslatedText(german, "de", False)


def translation_field_names(field):
    """All column names that hold ``field`` in some language."""
    return [field + suffix for suffix in SUFFIXES.values()]


class TranslatableMixin:
    """For models with translatable fields; lists them in ``translatable_fields``."""

    translatable_fields: tuple[str, ...] = ()

    def translated(self, field, language=None):
        return translated(self, field, language)


def default_content_languages():
    return list(DEFAULT_CONTENT_LANGUAGES)
