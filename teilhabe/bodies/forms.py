"""Forms of the staff pages of bodies. Every choice is limited to the body's
municipality (another municipality's id is "not one of the available choices"); the
rules two requests could break at once are checked again in ``services``."""

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.consultation import documents
from teilhabe.languages.forms import set_content_languages
from teilhabe.tenants.scoping import scope_to_municipalities

from .models import Body, Meeting, Membership, Person

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
AGENDA_MAX_ITEMS = 50
AGENDA_ITEM_MAX_LENGTH = 300
# Addresses under /<municipality>/gremien/ that are not bodies.
RESERVED_SLUGS = {"neu", "kalender"}


def _check_period(form, starts="starts_on", ends="ends_on"):
    data = form.cleaned_data
    if data.get(starts) and data.get(ends) and data[ends] < data[starts]:
        form.add_error(ends, _("The period cannot end before it starts."))


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = [
            "kind",
            "name",
            "short_name",
            "slug",
            "description",
            "fields",
            "cycles",
            "starts_on",
            "ends_on",
            "managed_by",
            "is_public",
        ]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "fields": forms.CheckboxSelectMultiple,
            "cycles": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        from teilhabe.directory.models import Department
        from teilhabe.plan.models import ConceptCycle, FieldOfAction

        self.municipality = municipality
        self.instance.municipality = municipality
        set_content_languages(self, municipality.offered_languages())
        self.fields["fields"].queryset = (
            FieldOfAction.objects.for_municipality(municipality)
            .select_related("cycle")
            .order_by("-cycle__starts_on", "number")
        )
        self.fields["fields"].label_from_instance = lambda f: (
            f"{f.cycle.short_title or f.cycle}: {f}"
        )
        self.fields["cycles"].queryset = ConceptCycle.objects.for_municipality(
            municipality
        ).order_by("-starts_on")
        self.fields["managed_by"].queryset = Department.objects.for_municipality(municipality)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise ValidationError(_("This short name is reserved; please choose another."))
        return slug

    def clean(self):
        data = super().clean()
        _check_period(self)
        return data

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        exclude.discard("municipality")
        return exclude


