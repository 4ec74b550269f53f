"""The office's pages for an event's content: create, edit (details, seats), the
programme with speakers and stations, duplicate (e.g. next year's workshop) and
publish. Workflows are in ``services`` (``save_event``, ``duplicate_event``,
``change_status``); seats and status change only through their services.

Creating needs ``events.add_event`` on the municipality, everything else
``events.manage_event`` on the event (``EventStaffMixin``)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from teilhabe.tenants.scoping import MunicipalityMixin

from .. import services
from ..forms import (
    ConfirmForm,
    DuplicateForm,
    EventForm,
    ProgrammeFormSet,
    SpeakerFormSet,
    StationFormSet,
)
from ..models import Event, ProgrammeItem
from .staff import EventStaffMixin


def event_url(event, name):
    return reverse(
        f"events:{name}", kwargs={"municipality": event.municipality.slug, "slug": event.slug}
    )


class EventCreateView(LoginRequiredMixin, MunicipalityMixin, TemplateView):
    template_name = "events/staff/event_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm("events.add_event", self.municipality):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or EventForm(municipality=self.municipality)
        return context

    def post(self, request, *args, **kwargs):
        event = Event(municipality=self.municipality)
        form = EventForm(request.POST, instance=event, municipality=self.municipality)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        event = form.save_event()
        messages.success(request, _("The event has been created as a draft."))
        return redirect(event_url(event, "programme"))


class EventEditView(EventStaffMixin, TemplateView):
    template_name = "events/staff/event_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or EventForm(
            instance=self.event, municipality=self.municipality
        )
        return context

    def post(self, request, *args, **kwargs):
        form = EventForm(request.POST, instance=self.event, municipality=self.municipality)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            event = form.save_event()
        except services.RegistrationError as error:
            form.add_error("capacity", error.message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("The event has been saved."))
        return redirect(event_url(event, "edit"))


class ProgrammeView(EventStaffMixin, TemplateView):
    """The programme items of the event, each with a link to its speakers and stations."""

    template_name = "events/staff/programme.html"

    def formset(self, data=None):
        return ProgrammeFormSet(
            data,
            instance=self.event,
            prefix="programm",
            form_kwargs={"event": self.event},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["formset"] = kwargs.get("formset") or self.formset()
        return context

    def post(self, request, *args, **kwargs):
        formset = self.formset(request.POST)
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset), status=400)
        with transaction.atomic():
            formset.save()
        messages.success(request, _("The programme has been saved."))
        return redirect(request.path)


class ProgrammeItemView(EventStaffMixin, TemplateView):
    """Speakers and stations of one programme item."""

    template_name = "events/staff/programme_item.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.item_pk = kwargs["pk"]

    def formsets(self, data=None):
        item = get_object_or_404(ProgrammeItem, event=self.event, pk=self.item_pk)
        return item, [
            SpeakerFormSet(data, instance=item, prefix="personen"),
            StationFormSet(
                data,
                instance=item,
                prefix="stationen",
                form_kwargs={"municipality": self.municipality},
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item, formsets = kwargs.get("bound") or self.formsets()
        context.update(item=item, speakers=formsets[0], stations=formsets[1])
        return context

    def post(self, request, *args, **kwargs):
        item, formsets = self.formsets(request.POST)
        if not all(formset.is_valid() for formset in formsets):
            context = self.get_context_data(bound=(item, formsets))
            return self.render_to_response(context, status=400)
        with transaction.atomic():
            for formset in formsets:
                formset.save()
        messages.success(request, _("Speakers and stations have been saved."))
        return redirect(request.path)


class DuplicateView(EventStaffMixin, TemplateView):
    """A draft copy with programme, speakers and stations, never registrations. No
    confirmation: the copy is a draft nobody sees, and can be deleted."""

    template_name = "events/staff/duplicate.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or DuplicateForm()
        return context

    def post(self, request, *args, **kwargs):
        form = DuplicateForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        copy = services.duplicate_event(self.event, days=form.shift_days())
        messages.success(
            request, _("A draft copy has been created. Check the dates and the texts.")
        )
        return redirect(event_url(copy, "edit"))


class PublishView(EventStaffMixin, TemplateView):
    """Publish a draft: GET says that the event becomes public; POST does it."""

    template_name = "events/staff/confirm_publish.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            confirm_form=kwargs.get("confirm_form") or ConfirmForm(),
            is_draft=self.event.status == Event.Status.DRAFT,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(confirm_form=form), status=400)
        try:
            services.change_status(self.event, Event.Status.PUBLISHED)
        except services.RegistrationError as error:
            messages.error(request, error.message)
            return redirect(event_url(self.event, "edit"))
        messages.success(request, _("The event is published and visible to everyone."))
        return redirect(self.event.get_absolute_url())
