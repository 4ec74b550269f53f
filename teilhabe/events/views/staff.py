"""Staff pages of an event: participant list and exports, check-in at the entrance,
management (capacity, cancelling, statistics), invitations and station results.

Every page is scoped to the municipality in the URL and needs a permission on the
event (teilhabe.events.rules): ``events.manage_event`` for all pages with personal
data, ``events.check_in`` for the entrance page (names only)."""

import secrets
from collections import Counter
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.forms import modelformset_factory
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from teilhabe.directory.models import Organisation
from teilhabe.mail.services import queue_mail
from teilhabe.tenants.scoping import MunicipalityMixin, municipality_from_url

from .. import exports, services
from ..models import AudienceGroup, Event, Invitation, Registration, Station

MANAGE = "events.manage_event"
CHECK_IN = "events.check_in"


def _event_for(request, municipality, slug, permission):
    """The event named in the URL, if ``request.user`` holds ``permission`` on it.
    The permission is checked on the municipality first, so that people without it
    cannot probe which (draft) events exist."""
    if not request.user.has_perm(permission, municipality):
        raise PermissionDenied
    event = get_object_or_404(
        Event.objects.for_municipality(municipality).select_related("municipality", "venue"),
        slug=slug,
    )
    if not request.user.has_perm(permission, event):
        raise PermissionDenied
    return event


class EventStaffMixin(LoginRequiredMixin, MunicipalityMixin):
    permission = MANAGE

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.event = _event_for(request, self.municipality, kwargs["slug"], self.permission)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        context["can_manage"] = self.request.user.has_perm(MANAGE, self.event)
        return context


# --- Participant list ---------------------------------------------------------------------


class ParticipantFilterForm(forms.Form):
    YES_NO = [("", gettext_lazy("all")), ("ja", gettext_lazy("yes")), ("nein", gettext_lazy("no"))]

    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("all"))] + list(Registration.Status.choices),
    )
    audience_group = forms.ModelChoiceField(
        label=gettext_lazy("Audience group"),
        required=False,
        queryset=AudienceGroup.objects.none(),
        empty_label=gettext_lazy("all"),
    )
    organisation_type = forms.ChoiceField(
        label=gettext_lazy("Type of organisation"),
        required=False,
        choices=[("", gettext_lazy("all"))]
        + list(Organisation.Type.choices)
        + [("-", gettext_lazy("no organisation"))],
    )
    checked_in = forms.ChoiceField(label=gettext_lazy("Checked in"), required=False, choices=YES_NO)

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

    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), required=False, queryset=Organisation.objects.none()
    )
    organisation_name = forms.CharField(
        label=gettext_lazy("Organisation (if not listed)"), max_length=250, required=False
    )

    def __init__(self, *args, event, **kwargs):
        kwargs.setdefault("prefix", "neu")
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["organisation"].queryset = Organisation.objects.for_municipality(
            event.municipality
        )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if Registration.objects.filter(
            event=self.event, email__iexact=email, status__in=Registration.ACTIVE
        ).exists():
            raise ValidationError(_("This e-mail address is already registered for this event."))
        return email


def registrations_of(event):
    return Registration.objects.filter(event=event).select_related("organisation", "audience_group")


