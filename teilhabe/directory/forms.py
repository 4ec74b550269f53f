from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from teilhabe.languages.forms import set_content_languages
from teilhabe.web.forms import ConfirmForm, ReferenceForm

from .claims import MESSAGE_MAX_LENGTH
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
            "founded_in",
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


# --- Organisation self-service (teilhabe.directory.claims, .representatives) --------------


class ClaimForm(forms.Form):
    """Asking to represent an organisation. Name and address only without an account
    (a logged-in person's come from the account)."""

    full_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you a link to confirm it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Message to the integration office"),
        help_text=_("Who are you in the organisation? How can the office reach you?"),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, logged_in=False, **kwargs):
        super().__init__(*args, **kwargs)
        if logged_in:
            del self.fields["full_name"]
            del self.fields["email"]


class NewOrganisationClaimForm(ClaimForm):
    """Registering an organisation that is not in the directory yet."""

    name = forms.CharField(label=_("Name of the organisation"), max_length=250)
    type = forms.ChoiceField(label=_("Type"), choices=Organisation.Type.choices)
    district = forms.CharField(label=_("District"), max_length=100, required=False)
    founded_in = forms.IntegerField(
        label=_("Year of founding"), min_value=1800, max_value=2200, required=False
    )
    field_order = ["name", "type", "district", "founded_in", "full_name", "email", "message"]

    def new_organisation(self):
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "type": data["type"],
            "district": data["district"].strip(),
            "founded_in": data["founded_in"],
        }


class ClaimDecisionForm(ConfirmForm):
    """The office verifies a request to represent an organisation."""

    mark_verified = forms.BooleanField(
        label=_("Mark the organisation as verified by the integration office"), required=False
    )
    publish = forms.BooleanField(
        label=_("Publish the organisation in the directory"), required=False
    )


class ClaimRefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the refusal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent by e-mail to the person who asked."),
        error_messages={"required": _("Please say why the request is refused.")},
    )


class RepresentativeInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    full_name = forms.CharField(label=_("Name"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the mail"), choices=settings.LANGUAGES)
