import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from teilhabe.directory.models import Organisation
from teilhabe.languages.forms import TranslatedFormField, set_content_languages
from teilhabe.web.forms import ConfirmForm, ReferenceForm, ReminderForm  # noqa: F401 - views use them

from . import services
from .models import (
    MAX_CAPACITY,
    AudienceGroup,
    Event,
    EventMessage,
    EventSeries,
    ProgrammeItem,
    Registration,
    Speaker,
    Station,
    Venue,
)


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


# --- Staff forms ------------------------------------------------------------------------


class ParticipantFilterForm(forms.Form):
    YES_NO = [("", _("all")), ("ja", _("yes")), ("nein", _("no"))]

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all"))] + list(Registration.Status.choices),
    )
    audience_group = forms.ModelChoiceField(
        label=_("Audience group"),
        required=False,
        queryset=AudienceGroup.objects.none(),
        empty_label=_("all"),
    )
    organisation_type = forms.ChoiceField(
        label=_("Type of organisation"),
        required=False,
        choices=[("", _("all"))] + list(Organisation.Type.choices) + [("-", _("no organisation"))],
    )
    checked_in = forms.ChoiceField(label=_("Checked in"), required=False, choices=YES_NO)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_group"].queryset = AudienceGroup.objects.for_municipality(
            event.municipality
        )

    def apply(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["audience_group"]:
            queryset = queryset.filter(audience_group=data["audience_group"])
        if data["organisation_type"] == "-":
            queryset = queryset.filter(organisation_type="")
        elif data["organisation_type"]:
            queryset = queryset.filter(organisation_type=data["organisation_type"])
        if data["checked_in"] == "ja":
            queryset = queryset.filter(checked_in_at__isnull=False)
        elif data["checked_in"] == "nein":
            queryset = queryset.filter(checked_in_at__isnull=True)
        return queryset

    @property
    def is_filtered(self):
        return self.is_valid() and any(self.cleaned_data.values())


class StaffRegistrationForm(forms.Form):
    """Staff register someone by hand or reserve a seat: confirmed at once, no opt-in."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=Organisation.objects.none()
    )
    organisation_name = forms.CharField(
        label=_("Organisation (if not listed)"), max_length=250, required=False
    )

    def __init__(self, *args, event, **kwargs):
        kwargs.setdefault("prefix", "neu")
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["organisation"].queryset = Organisation.objects.for_municipality(
            event.municipality
        )


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=MAX_CAPACITY,
        required=False,
        help_text=_(
            "Empty means unlimited. If you add seats, people on the waiting list move up "
            "in order and are told by e-mail."
        ),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        try:
            services.check_capacity(self.event, capacity)
        except services.RegistrationError as error:
            raise ValidationError(error.message) from error
        return capacity


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Goes into the mail to everyone registered or waiting."),
        error_messages={"required": _("Please give a reason; it goes into the mail.")},
    )
    confirm = forms.BooleanField(
        label=_("Yes, cancel this event. Everyone registered or waiting gets an e-mail."),
        error_messages={"required": _("Please confirm that you want to cancel.")},
    )


class FindRegistrationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The address you registered with."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class InvitationForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One address per line."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations from the directory"),
        required=False,
        queryset=Organisation.objects.none(),
        help_text=_(
            "The invitation goes to the public e-mail address of the organisation, or else "
            "to its internal contact."
        ),
    )
    expires_at = forms.DateTimeField(
        label=_("Valid until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        help_text=_("The mail and the links in it are in this language."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["organisations"].queryset = Organisation.objects.for_municipality(
            event.municipality
        ).order_by("name")
        if not self.is_bound:
            default = event.registration_closes_at or event.starts_at
            self.initial.setdefault(
                "expires_at", timezone.localtime(default).strftime("%Y-%m-%dT%H:%M")
            )
            self.initial.setdefault("language", translation.get_language())

    def clean_emails(self):
        addresses, errors = [], []
        for number, line in enumerate(self.cleaned_data["emails"].splitlines(), start=1):
            address = line.strip()
            if not address:
                continue
            try:
                validate_email(address)
            except ValidationError:
                errors.append(
                    ValidationError(
                        _("Line %(number)s: “%(address)s” is not a valid e-mail address.")
                        % {"number": number, "address": address[:100]}
                    )
                )
            else:
                addresses.append(address.lower())
        if errors:
            raise ValidationError(errors)
        return addresses

    def clean_organisations(self):
        organisations = self.cleaned_data["organisations"]
        missing = [
            o.name for o in organisations if not (o.public_email or o.internal_contact_email)
        ]
        if missing:
            raise ValidationError(
                _("No e-mail address is known for: %(names)s") % {"names": ", ".join(missing)}
            )
        return organisations

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        if expires_at <= timezone.now():
            raise ValidationError(_("Please choose a time in the future."))
        return expires_at

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("emails") and not cleaned.get("organisations"):
            raise ValidationError(_("Please enter at least one address or organisation."))
        return cleaned

    def recipients(self):
        """(e-mail, organisation or None) pairs: the addresses, then the organisations."""
        return [(address, None) for address in self.cleaned_data["emails"]] + [
            ((o.public_email or o.internal_contact_email), o)
            for o in self.cleaned_data["organisations"]
        ]


class StationResultsForm(forms.ModelForm):
    class Meta:
        model = Station
        fields = ["results"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        set_content_languages(self, municipality.offered_languages())


StationResultsFormSet = forms.modelformset_factory(
    Station, form=StationResultsForm, extra=0, edit_only=True
)


# --- The office's event form, programme and duplicating -----------------------------------

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):
    """The event's details as the office writes them. Choices (venues, series, audience
    groups, concept cycle, fields of action) are the municipality's own; a new venue can
    be entered here instead of choosing one. Seats are checked against the seats already
    taken; the status is not on this form (publish and cancel have their own steps)."""

    new_venue_name = forms.CharField(label=_("New venue: name"), max_length=250, required=False)
    new_venue_street = forms.CharField(
        label=_("New venue: street and number"), max_length=250, required=False
    )
    new_venue_postal_code = forms.CharField(
        label=_("New venue: postal code"), max_length=10, required=False
    )
    new_venue_city = forms.CharField(label=_("New venue: city"), max_length=100, required=False)

    NEW_VENUE_FIELDS = ["name", "street", "postal_code", "city"]

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "series",
            "description",
            "starts_at",
            "ends_at",
            "format",
            "venue",
            "online_platform",
            "join_url",
            "meeting_id",
            "passcode",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "access",
            "is_listed",
            "audience_groups",
            "cycle",
            "fields_of_action",
            "is_free",
            "fee_note",
            "languages",
            "interpretation",
            "organisers",
            "participant_notes",
            "asks_interpretation",
            "asks_accessibility",
            "asks_dietary",
            "reminder_days_before",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_opens_at": DATETIME_WIDGET,
            "registration_closes_at": DATETIME_WIDGET,
            "format": forms.RadioSelect,
            "access": forms.RadioSelect,
            "audience_groups": forms.CheckboxSelectMultiple,
            "fields_of_action": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "organisers": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "venue": _("Or enter a new venue below."),
            "join_url": _("Shown only to confirmed participants, never on public pages."),
            "passcode": _("Shown only to confirmed participants, never on public pages."),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        from teilhabe.directory.models import Language, Organisation
        from teilhabe.plan.models import ConceptCycle, FieldOfAction

        from .models import EventSeries, Venue

        self.municipality = municipality
        scoped = {
            "series": EventSeries.objects.for_municipality(municipality),
            "venue": Venue.objects.for_municipality(municipality),
            "audience_groups": AudienceGroup.objects.for_municipality(municipality),
            "cycle": ConceptCycle.objects.for_municipality(municipality),
            "fields_of_action": FieldOfAction.objects.for_municipality(municipality)
            .select_related("cycle")
            .order_by("cycle__starts_on", "number"),
            "languages": Language.objects.all(),
            "organisers": Organisation.objects.for_municipality(municipality).order_by("name"),
        }
        for name, queryset in scoped.items():
            self.fields[name].queryset = queryset
        set_content_languages(self, municipality.offered_languages())

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            try:
                services.check_capacity(self.instance, capacity)
            except services.RegistrationError as error:
                raise ValidationError(error.message) from error
        return capacity

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        opens, closes = cleaned.get("registration_opens_at"), cleaned.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "registration_closes_at", _("The deadline must come after registration opens.")
            )
        new_venue = {f: cleaned.get(f"new_venue_{f}", "") for f in self.NEW_VENUE_FIELDS}
        if any(new_venue.values()):
            if cleaned.get("venue"):
                self.add_error("new_venue_name", _("Choose a venue or enter a new one, not both."))
            for name, value in new_venue.items():
                if not value:
                    self.add_error(f"new_venue_{name}", _("Please complete the new venue."))
        fields = cleaned.get("fields_of_action") or []
        cycle = cleaned.get("cycle")
        if cycle and any(f.cycle_id != cycle.pk for f in fields):
            self.add_error(
                "fields_of_action", _("Choose fields of action of the chosen concept cycle.")
            )
        return cleaned

    def new_venue(self):
        """The unsaved venue entered on the form, or None."""
        from .models import Venue

        data = {f: self.cleaned_data.get(f"new_venue_{f}", "") for f in self.NEW_VENUE_FIELDS}
        return Venue(**data) if data["name"] else None

    def save_event(self):
        self.instance.municipality = self.municipality
        return services.save_event(
            self.instance,
            capacity=self.cleaned_data["capacity"],
            audience_groups=self.cleaned_data["audience_groups"],
            fields_of_action=self.cleaned_data["fields_of_action"],
            languages=self.cleaned_data["languages"],
            organisers=self.cleaned_data["organisers"],
            new_venue=self.new_venue(),
        )


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "ends_at", "kind", "title", "description"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        set_content_languages(self, event.municipality.offered_languages())

    def clean(self):
        cleaned = super().clean()
        starts = cleaned.get("starts_at")
        if starts and not cleaned.get("DELETE"):
            try:
                services.check_programme_time(self.event, starts, cleaned.get("ends_at"))
            except services.RegistrationError as error:
                self.add_error("starts_at", error.message)
        return cleaned


ProgrammeFormSet = forms.inlineformset_factory(
    Event, ProgrammeItem, form=ProgrammeItemForm, extra=1, can_delete=True, max_num=100
)


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = Speaker
        fields = ["name", "function", "organisation_name"]


class StationForm(forms.ModelForm):
    class Meta:
        model = Station
        fields = ["title", "theme", "host"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        set_content_languages(self, municipality.offered_languages())


SpeakerFormSet = forms.inlineformset_factory(
    ProgrammeItem, Speaker, form=SpeakerForm, extra=1, can_delete=True, max_num=50
)
StationFormSet = forms.inlineformset_factory(
    ProgrammeItem, Station, form=StationForm, extra=1, can_delete=True, max_num=50
)


class DuplicateForm(forms.Form):
    """How far the copy moves: to the same date next year, or by a number of days."""

    shift = forms.ChoiceField(
        label=_("New date"),
        choices=[
            ("year", _("The same date next year")),
            ("days", _("Move by a number of days")),
        ],
        initial="year",
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(
        label=_("Number of days"),
        min_value=1,
        max_value=3650,
        required=False,
        help_text=_("For the same weekday a year later: 364."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("shift") == "days" and not cleaned.get("days"):
            self.add_error("days", _("Please enter the number of days."))
        return cleaned

    def shift_days(self):
        """Days to move by, or None for the same date next year."""
        return self.cleaned_data["days"] if self.cleaned_data["shift"] == "days" else None


# --- Messages to participants ---------------------------------------------------------------


class MessageForm(forms.ModelForm):
    """What the office writes to an event's participants: subject and text in German
    and in any of the municipality's content languages, and who gets it. Its POST leads
    to the confirmation page, which sends the same data again with ``ConfirmForm``'s
    field; the submission key keeps the message one however often that is sent."""

    body = TranslatedFormField(
        label=_("Text"), max_length=EventMessage.BODY_MAX_LENGTH, multiline=True
    )
    groups = forms.MultipleChoiceField(
        label=_("Send to"),
        choices=EventMessage.Group.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People in two of the groups get the message once."),
        error_messages={"required": _("Please choose who gets the message.")},
    )
    # New for every rendering of the form: sending the same form twice sends once.
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = EventMessage
        fields = ["subject", "body"]
        labels = {"subject": _("Subject")}

    def __init__(self, *args, event, group_sizes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        set_content_languages(self, event.municipality.offered_languages())
        self.fields["submission_key"].initial = uuid.uuid4()
        if group_sizes is not None:  # how many are in each group now: "Confirmed (12)"
            self.fields["groups"].choices = [
                (group, f"{group.label} ({group_sizes[group]})") for group in EventMessage.Group
            ]

    def clean_submission_key(self):
        """A key that is missing or not one of ours only loses the protection against
        sending twice: the message gets a key of its own."""
        try:
            return uuid.UUID(self.cleaned_data["submission_key"])
        except ValueError:
            return None

    def written_in(self):
        """The languages the message is written in (German and its translations)."""
        subject, body = self.cleaned_data["subject"], self.cleaned_data["body"]
        return {code for code, text in subject.items() if text and body.get(code)}

    def carried(self):
        """The data as sent, as (name, value) pairs, to carry through the
        confirmation page (which checks it all again when it is sent)."""
        pairs = []
        for name, field in self.fields.items():
            html_name = self[name].html_name
            if isinstance(field.widget, forms.MultiWidget):
                names = [html_name + suffix for suffix in field.widget.widgets_names]
            else:
                names = [html_name]
            for key in names:
                pairs.extend((key, value) for value in self.data.getlist(key))
        return pairs


# --- The office's reference data (teilhabe.events.reference) -------------------------------


class VenueForm(ReferenceForm):
    class Meta:
        model = Venue
        fields = [
            "name",
            "street",
            "postal_code",
            "city",
            "entrance",
            "directions",
            "accessibility",
        ]


class EventSeriesForm(ReferenceForm):
    class Meta:
        model = EventSeries
        fields = ["title", "slug"]


class AudienceGroupForm(ReferenceForm):
    class Meta:
        model = AudienceGroup
        fields = ["name"]
