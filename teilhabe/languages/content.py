"""Translatable content fields.

A translatable field is three columns: the German text (``name``), the English text
(``name_en``) and the plain-language text (``name_simple``). German is required; the
others are optional and fall back to German, which the page then says in a visible note.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

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
