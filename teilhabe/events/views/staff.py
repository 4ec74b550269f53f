"""Staff pages of an event: participant list and exports, check-in at the entrance,
management (capacity, cancelling, statistics), invitations and station results.

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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from teilhabe.tenants.scoping import MunicipalityMixin, municipality_from_url

from .. import exports, services, statistics
from ..forms import (
    CancelEventForm,
    CapacityForm,
    InvitationForm,
    ParticipantFilterForm,
    StaffRegistrationForm,
    StationResultsFormSet,
)
from ..models import Event, Registration, Station

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
            try:
                registration = services.reserve_seat(
                    self.event,
                    name=data["name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    organisation_name=data["organisation_name"],
                )
            except services.RegistrationError as error:
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
        context.update(
            query=query, registrations=registrations, **statistics.check_in_counts(self.event)
        )
        return context

    def post(self, request, *args, **kwargs):
        registration = get_object_or_404(
            Registration.objects.filter(event=self.event, status=Registration.Status.CONFIRMED),
            pk=request.POST.get("registration") or 0,
        )
        if request.POST.get("action") == "undo":
            services.undo_check_in(registration)
        else:
            services.check_in(registration)
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
            is_cancelled=self.event.status == Event.Status.CANCELLED,
            seats_taken=services.seats_taken(self.event),
            seats_left=services.seats_left(self.event),
            stats=statistics.event_statistics(self.event),
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
            told = services.cancel_event(self.event)
            messages.success(
                request,
                _("The event has been cancelled. E-mails to %(count)s people are on their way.")
                % {"count": told},
            )
            return redirect(request.path)
        raise Http404


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
