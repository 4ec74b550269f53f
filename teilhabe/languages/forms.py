"""Form fields for translated content: one input per content language, German first
(it is the source and required where the field is), each translation beside the
German text it translates, marked when that German text has changed since.

Which languages a form shows is set per form from the municipality
(``set_content_languages``); languages not shown keep their texts when the form saves
(``TranslatedField.save_form_data`` merges)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .content import SOURCE_LANGUAGE, installed_languages
from .fields import TranslatedField, Translations

LANGUAGE_NAMES = dict(settings.LANGUAGES)


class TranslatedWidget(forms.MultiWidget):
    template_name = "languages/widgets/translated.html"

    def __init__(self, languages, multiline=False, attrs=None):
        self.languages = list(languages)
        self.multiline = multiline
        widget = forms.Textarea(attrs={"rows": 4}) if multiline else forms.TextInput()
        # One input per language, named by its code: ``title_de``, ``title_ar``, ...
        super().__init__({code: widget for code in self.languages}, attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(code, "") for code in self.languages]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        translations = value if isinstance(value, Translations) else Translations(None)
        german = translations.get(SOURCE_LANGUAGE, "")
        rows = []
        for code, subwidget in zip(self.languages, context["widget"]["subwidgets"], strict=True):
            outdated = translations.is_outdated(code)
            described = subwidget["attrs"].get("aria-describedby", "").split()
            widget_id = subwidget["attrs"].get("id", subwidget["name"])
            if code != SOURCE_LANGUAGE:
                described.append(f"{widget_id}-source")
            if outdated:
                described.append(f"{widget_id}-outdated")
            subwidget["attrs"].update({"lang": code, "dir": "auto"})
            if described:
                subwidget["attrs"]["aria-describedby"] = " ".join(described)
            rows.append(
                {
                    "code": code,
                    "name": LANGUAGE_NAMES.get(code, code),
                    "is_source": code == SOURCE_LANGUAGE,
                    "widget": subwidget,
                    "outdated": outdated,
                }
            )
        context["widget"].update(rows=rows, source_text=german, multiline=self.multiline)
        return context


class TranslatedFormField(forms.MultiValueField):
    """The texts of one translated field in the shown languages -> ``{code: text}``."""

    def __init__(
        self, *, max_length=None, multiline=False, languages=None, required=True, **kwargs
    ):
        kwargs.pop("widget", None)  # the admin offers its JSON widget; ours is per language
        self.text_max_length = max_length
        self.multiline = multiline
        self.languages = list(languages or installed_languages())
        fields = [self._language_field(code, required) for code in self.languages]
        super().__init__(
            fields=fields,
            widget=TranslatedWidget(self.languages, multiline),
            require_all_fields=False,
            required=required,
            **kwargs,
        )

    def _language_field(self, code, required):
        field = forms.CharField(
            max_length=self.text_max_length,
            required=required and code == SOURCE_LANGUAGE,
            strip=True,
        )
        if required and code == SOURCE_LANGUAGE:
            field.error_messages["incomplete"] = _(
                "Please write the German text; it is the source of every translation."
            )
        return field

    def set_languages(self, languages):
        """Show ``languages`` (German is always first and always shown)."""
        languages = [SOURCE_LANGUAGE] + [c for c in languages if c != SOURCE_LANGUAGE]
        self.languages = languages
        self.fields = tuple(self._language_field(c, self.required) for c in languages)
        for field in self.fields:
            field.error_messages.setdefault("incomplete", self.error_messages["incomplete"])
        self.widget = TranslatedWidget(languages, self.multiline)

    def compress(self, data_list):
        return dict(zip(self.languages, data_list or [""] * len(self.languages), strict=True))

    def has_changed(self, initial, data):
        initial = self.widget.decompress(initial)
        return super().has_changed(initial, data)


def set_content_languages(form, languages):
    """Show the translated fields of ``form`` in ``languages`` (the municipality's)."""
    for field in form.fields.values():
        if isinstance(field, TranslatedFormField):
            field.set_languages(languages)


def merge_form_texts(current, texts, languages=None):
    """``current`` (the stored texts) with the texts of a form: German first, then each
    translation whose text changed records the German it now belongs to; a translation
    left as it was keeps its version (and shows as outdated if German changed).
    ``languages``: the content languages a text may be in (a form shows only those;
    the API names them itself)."""
    if languages is not None:
        other = sorted(set(texts) - set(languages))
        if other:
            raise ValidationError(
                _("Not a content language of this municipality: %(codes)s")
                % {"codes": ", ".join(other)},
                code="language",
            )
    merged = Translations(current).copy()
    german = texts.get(SOURCE_LANGUAGE)
    if german is not None and german != merged.get(SOURCE_LANGUAGE, ""):
        merged.set(SOURCE_LANGUAGE, german)
    for code, text in texts.items():
        if code != SOURCE_LANGUAGE and (text or "") != merged.get(code, ""):
            merged.set(code, text)
    return merged


__all__ = ["TranslatedField", "TranslatedFormField", "set_content_languages"]
