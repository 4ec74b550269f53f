from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.languages.forms import set_content_languages
from teilhabe.web.forms import ReferenceForm

from .models import ActivityField, Department, Language, Organisation


class DirectoryFilterForm(forms.Form):
    """Search and filters of the public directory. Invalid values are ignored, not errors."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Organisation.Type.choices]
    )
    activity = forms.ModelChoiceField(
        label=_("Field of activity"),
        required=False,
        queryset=ActivityField.objects.all(),
        to_field_name="code",
        empty_label=_("All fields"),
    )
    language = forms.ModelChoiceField(
        label=_("Language"),
        required=False,
        queryset=Language.objects.all(),
        to_field_name="code",
        empty_label=_("All languages"),
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.search(data["q"])
        if data["type"]:
            queryset = queryset.filter(type=data["type"])
        if data["activity"]:
            queryset = queryset.filter(activities=data["activity"])
        if data["language"]:
            queryset = queryset.filter(languages=data["language"])
        return queryset


class OrganisationProfileForm(forms.ModelForm):
    """What an organisation's representative keeps up to date."""

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "type",
            "description",
            "activities",
            "languages",
            "district",
            "address",
            "website",
            "public_email",
            "public_phone",
            "internal_contact_name",
            "internal_contact_email",
        ]
        widgets = {
            "activities": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "internal_contact_name": _("Seen only by the integration office."),
            "internal_contact_email": _("Seen only by the integration office."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Codes, not database ids, as values: stable across installations.
        for name in ("activities", "languages"):
            self.fields[name].to_field_name = "code"
        set_content_languages(self, self.instance.municipality.offered_languages())


class RefusalForm(forms.Form):
    """Why the office refuses a proposed profile change: mailed to the representative."""

    reason = forms.CharField(
        label=_("Reason for the refusal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent by e-mail to the person who proposed the change."),
        error_messages={"required": _("Please say why the change is refused.")},
    )


class DepartmentForm(ReferenceForm):
    """A department of the city administration, kept by the office
    (teilhabe.directory.reference)."""

    class Meta:
        model = Department
        fields = ["number", "name", "short_name", "kind", "contact_email"]
