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

from .content import PLAIN_LANGUAGE, SOURCE_LANGUAGE, installed_languages
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


# --- The office's translation workflow ---------------------------------------------------


class ContentLanguagesForm(forms.Form):
    """The municipality's content languages and, per language, the first language shown
    before German when a text is missing. German is offered like the others, so that
    unticking it meets a clear refusal instead of a silently ignored box."""

    languages = forms.MultipleChoiceField(
        label=_("Content languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("German is the source of every text and always stays on."),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["languages"].initial = municipality.offered_languages()
        chains = municipality.fallback_languages or {}
        for code in self.fallback_codes():
            others = [(c, n) for c, n in settings.LANGUAGES if c not in (code, SOURCE_LANGUAGE)]
            self.fields[f"fallback_{code}"] = forms.ChoiceField(
                label=_("If a text is missing in %(language)s, show first")
                % {"language": LANGUAGE_NAMES[code]},
                choices=[("", _("German (directly)")), *others],
                required=False,
                initial=(chains.get(code) or [""])[0],
            )

    @staticmethod
    def fallback_codes():
        """Languages that can fall back to another before German (plain German cannot)."""
        return [c for c in installed_languages() if c not in (SOURCE_LANGUAGE, PLAIN_LANGUAGE)]

    def fallback_fields(self):
        return [self[f"fallback_{code}"] for code in self.fallback_codes()]

    def fallbacks(self):
        """``{language: chain}`` for the chosen languages. A chain set elsewhere (e.g.
        two languages long) is kept as long as its first language is still chosen here."""
        chosen = set(self.cleaned_data["languages"])
        current = self.municipality.fallback_languages or {}
        result = {}
        for code in self.fallback_codes():
            first = self.cleaned_data.get(f"fallback_{code}")
            if code not in chosen or not first:
                continue
            chain = current.get(code) or []
            if chain[:1] == [first]:
                result[code] = [c for c in chain if c in chosen]
            else:
                result[code] = [first]
        return result


class ExportForm(forms.Form):
    FORMATS = [("xliff", _("XLIFF 2.0 (for translation tools)")), ("csv", _("CSV (spreadsheet)"))]
    INCLUDE = [
        ("missing", _("Missing texts only")),
        ("outdated", _("Missing and outdated texts")),
    ]

    scope = forms.ChoiceField(label=_("Texts of"))
    include = forms.ChoiceField(
        label=_("Which texts"), choices=INCLUDE, initial="outdated", widget=forms.RadioSelect
    )
    format = forms.ChoiceField(
        label=_("File format"), choices=FORMATS, initial="xliff", widget=forms.RadioSelect
    )

    def __init__(self, *args, scopes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = scopes


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Translated file"),
        help_text=_("The XLIFF or CSV file exported here, with the translations filled in."),
    )

    def clean_file(self):
        from .services import MAX_IMPORT_BYTES

        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most %(size)s MB).")
                % {"size": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        return uploaded


__all__ = ["TranslatedField", "TranslatedFormField", "set_content_languages"]