def status_counts(event):
    counts = dict(
        Registration.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return [(value, label, counts.get(value, 0)) for value, label in Registration.Status.choices]


class ParticipantListView(EventStaffMixin, TemplateView):
    template_name = "events/staff/participants.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filter_form = ParticipantFilterForm(self.request.GET or None, event=self.event)
        registrations = filter_form.apply(registrations_of(self.event))
        context.update(
            filter_form=filter_form,
            is_filtered=filter_form.is_filtered,
            registrations=registrations,
            status_counts=status_counts(self.event),
            seats_taken=services.seats_taken(self.event),
            seats_left=services.seats_left(self.event),
            query=self.request.GET.urlencode(),
            add_form=kwargs.get("add_form") or StaffRegistrationForm(event=self.event),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "add":
            return self._add(request)
        registration = get_object_or_404(
            Registration.objects.filter(event=self.event, is_anonymised=False),
            pk=request.POST.get("registration") or 0,
        )
        if action == "promote":
            try:
                services.promote_by_hand(registration)
            except services.RegistrationError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request, _("%(name)s has a seat now.") % {"name": registration.name}
                )
        elif action == "cancel":
            _cancelled, promoted = services.cancel(registration, by_staff=True)
            messages.success(
                request,
                _("The registration of %(name)s has been cancelled.") % {"name": registration.name},
            )
            if promoted:
                messages.info(
                    request,
                    _("Moved up from the waiting list: %(names)s")
                    % {"names": ", ".join(r.name for r in promoted)},
                )
        elif action in ("no_show", "undo_no_show"):
            if registration.status != Registration.Status.CONFIRMED:
                messages.error(request, _("Only confirmed registrations can be marked."))
            else:
                registration.is_no_show = action == "no_show"
                registration.save(update_fields=["is_no_show"])
                messages.success(request, _("Saved."))
        else:
            raise Http404
        return self._back(request)

    def _add(self, request):
        form = StaffRegistrationForm(request.POST, event=self.event)
        if form.is_valid():
            data = form.cleaned_data
            organisation = data["organisation"]
            try:
                with transaction.atomic():
                    registration = services.reserve_seat(
                        self.event, name=data["name"], email=data["email"]
                    )
                    registration.organisation = organisation
                    registration.organisation_name = data["organisation_name"]
                    registration.organisation_type = organisation.type if organisation else ""
                    registration.save(
                        update_fields=["organisation", "organisation_name", "organisation_type"]
                    )
            except services.RegistrationError as error:
                form.add_error(None, error.message)
            except IntegrityError:
                form.add_error(
                    "email", _("This e-mail address is already registered for this event.")
                )
            else:
                messages.success(
                    request,
                    _("A seat is reserved for %(name)s; a confirmation mail is on its way.")
                    % {"name": registration.name},
                )
                return self._back(request)
        return self.render_to_response(self.get_context_data(add_form=form), status=400)

    def _back(self, request):
        url = request.path
        query = request.POST.get("query", "")
        return redirect(f"{url}?{query}" if query else url)


def export(request, municipality, slug, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    municipality = municipality_from_url({"municipality": municipality})
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    event = _event_for(request, municipality, slug, MANAGE)
    filter_form = ParticipantFilterForm(request.GET or None, event=event)
    registrations = filter_form.apply(registrations_of(event).filter(is_anonymised=False))
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        content = exports.as_csv(registrations)
        content_type = "text/csv; charset=utf-8"
    else:
        content = exports.as_xlsx(registrations, event.title)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="teilnehmende-{event.slug}-{stamp}.{fmt}"'
    )
    response["Cache-Control"] = "no-store"
    return response


# --- Check-in -------------------------------------------------------------------------------


def check_in_counts(event):
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    return {
        "checked_in": confirmed.filter(checked_in_at__isnull=False).count(),
        "confirmed": confirmed.count(),
    }


class CheckInView(EventStaffMixin, TemplateView):
    """At the entrance, on a phone: find a name, tick it off. Shows names and
    organisations only, no contact data or needs."""

    permission = CHECK_IN
    template_name = "events/staff/check_in.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        registrations = (
            registrations_of(self.event)
            .filter(status=Registration.Status.CONFIRMED)
            .order_by("name", "id")
        )
        if query:
            registrations = registrations.filter(name__icontains=query)
        context.update(query=query, registrations=registrations, **check_in_counts(self.event))
        return context

    def post(self, request, *args, **kwargs):
        registration = get_object_or_404(
            Registration.objects.filter(event=self.event, status=Registration.Status.CONFIRMED),
            pk=request.POST.get("registration") or 0,
        )
        if request.POST.get("action") == "undo":
            registration.checked_in_at = None
        elif registration.checked_in_at is None:
            registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at"])
        if request.headers.get("HX-Request"):
            return render(
                request,
                "events/staff/includes/check_in_row.html",
                {
                    "r": registration,
                    "event": self.event,
                    "oob": True,
                    **check_in_counts(self.event),
                },
            )
        query = request.POST.get("q", "")
        return redirect(f"{request.path}?{urlencode({'q': query})}" if query else request.path)


