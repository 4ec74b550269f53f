from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PURPOSE_LABELS, OutgoingMail


class MailLogFilterForm(forms.Form):
    """The mail log's filters (GET). An unknown value is a form error and filters nothing."""

    status = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states")), *OutgoingMail.Status.choices],
    )
    purpose = forms.ChoiceField(
        label=_("Purpose"),
        required=False,
        choices=[("", _("All purposes")), *PURPOSE_LABELS.items()],
    )

    def filter(self, mails):
        if not self.is_valid():
            return mails
        if status := self.cleaned_data["status"]:
            mails = mails.filter(status=status)
        if purpose := self.cleaned_data["purpose"]:
            mails = mails.filter(purpose=purpose)
        return mails
