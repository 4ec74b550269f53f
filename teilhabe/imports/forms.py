from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from teilhabe.plan.models import ConceptCycle

from . import services
from .models import DataImport
from .reading import MAX_BYTES, FileRefused


class UploadForm(forms.Form):
    """What to import and the file. The file is read here: a file that cannot be read
    or whose columns do not fit is an error on the form, and nothing is stored."""

    kind = forms.ChoiceField(
        label=_("What the file contains"), choices=DataImport.Kind, widget=forms.RadioSelect
    )
    cycle = forms.ModelChoiceField(
        label=_("Concept cycle"),
        queryset=ConceptCycle.objects.none(),
        required=False,
        help_text=_("Measures only: the cycle whose fields of action, goals and measures change."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8 or Windows-1252, separated by semicolons or commas) or XLSX, at most "
            "%(size)s MB, with the columns of the export in the first row."
        )
        % {"size": MAX_BYTES // (1024 * 1024)},
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["cycle"].queryset = ConceptCycle.objects.for_municipality(municipality)

    def clean(self):
        cleaned = super().clean()
        kind, uploaded = cleaned.get("kind"), cleaned.get("file")
        if kind == DataImport.Kind.MEASURES and not cleaned.get("cycle"):
            self.add_error("cycle", _("Choose the concept cycle the measures belong to."))
        if not kind or uploaded is None:
            return cleaned
        if uploaded.size > MAX_BYTES:
            self.add_error(
                "file",
                _("The file is too large (at most %(size)s MB).")
                % {"size": MAX_BYTES // (1024 * 1024)},
            )
            return cleaned
        data = uploaded.read(MAX_BYTES + 1)
        try:
            table = services.read_upload(kind, data, uploaded.name or "")
        except FileRefused as refused:
            self.add_error("file", str(refused))
            return cleaned
        cleaned["data"], cleaned["rows"] = data, len(table.rows)
        return cleaned

    def save(self, user):
        data = self.cleaned_data
        return services.store_upload(
            self.municipality,
            user,
            data["kind"],
            data.get("cycle"),
            data["file"].name,
            data["data"],
            data["rows"],
            get_language(),
        )