# --- Manage: capacity, cancelling, statistics ------------------------------------------------


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=gettext_lazy("Seats"),
        min_value=1,
        required=False,
        help_text=gettext_lazy(
            "Empty means unlimited. If you add seats, people on the waiting list move up "
            "in order and are told by e-mail."
        ),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        taken = services.seats_taken(self.event)
        if capacity is not None and capacity < taken:
            raise ValidationError(
                _(
                    "%(taken)s people already hold a seat. Cancel registrations first if "
                    "you need fewer seats."
                )
                % {"taken": taken}
            )
        return capacity


class CancelEventForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Yes, cancel this event. Everyone registered or waiting gets an e-mail."
        ),
        error_messages={"required": gettext_lazy("Please confirm that you want to cancel.")},
    )


def _percent(part, whole):
    return round(100 * part / whole) if whole else None


def event_statistics(event):
    registrations = Registration.objects.filter(event=event)
    by_status = dict(
        registrations.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    confirmed = by_status.get(Registration.Status.CONFIRMED, 0)
    checked_in = registrations.filter(checked_in_at__isnull=False).count()
    totals = {
        "registrations": registrations.count(),
        "pending": by_status.get(Registration.Status.PENDING, 0),
        "confirmed": confirmed,
        "waiting": by_status.get(Registration.Status.WAITING, 0),
        "cancelled": by_status.get(Registration.Status.CANCELLED, 0),
        "expired": by_status.get(Registration.Status.EXPIRED, 0),
        "checked_in": checked_in,
        "no_shows": registrations.filter(is_no_show=True).count(),
        "attendance_rate": _percent(checked_in, confirmed),
    }

    def grouped(field):
        return registrations.values(field).annotate(
            registrations=Count("id"),
            confirmed=Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
            checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        )

    group_names = dict(
        AudienceGroup.objects.filter(municipality=event.municipality).values_list("id", "name")
    )
    by_group = sorted(
        (
            {**row, "label": group_names.get(row["audience_group"], _("no group given"))}
            for row in grouped("audience_group")
        ),
        key=lambda row: (row["audience_group"] is None, str(row["label"])),
    )
    by_type = sorted(
        (
            {
                **row,
                "label": exports.organisation_type_label(row["organisation_type"])
                or _("no organisation"),
            }
            for row in grouped("organisation_type")
        ),
        key=lambda row: (row["organisation_type"] == "", str(row["label"])),
    )
    feedback = event.feedback.all()
    ratings = Counter(feedback.values_list("rating", flat=True))
    feedback_count = sum(ratings.values())
    average = feedback.aggregate(avg=Avg("rating"))["avg"]
    return {
        "totals": totals,
        "by_group": by_group,
        "by_type": by_type,
        "feedback": {
            "count": feedback_count,
            "average": round(average, 1) if average is not None else None,
            "distribution": [
                (rating, ratings.get(rating, 0), _percent(ratings.get(rating, 0), feedback_count))
                for rating in range(5, 0, -1)
            ],
            "comments": list(
                feedback.exclude(text="").order_by("created_at").values_list("text", flat=True)
            ),
        },
    }


class ManageView(EventStaffMixin, TemplateView):
    template_name = "events/staff/manage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            capacity_form=kwargs.get("capacity_form")
            or CapacityForm(initial={"capacity": self.event.capacity}, event=self.event),
            cancel_form=kwargs.get("cancel_form") or CancelEventForm(),
            confirm_cancel=kwargs.get("confirm_cancel") or self.request.GET.get("absagen") == "1",
            is_cancelled=self.event.status == Event.Status.CANCELLED,
            seats_taken=services.seats_taken(self.event),
            seats_left=services.seats_left(self.event),
            stats=event_statistics(self.event),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "capacity":
            form = CapacityForm(request.POST, event=self.event)
            if not form.is_valid():
                return self.render_to_response(
                    self.get_context_data(capacity_form=form), status=400
                )
            promoted = services.change_capacity(self.event, form.cleaned_data["capacity"])
            messages.success(request, _("The number of seats has been changed."))
            if promoted:
                messages.info(
                    request,
                    _("Moved up from the waiting list and told by e-mail: %(count)s")
                    % {"count": len(promoted)},
                )
            return redirect(request.path)
        if action == "cancel_event":
            if self.event.status == Event.Status.CANCELLED:
                messages.info(request, _("This event has already been cancelled."))
                return redirect(request.path)
            form = CancelEventForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(
                    self.get_context_data(cancel_form=form, confirm_cancel=True), status=400
                )
            told = services.cancel_event(self.event)
            messages.success(
                request,
                _("The event has been cancelled. E-mails to %(count)s people are on their way.")
                % {"count": told},
            )
            return redirect(request.path)
        raise Http404


# --- Invitations --------------------------------------------------------------------------


class InvitationForm(forms.Form):
    emails = forms.CharField(
        label=gettext_lazy("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("One address per line."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Organisations from the directory"),
        required=False,
        queryset=Organisation.objects.none(),
        help_text=gettext_lazy(
            "The invitation goes to the public e-mail address of the organisation, or else "
            "to its internal contact."
        ),
    )
    expires_at = forms.DateTimeField(
        label=gettext_lazy("Valid until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
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
        """(email, organisation) pairs, each address once."""
        seen, result = set(), []
        pairs = [(address, None) for address in self.cleaned_data["emails"]] + [
            ((o.public_email or o.internal_contact_email).lower(), o)
            for o in self.cleaned_data["organisations"]
        ]
        for address, organisation in pairs:
            if address not in seen:
                seen.add(address)
                result.append((address, organisation))
        return result


def invitation_url(invitation):
    path = reverse(
        "events:register",
        kwargs={"municipality": invitation.event.municipality.slug, "slug": invitation.event.slug},
    )
    return f"{settings.TEILHABE_BASE_URL}{path}?einladung={invitation.code}"


def create_invitations(event, recipients, expires_at):
    """One invitation with its own code per recipient, and its mail, in one transaction."""
    created = []
    with transaction.atomic():
        for address, organisation in recipients:
            invitation = Invitation.objects.create(
                municipality=event.municipality,
                event=event,
                email=address,
                organisation=organisation,
                code=secrets.token_urlsafe(24),
                expires_at=expires_at,
            )
            queue_mail(
                to=address,
                subject=_("Invitation: %(title)s") % {"title": event.title},
                template="events/mail/invitation",
                purpose="event_invitation",
                municipality=event.municipality,
                language="de",
                context={
                    "event": event,
                    "invitation": invitation,
                    "invitation_url": invitation_url(invitation),
                },
            )
            created.append(invitation)
    return created


class InvitationsView(EventStaffMixin, TemplateView):
    template_name = "events/staff/invitations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        invitations = list(
            self.event.invitations.select_related("organisation").order_by("-created_at", "-id")
        )
        for invitation in invitations:
            invitation.state = (
                "used"
                if invitation.used_at
                else "expired"
                if invitation.expires_at < now
                else "open"
            )
        context.update(
            form=kwargs.get("form") or InvitationForm(event=self.event),
            invitations=invitations,
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.event.is_invitation_only:
            messages.error(request, _("This event is open to everyone; it needs no invitations."))
            return redirect(request.path)
        form = InvitationForm(request.POST, event=self.event)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        created = create_invitations(self.event, form.recipients(), form.cleaned_data["expires_at"])
        messages.success(
            request,
            _("%(count)s invitations have been created and are being sent.")
            % {"count": len(created)},
        )
        return redirect(request.path)


# --- Station results ------------------------------------------------------------------------


StationResultsFormSet = modelformset_factory(
    Station,
    fields=["results", "results_en", "results_simple"],
    extra=0,
    edit_only=True,
    widgets={
        "results": forms.Textarea(attrs={"rows": 6}),
        "results_en": forms.Textarea(attrs={"rows": 4}),
        "results_simple": forms.Textarea(attrs={"rows": 4}),
    },
)


class ResultsView(EventStaffMixin, TemplateView):
    """The results of each station (e.g. world café tables), in German and optionally
    in English and plain language."""

    template_name = "events/staff/results.html"

    def stations(self):
        return (
            Station.objects.filter(item__event=self.event)
            .select_related("item")
            .order_by("item__starts_at", "item_id", "id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["formset"] = kwargs.get("formset") or StationResultsFormSet(
            queryset=self.stations(), prefix="stationen"
        )
        return context

    def post(self, request, *args, **kwargs):
        formset = StationResultsFormSet(request.POST, queryset=self.stations(), prefix="stationen")
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset), status=400)
        with transaction.atomic():
            formset.save()
        messages.success(request, _("The results have been saved."))
        return redirect(request.path)
