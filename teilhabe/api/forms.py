from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.tenants.models import Municipality

from .models import ApiToken

# A token lives at most this long (a longer one would outlive most staff changes).
LONGEST_VALIDITY = timedelta(days=3 * 366)


class TokenForm(forms.ModelForm):
    """A new token: what it is for, the municipality (one of the person's), and an
    optional last day."""

    class Meta:
        model = ApiToken
        fields = ["name", "municipality", "expires_on"]
        widgets = {"expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        choice = self.fields["municipality"]
        choice.queryset = Municipality.objects.filter(pk__in=[m.pk for m in municipalities])
        choice.empty_label = None
        choice.help_text = _("The token works only for this municipality's data.")

    def clean_expires_on(self):
        day = self.cleaned_data.get("expires_on")
        today = timezone.localdate()
        if day is not None and day < today:
            raise forms.ValidationError(_("A token cannot expire in the past."))
        if day is not None and day > today + LONGEST_VALIDITY:
            raise forms.ValidationError(_("A token can be valid for three years at most."))
        return day

    def _post_clean(self):
        # The token row is made by the service (services.create_token), not the form.
        pass
