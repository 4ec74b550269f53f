from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.directory.models import Organisation

from .models import AudienceGroup, Event, Registration


class RegistrationForm(forms.ModelForm):
    """What a person gives to register: only what the event needs. Needs that reveal
    health or religion are optional and asked only where the event asks for them."""

    consent = forms.BooleanField(
        label=_(
            "I agree that my data is processed to organise this event, "
            "as described in the privacy notice."
        ),
        error_messages={"required": _("Please agree to the privacy notice to register.")},
    )

    class Meta:
        model = Registration
        fields = [
            "name",
            "email",
            "organisation",
            "organisation_name",
            "audience_group",
            "interpretation_language",
            "accessibility_needs",
            "dietary_needs",
        ]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "accessibility_needs": _("Optional and confidential: only the organisers see it."),
            "dietary_needs": _("Optional and confidential: only the organisers see it."),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["organisation"].queryset = Organisation.objects.for_municipality(
            event.municipality
        ).published()
        self.fields["organisation"].required = False
        groups = AudienceGroup.objects.filter(events=event)
        if groups.exists():
            self.fields["audience_group"].queryset = groups
        else:
            del self.fields["audience_group"]
        if not event.asks_interpretation:
            del self.fields["interpretation_language"]
        if not event.asks_accessibility:
            del self.fields["accessibility_needs"]
        if not event.asks_dietary:
            del self.fields["dietary_needs"]


class NeedsForm(forms.ModelForm):
    """What a registrant may change later through the personal link."""

    class Meta:
        model = Registration
        fields = ["interpretation_language", "accessibility_needs", "dietary_needs"]
        widgets = {"accessibility_needs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance.event
        for name, asked in [
            ("interpretation_language", event.asks_interpretation),
            ("accessibility_needs", event.asks_accessibility),
            ("dietary_needs", event.asks_dietary),
        ]:
            if not asked:
                del self.fields[name]


class EventFilterForm(forms.Form):
    """Filters of the public event list (GET parameters ``art``, ``reihe``,
    ``handlungsfeld``); choices come from the municipality's data."""

    art = forms.ChoiceField(label=_("Kind"), required=False)
    reihe = forms.ChoiceField(label=_("Series"), required=False)
    handlungsfeld = forms.ChoiceField(label=_("Field of action"), required=False)

    def __init__(self, *args, series=(), fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("all"))]
        self.fields["art"].choices = everything + list(Event.Kind.choices)
        self.fields["reihe"].choices = everything + list(series)
        self.fields["handlungsfeld"].choices = everything + list(fields)
        if not series:
            del self.fields["reihe"]
        if not fields:
            del self.fields["handlungsfeld"]


class FeedbackForm(forms.Form):
    """Anonymous feedback after the event."""

    rating = forms.TypedChoiceField(
        label=_("How was the event?"),
        choices=[
            (5, _("5 – very good")),
            (4, _("4 – good")),
            (3, _("3 – okay")),
            (2, _("2 – not so good")),
            (1, _("1 – bad")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a rating.")},
    )
    text = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Your answer is anonymous. Please do not write your name."),
    )
