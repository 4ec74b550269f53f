from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """The period of a report; the language when the office asks for a PDF."""

    starts_on = forms.DateField(label=_("Period starts"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Period ends"), widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        if starts_on and not 1900 <= starts_on.year <= 2200:
            self.add_error("starts_on", _("Enter a year between 1900 and 2200."))
        if ends_on and not 1900 <= ends_on.year <= 2200:
            self.add_error("ends_on", _("Enter a year between 1900 and 2200."))
        return data


class ReportForm(PeriodForm):
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["language"].choices = [
            (code, names[code]) for code in municipality.offered_languages()
        ]
