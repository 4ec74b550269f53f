"""Forms of the consultation's public pages and of moderation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.web.forms import ConfirmForm  # noqa: F401 - views use it

from .comments import REPORT_MAX_LENGTH, clean_text
from .models import COMMENT_MAX_LENGTH, Consultation, Draft


class CommentForm(forms.Form):
    """A comment on a section. Without an account: an optional name and the e-mail
    address the confirmation link goes to. A representative may sign for their
    organisation."""

    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("Plain text, at most %(limit)s characters.") % {"limit": COMMENT_MAX_LENGTH},
    )
    name = forms.CharField(
        label=_("Your name (optional, shown with the comment)"), max_length=100, required=False
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_(
            "We send you a link to confirm your comment and delete the address when you "
            "have confirmed. It is never shown."
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Sign for"), queryset=None, required=False, empty_label=_("myself")
    )
    antwort = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, logged_in, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        if logged_in:
            del self.fields["email"]
            del self.fields["name"]
        if organisations:
            from teilhabe.directory.models import Organisation

            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in organisations]
            )
        else:
            del self.fields["organisation"]

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError(_("Please write a comment."))
        return text


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this comment?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REPORT_MAX_LENGTH,
    )


class HideForm(forms.Form):
    """Hiding a comment: the reason, then (``confirm``) the confirmation step."""

    reason = forms.CharField(
        label=_("Reason for hiding"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Kept for the records; the public sees that a moderator hid the comment."),
    )
    confirm = forms.CharField(widget=forms.HiddenInput, required=False)


# --- The office edits consultations and drafts ----------------------------------------------

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsultationForm(forms.ModelForm):
    """A consultation: every choice limited to the municipality (a foreign id is "not
    one of the available choices"); the period in order; no reserved word as slug."""

    class Meta:
        model = Consultation
        fields = [
            "cycle",
            "title",
            "slug",
            "description",
            "starts_on",
            "ends_on",
            "access",
            "invited_organisations",
            "moderation",
            "events",
            "is_published",
        ]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "invited_organisations": forms.CheckboxSelectMultiple,
            "events": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        from teilhabe.directory.models import Organisation
        from teilhabe.events.models import Event
        from teilhabe.languages.forms import set_content_languages
        from teilhabe.plan.models import ConceptCycle

        self.municipality = municipality
        set_content_languages(self, municipality.offered_languages())
        self.fields["cycle"].queryset = ConceptCycle.objects.for_municipality(
            municipality
        ).order_by("-starts_on")
        self.fields["invited_organisations"].queryset = Organisation.objects.for_municipality(
            municipality
        ).order_by("name")
        self.fields["events"].queryset = Event.objects.for_municipality(municipality).order_by(
            "-starts_at"
        )

    def clean_slug(self):
        from .urls import RESERVED_SLUGS

        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved; please choose another."))
        return slug

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        if data.get("access") == Consultation.Access.INVITED and not data.get(
            "invited_organisations"
        ):
            self.add_error(
                "invited_organisations", _("Choose the organisations invited to take part.")
            )
        return data

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        exclude.discard("municipality")
        return exclude


class DraftForm(forms.ModelForm):
    class Meta:
        model = Draft
        fields = ["title", "summary", "published_on", "is_published"]
        widgets = {"published_on": DATE_INPUT}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        from teilhabe.languages.forms import set_content_languages

        set_content_languages(self, municipality.offered_languages())


def _language_choices(municipality):
    from teilhabe.languages.forms import LANGUAGE_NAMES

    return [(code, LANGUAGE_NAMES.get(code, code)) for code in municipality.offered_languages()]


class ImportForm(forms.Form):
    """The text of a draft in one language, pasted: "# " chapters, "## " sections."""

    language = forms.ChoiceField(label=_("Language"))
    text = forms.CharField(
        label=_("Structured text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=500_000,
        help_text=_(
            'One heading per line: "# 1 Chapter" for a chapter, "## 1.1 Section" for a '
            "section; the lines below a heading are its text. German sets the chapters and "
            "sections; a translation must have the same headings."
        ),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices(municipality)


class DraftFileForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    file = forms.FileField(
        label=_("Original file (PDF or Word)"),
        help_text=_("Replaces the file of this language, if there is one."),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices(municipality)

    def clean_file(self):
        from . import documents

        upload = self.cleaned_data["file"]
        documents.check_document(upload)
        return upload


class NewVersionForm(forms.Form):
    copy = forms.BooleanField(
        label=_("Start as a copy of the latest version"), required=False, initial=True
    )