def _account_field():
    return forms.ModelChoiceField(
        label=_("Account (optional)"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("With an account, the person sees the body's internal meetings."),
    )


def _accounts(municipality):
    return scope_to_municipalities(get_user_model().objects.all(), [municipality.pk]).order_by(
        "email"
    )


class MembershipForm(forms.Form):
    """A new member: an organisation, a department, or a person (name, optional e-mail
    address, consent to show the name), with role, period and note."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    department = forms.ModelChoiceField(label=_("Department"), queryset=None, required=False)
    person_name = forms.CharField(label=_("or a person: name"), max_length=200, required=False)
    person_email = forms.EmailField(
        label=_("The person's e-mail address (optional)"),
        required=False,
        help_text=_("Only for invitations to meetings. Seen by the office only."),
    )
    name_is_public = forms.BooleanField(
        label=_("The person agrees that their name is shown publicly"), required=False
    )
    person_user = _account_field()
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    starts_on = forms.DateField(label=_("Member from"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Member until (optional)"), widget=DATE_INPUT, required=False)

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        from teilhabe.directory.models import Department, Organisation

        self.body = body
        municipality = body.municipality
        self.fields["organisation"].queryset = Organisation.objects.for_municipality(
            municipality
        ).order_by("name")
        self.fields["department"].queryset = Department.objects.for_municipality(municipality)
        self.fields["person_user"].queryset = _accounts(municipality)
        self.fields["role"].initial = Membership.Role.MEMBER

    def clean(self):
        data = super().clean()
        chosen = [name for name in ("organisation", "department", "person_name") if data.get(name)]
        if len(chosen) != 1 and not self.errors:
            raise ValidationError(
                _("Choose exactly one member: an organisation, a department or a person.")
            )
        _check_period(self)
        return data

    def member(self):
        """The chosen organisation or department, or None for a new person."""
        return self.cleaned_data.get("organisation") or self.cleaned_data.get("department")

    def person_values(self):
        data = self.cleaned_data
        return {
            "name": data["person_name"],
            "email": data["person_email"],
            "name_is_public": data["name_is_public"],
            "user": data["person_user"],
        }

    def membership_values(self):
        data = self.cleaned_data
        return {"role": data["role"], "starts_on": data["starts_on"], "ends_on": data["ends_on"]}


class MembershipEditForm(forms.ModelForm):
    """Role, period and note of a membership; for a person also their record."""

    person_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    person_email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_("Only for invitations to meetings. Seen by the office only."),
    )
    name_is_public = forms.BooleanField(
        label=_("The person agrees that their name is shown publicly"), required=False
    )
    person_user = _account_field()

    class Meta:
        model = Membership
        fields = ["role", "starts_on", "ends_on", "note"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    PERSON_FIELDS = ["person_name", "person_email", "name_is_public", "person_user"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        set_content_languages(self, municipality.offered_languages())
        person = self.instance.person
        if person is None:
            for name in self.PERSON_FIELDS:
                del self.fields[name]
        else:
            self.fields["person_user"].queryset = _accounts(municipality)
            self.fields["person_name"].required = True
            self.initial.update(
                person_name=person.name,
                person_email=person.email,
                name_is_public=person.name_is_public,
                person_user=person.user_id,
            )

    def clean(self):
        data = super().clean()
        _check_period(self)
        return data

    def person_values(self):
        data = self.cleaned_data
        return {
            "name": data["person_name"],
            "email": data["person_email"],
            "name_is_public": data["name_is_public"],
            "user": data["person_user"],
        }


class MeetingForm(forms.ModelForm):
    """Date, place, visibility and agenda (one item per line) of a meeting."""

    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=AGENDA_MAX_ITEMS * (AGENDA_ITEM_MAX_LENGTH + 2),
        help_text=_("One item per line, in order."),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "place", "is_public"]
        widgets = {"starts_at": DATETIME_INPUT, "ends_at": DATETIME_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["submission_key"]
            self.initial["agenda"] = "\n".join(a.title for a in self.instance.agenda.all())
        else:
            self.fields["submission_key"].initial = uuid.uuid4()

    def clean_agenda(self):
        lines = [line.strip() for line in self.cleaned_data["agenda"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > AGENDA_MAX_ITEMS:
            raise ValidationError(
                _("At most %(limit)s agenda items.") % {"limit": AGENDA_MAX_ITEMS}
            )
        if any(len(line) > AGENDA_ITEM_MAX_LENGTH for line in lines):
            raise ValidationError(
                _("Each agenda item has at most %(limit)s characters.")
                % {"limit": AGENDA_ITEM_MAX_LENGTH}
            )
        return lines

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return data

    def _post_clean(self):
        # The meeting is written by services.schedule_meeting / change_meeting.
        pass

    def values(self):
        data = self.cleaned_data
        return {
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "place": data["place"],
            "is_public": data["is_public"],
            "agenda": data["agenda"],
        }

    def carried(self):
        """The form's values as hidden fields of the confirmation page."""
        for name, field in self.fields.items():
            value = self.data.get(name, "")
            if isinstance(field.widget, forms.CheckboxInput):
                if self.cleaned_data.get(name):
                    yield name, "on"
                continue
            yield name, value


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Goes into the mail to the members."),
        error_messages={"required": _("Please give a reason; it goes into the mail.")},
    )
    confirm = forms.BooleanField(
        label=_("Yes, cancel this meeting. The members get an e-mail."),
        error_messages={"required": _("Please confirm that you want to cancel.")},
    )


class MinutesForm(forms.Form):
    file = forms.FileField(label=_("Minutes (PDF or Word)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        documents.check_document(upload)
        return upload


class AttendanceForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who attended"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["attendees"]
        field.queryset = choices
        field.label_from_instance = member_label


def member_label(membership):
    """The member as staff see it (a person by name)."""
    member = membership.member
    name = member.name if isinstance(member, Person) else str(member)
    return f"{name} ({membership.get_role_display()})"
