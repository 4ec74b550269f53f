"""Staff pages of an event: participant list and exports, check-in at the entrance,
management (capacity, cancelling, reminders, statistics), invitations and station
results.

Actions that mail people or cannot be undone (cancelling a registration or the event,
a seat given by hand or beyond the capacity, the reminder) have a confirmation step:
its GET (or the first POST of a form) says who gets a mail; only the POST of the
confirmation form (``ConfirmForm``) acts.

Every page is scoped to the municipality in the URL and needs a permission on the
event (teilhabe.events.rules): ``events.manage_event`` for all pages with personal
data, ``events.check_in`` for the entrance page (names only)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from teilhabe.tenants.scoping import MunicipalityMixin, municipality_from_url

from .. import exports, services, statistics
from ..forms import (
    CancelEventForm,
    CapacityForm,
    ConfirmForm,
    InvitationForm,
    ParticipantFilterForm,
    ReminderForm,
    StaffRegistrationForm,
    StationResultsFormSet,
)
from ..models import Event, EventMessage, Registration, Station

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


class ParticipantListView(EventStaffMixin, TemplateView):
    template_name = "events/staff/participants.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filter_form = ParticipantFilterForm(self.request.GET or None, event=self.event)
        registrations = filter_form.apply(statistics.registrations_of(self.event))
        context.update(
            filter_form=filter_form,
            is_filtered=filter_form.is_filtered,
            registrations=registrations,
            status_counts=statistics.status_counts(self.event),
            seats_taken=services.seats_taken(self.event),
            seats_left=services.seats_left(self.event),
            query=self.request.GET.urlencode(),
            add_form=kwargs.get("add_form") or StaffRegistrationForm(event=self.event),
            check_in_open=self.event.check_in_state() == "open",
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
        if action in CONFIRMED_ACTIONS:
            # The one-click form of old: only the confirmation page acts.
            return redirect(action_url(self.event, registration, CONFIRMED_ACTIONS[action]))
        if action in ("no_show", "undo_no_show"):
            try:
                services.mark_no_show(registration, action == "no_show")
            except services.RegistrationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Saved."))
        else:
            raise Http404
        return self._back(request)

    def _add(self, request):
        form = StaffRegistrationForm(request.POST, event=self.event)
        if form.is_valid():
            data = form.cleaned_data
            beyond = ConfirmForm(request.POST).is_valid()
            try:
                registration = services.reserve_seat(
                    self.event,
                    name=data["name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    organisation_name=data["organisation_name"],
                    beyond_capacity=beyond,
                )
            except services.RegistrationError as error:
                if error.code == "full":
                    return render(
                        request,
                        "events/staff/confirm_reserve.html",
                        {
                            "event": self.event,
                            "form": form,
                            "confirm_form": ConfirmForm(),
                            "seats_taken": services.seats_taken(self.event),
                            "query": request.POST.get("query", ""),
                        },
                    )
                form.add_error("email" if error.code == "duplicate" else None, error.message)
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
    registrations = filter_form.apply(
        statistics.registrations_of(event).filter(is_anonymised=False)
    )
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        content = exports.as_csv(registrations)
        content_type = "text/csv; charset=utf-8"
    else:
        content = exports.as_xlsx(registrations, str(event.title))
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="teilnehmende-{event.slug}-{stamp}.{fmt}"'
    )
    response["Cache-Control"] = "no-store"
    return response


# Participant-list actions of old and the confirmation pages that now do them.
CONFIRMED_ACTIONS = {"cancel": "cancel_registration", "promote": "promote"}


def action_url(event, registration, action):
    return reverse(
        f"events:{action}",
        kwargs={"municipality": event.municipality.slug, "slug": event.slug, "pk": registration.pk},
    )


class RegistrationActionView(EventStaffMixin, TemplateView):
    """Cancel a registration or give someone on the waiting list a seat: GET says who
    gets a mail (and whether the seat goes beyond the capacity); POST does it."""

    action = None  # "cancel_registration" or "promote" (urls.py)
    template_name = "events/staff/confirm_registration_action.html"

    def get_registration(self):
        states = [Registration.Status.WAITING] if self.action == "promote" else Registration.ACTIVE
        return get_object_or_404(
            Registration.objects.filter(event=self.event, is_anonymised=False, status__in=states),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = kwargs.get("registration") or self.get_registration()
        preview = (
            services.promote_preview(registration)
            if self.action == "promote"
            else services.cancel_preview(registration)
        )
        context.update(
            registration=registration,
            action=self.action,
            preview=preview,
            confirm_form=kwargs.get("confirm_form") or ConfirmForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        registration = self.get_registration()
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(registration=registration, confirm_form=form)
            return self.render_to_response(context, status=400)
        if self.action == "promote":
            services.promote_by_hand(registration)
            messages.success(request, _("%(name)s has a seat now.") % {"name": registration.name})
        else:
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
        return redirect(
            "events:participants", municipality=self.municipality.slug, slug=self.event.slug
        )


# --- Check-in -------------------------------------------------------------------------------


class CheckInView(EventStaffMixin, TemplateView):
    """At the entrance, on a phone: find a name, tick it off. Shows names and
    organisations only, no contact data or needs."""

    permission = CHECK_IN
    template_name = "events/staff/check_in.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        registrations = (
            statistics.registrations_of(self.event)
            .filter(status=Registration.Status.CONFIRMED)
            .order_by("name", "id")
        )
        if query:
            registrations = registrations.filter(name__icontains=query)
        state = self.event.check_in_state()
        first, last = self.event.check_in_days()
        context.update(
            query=query,
            registrations=registrations,
            check_in_state=state,
            first_day=first,
            last_day=last,
            **statistics.check_in_counts(self.event),
        )
        return context

    def post(self, request, *args, **kwargs):
        registration = get_object_or_404(
            Registration.objects.filter(event=self.event, status=Registration.Status.CONFIRMED),
            pk=request.POST.get("registration") or 0,
        )
        try:
            if request.POST.get("action") == "undo":
                services.undo_check_in(registration)
            else:
                services.check_in(registration)
        except services.RegistrationError as error:
            messages.error(request, error.message)
            if request.headers.get("HX-Request"):
                return HttpResponse(status=409, headers={"HX-Refresh": "true"})
            return redirect(request.path)
        if request.headers.get("HX-Request"):
            return render(
                request,
                "events/staff/includes/check_in_row.html",
                {
                    "r": registration,
                    "event": self.event,
                    "oob": True,
                    **statistics.check_in_counts(self.event),
                },
            )
        query = request.POST.get("q", "")
        return redirect(f"{request.path}?{urlencode({'q': query})}" if query else request.path)


# --- Manage: capacity, cancelling, statistics ------------------------------------------------


class ManageView(EventStaffMixin, TemplateView):
    template_name = "events/staff/manage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            capacity_form=kwargs.get("capacity_form")
            or CapacityForm(initial={"capacity": self.event.capacity}, event=self.event),
            cancel_form=kwargs.get("cancel_form") or CancelEventForm(),
            confirm_cancel=kwargs.get("confirm_cancel") or self.request.GET.get("absagen") == "1",
            cancel_preview=services.cancel_event_preview(self.event),
            reminder=services.reminder_preview(self.event),
            can_remind=self.event.status == Event.Status.PUBLISHED
            and self.event.starts_at > timezone.now(),
            is_cancelled=self.event.status == Event.Status.CANCELLED,
            seats_taken=services.seats_taken(self.event),
            seats_left=services.seats_left(self.event),
            stats=statistics.event_statistics(self.event),
            sent_messages=EventMessage.objects.of_event(self.event),
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
            try:
                promoted = services.change_capacity(self.event, form.cleaned_data["capacity"])
            except services.RegistrationError as error:
                form.add_error("capacity", error.message)
                return self.render_to_response(
                    self.get_context_data(capacity_form=form), status=400
                )
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
            told = services.cancel_event(self.event, form.cleaned_data["reason"])
            messages.success(
                request,
                _("The event has been cancelled. E-mails to %(count)s people are on their way.")
                % {"count": told},
            )
            return redirect(request.path)
        raise Http404


class ReminderView(EventStaffMixin, TemplateView):
    """Send the reminder now: GET says how many people get it (and when the last one
    went out); POST sends it."""

    template_name = "events/staff/confirm_reminder.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        preview = services.reminder_preview(self.event)
        sent_at = preview["sent_at"]
        context.update(
            preview=preview,
            form=kwargs.get("form")
            or ReminderForm(initial={"last_sent": sent_at.isoformat() if sent_at else ""}),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ReminderForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        manage = reverse(
            "events:manage",
            kwargs={"municipality": self.municipality.slug, "slug": self.event.slug},
        )
        try:
            sent = services.send_reminder(self.event, last_sent=form.cleaned_data["last_sent"])
        except services.RegistrationError as error:
            messages.error(request, error.message)
            return redirect(manage)
        if sent is None:
            messages.info(request, _("This reminder has already been sent."))
        else:
            messages.success(
                request, _("Reminders to %(count)s people are on their way.") % {"count": sent}
            )
        return redirect(manage)


# --- Invitations --------------------------------------------------------------------------


class InvitationsView(EventStaffMixin, TemplateView):
    template_name = "events/staff/invitations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=kwargs.get("form") or InvitationForm(event=self.event),
            invitations=self.event.invitations.select_related("organisation").order_by(
                "-created_at", "-id"
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = InvitationForm(request.POST, event=self.event)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            created = services.invite(
                self.event,
                form.recipients(),
                expires_at=form.cleaned_data["expires_at"],
                language=form.cleaned_data["language"],
            )
        except services.RegistrationError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(
            request,
            _("%(count)s invitations have been created and are being sent.")
            % {"count": len(created)},
        )
        return redirect(request.path)


# --- Station results ------------------------------------------------------------------------


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
            queryset=self.stations(),
            prefix="stationen",
            form_kwargs={"municipality": self.municipality},
        )
        return context

    def post(self, request, *args, **kwargs):
        formset = StationResultsFormSet(
            request.POST,
            queryset=self.stations(),
            prefix="stationen",
            form_kwargs={"municipality": self.municipality},
        )
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset), status=400)
        with transaction.atomic():
            formset.save()
        messages.success(request, _("The results have been saved."))
        return redirect(request.path)
