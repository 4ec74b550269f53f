"""Forms shared by the apps: the confirmation step of actions that mail people or
cannot be undone."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.languages.forms import set_content_languages


class ConfirmForm(forms.Form):
    """The second step of an action that mails people or cannot be undone: the first
    step (a GET) says what will happen; only this form's POST does it."""

    confirm = forms.CharField(widget=forms.HiddenInput, initial="yes")

    def clean_confirm(self):
        if self.cleaned_data["confirm"] != "yes":
            raise ValidationError(_("Please confirm on the confirmation page."))
        return True


class ReminderForm(ConfirmForm):
    """A confirmation that carries the time of the last sending the office saw: if
    another went out since (a second click, a colleague), nothing is sent again."""

    last_sent = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_last_sent(self):
        value = self.cleaned_data["last_sent"]
        if not value:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError as error:
            raise ValidationError(_("Please confirm on the confirmation page.")) from error


class ReferenceForm(forms.ModelForm):
    """A row of the office's reference data (teilhabe.web.reference): translated fields
    in the municipality's content languages; constraints naming the municipality (e.g.
    a unique short name per municipality) are checked as form errors."""

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        set_content_languages(self, municipality.offered_languages())

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        exclude.discard("municipality")
        return exclude
