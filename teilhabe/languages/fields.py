"""Translatable content fields: one JSON column per field, any number of languages.

A ``TranslatedField`` stores ``{"de": "...", "en": "...", "ar": "...", "_source": {"en":
"<version of the German text the English was made from>", ...}}``. German is the source:
required where the field is required, always the end of a fallback. Adding a language
to a municipality is a change of data, not of the schema.

Each translation records the version of the German text it was made from (a short hash
of that text), so a translation whose German source changed afterwards shows as
outdated in the office's translation overview; a translation saved together with its
source, or confirmed later, is current again.
"""

import hashlib

from django.core import checks, exceptions
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext_lazy as _

from .content import SOURCE_LANGUAGE, installed_languages

SOURCE_KEY = "_source"
# Languages whose text is an invented sample translation (the demo), shown with a note.
SAMPLE_KEY = "_sample"
META_KEYS = {SOURCE_KEY, SAMPLE_KEY}


def source_version(text):
    """A short, stable version of a German text (the same text, the same version)."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:12]


class Translations(dict):
    """The value of a ``TranslatedField``: language code -> text, plus the source
    versions under ``_source``. ``str()`` is the text in the active language (along
    the municipality's fallback chain); pages use the ``translated_text`` and
    ``translated_block`` tags, which also mark a fallback with its language."""

    def __init__(self, value=None):
        super().__init__()
        for code, text in (value or {}).items():
            if code == SOURCE_KEY:
                if text:
                    self[SOURCE_KEY] = dict(text)
            elif code == SAMPLE_KEY:
                if text:
                    self[SAMPLE_KEY] = list(text)
            elif text:
                self[code] = text

    def __str__(self):
        from .content import pick

        return pick(self).text

    def __bool__(self):
        return any(code not in META_KEYS for code in self)

    def text(self, language):
        return self.get(language, "") if language not in META_KEYS else ""

    def is_sample(self, language):
        """An invented translation (demo data), said so on the page."""
        return language in self.get(SAMPLE_KEY, ())

    def languages(self):
        """The languages that have a text, in the installation's order."""
        return [code for code in installed_languages() if self.get(code)]

    @property
    def sources(self):
        return self.get(SOURCE_KEY, {})

    def set(self, language, text, *, source=None):
        """Set the text of ``language``. A translation records the version of the
        German text it was made from: ``source`` (e.g. from an import), or the German
        text as it is now."""
        text = (text or "").strip("\n") if isinstance(text, str) else text
        if not text:
            self.pop(language, None)
            self.get(SOURCE_KEY, {}).pop(language, None)
        else:
            self[language] = text
            if language != SOURCE_LANGUAGE:
                versions = self.setdefault(SOURCE_KEY, {})
                versions[language] = source or source_version(self.get(SOURCE_LANGUAGE))
        if SOURCE_KEY in self and not self[SOURCE_KEY]:
            del self[SOURCE_KEY]

    def is_outdated(self, language):
        """The translation exists but was made from an older German text."""
        if language == SOURCE_LANGUAGE or not self.get(language):
            return False
        return self.sources.get(language) != source_version(self.get(SOURCE_LANGUAGE))

    def copy(self):
        return Translations({**self, SOURCE_KEY: dict(self.sources)})

    def texts(self):
        """{language: text} without the bookkeeping."""
        return {code: text for code, text in self.items() if code not in META_KEYS}


class TranslationsDescriptor(DeferredAttribute):
    """Whatever is assigned (a German string, a dict) reads back as ``Translations``."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = self.field.to_python(value)


class TranslatedField(models.JSONField):
    """A text in the municipality's content languages (see the module docstring).

    ``max_length`` bounds each language's text; ``multiline`` asks forms for a text
    area; ``blank=False`` requires the German text."""

    description = _("Text in several languages")

    def __init__(self, verbose_name=None, *, max_length=None, multiline=False, **kwargs):
        self.text_max_length = max_length
        self.multiline = multiline
        kwargs.setdefault("default", dict)
        super().__init__(verbose_name, **kwargs)

    descriptor_class = TranslationsDescriptor

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if self.text_max_length is not None and self.multiline:
            errors.append(
                checks.Error("A multi-line translated field takes no max_length.", obj=self)
            )
        return errors

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        path = "teilhabe.languages.fields.TranslatedField"
        if self.text_max_length is not None:
            kwargs["max_length"] = self.text_max_length
        if self.multiline:
            kwargs["multiline"] = True
        if kwargs.get("default") is dict:
            del kwargs["default"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        return Translations(value) if isinstance(value, dict) else value

    def to_python(self, value):
        if value is None:
            return Translations(None)
        if isinstance(value, Translations):
            return value
        if isinstance(value, dict):
            # Texts given together (a fixture, a test, data written by a program)
            # belong to the German text given with them.
            texts = Translations(value)
            german = source_version(texts.get(SOURCE_LANGUAGE, ""))
            for code in texts.texts():
                if code != SOURCE_LANGUAGE:
                    texts.setdefault(SOURCE_KEY, {}).setdefault(code, german)
            return texts
        if isinstance(value, str):
            # A plain text is German (e.g. a factory or a fixture).
            return Translations({SOURCE_LANGUAGE: value})
        return super().to_python(value)

    def get_prep_value(self, value):
        # Lookups (``title__de="..."``) pass plain values through unchanged.
        return super().get_prep_value(dict(value) if isinstance(value, dict) else value)

    def get_db_prep_save(self, value, connection):
        # Saved, a plain text is the German text (e.g. ``update(title="...")``).
        if isinstance(value, str):
            value = Translations({SOURCE_LANGUAGE: value})
        return super().get_db_prep_save(value, connection)

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def validate(self, value, model_instance):
        value = self.to_python(value)
        # A translation needs its German source, even where the text is optional.
        required = not self.blank or any(
            text for code, text in value.texts().items() if code != SOURCE_LANGUAGE
        )
        if required and not value.get(SOURCE_LANGUAGE, "").strip():
            raise exceptions.ValidationError(
                _("Please write the German text; it is the source of every translation."),
                code="required",
            )
        known = set(installed_languages()) | META_KEYS
        unknown = sorted(set(value) - known)
        if unknown:
            raise exceptions.ValidationError(
                _("Unknown language: %(codes)s") % {"codes": ", ".join(unknown)}, code="language"
            )
        for code, text in value.texts().items():
            if not isinstance(text, str):
                raise exceptions.ValidationError(_("A text must be text."), code="invalid")
            if "\x00" in text:
                raise exceptions.ValidationError(_("The text contains a NUL character."))
            if self.text_max_length and len(text) > self.text_max_length:
                raise exceptions.ValidationError(
                    _("At most %(limit)s characters (%(language)s has %(count)s).")
                    % {"limit": self.text_max_length, "language": code, "count": len(text)},
                    code="max_length",
                )

    def formfield(self, **kwargs):
        from .forms import TranslatedFormField

        field = super(models.JSONField, self).formfield(
            form_class=TranslatedFormField,
            max_length=self.text_max_length,
            multiline=self.multiline,
            **{k: v for k, v in kwargs.items() if k not in ("encoder", "decoder")},
        )
        field.show_hidden_initial = False
        return field

    def save_form_data(self, instance, data):
        """A form's texts (``{code: text}`` for the languages it shows) merged into the
        stored ones: languages the form did not show keep their texts, and each
        translation records which German text it belongs to."""
        from .forms import merge_form_texts

        if isinstance(data, Translations):
            setattr(instance, self.attname, data)
            return
        setattr(instance, self.attname, merge_form_texts(getattr(instance, self.attname), data))
