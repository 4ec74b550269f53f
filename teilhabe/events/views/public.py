"""Public event pages and the registration flow."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views import View
from django.views.generic import FormView

from teilhabe.tenants.scoping import MunicipalityMixin

from .. import services
from ..forms import RegistrationForm
from ..models import Event


class _Pending(View):
    def get(self, request, *args, **kwargs):
        raise Http404


EventListView = EventView = PersonalView = FeedbackView = _Pending


def feed(request, *args, **kwargs):
    raise Http404


personal_data = personal_ics = event_ics_view = feed


class RegisterView(MunicipalityMixin, FormView):
    """Register for an event (no account needed). Invitation-only events take the
    personal invitation code from ``?einladung=``."""

    template_name = "events/register.html"
    form_class = RegistrationForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.event = get_object_or_404(
            Event.objects.for_municipality(self.municipality).select_related("municipality"),
            slug=kwargs["slug"],
            status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED],
        )
        self.invitation_code = request.GET.get("einladung") or request.POST.get("einladung")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.event}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        context["invitation_code"] = self.invitation_code or ""
        context["state"] = self.event.registration_state()
        return context

    def form_valid(self, form):
        try:
            registration = services.register(
                self.event,
                form.cleaned_data,
                invitation_code=self.invitation_code,
                language=translation.get_language(),
            )
        except services.RegistrationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return render(
            self.request,
            "events/register_sent.html",
            {"event": self.event, "registration": registration, "municipality": self.municipality},
        )


class ConfirmView(MunicipalityMixin, View):
    """The link in the opt-in mail. GET shows a button (mail scanners that follow links
    must not confirm); POST confirms."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.registration = services.registration_from_token(kwargs["token"])

    def get(self, request, *args, **kwargs):
        if (
            self.registration is None
            or self.registration.event.municipality_id != self.municipality.pk
        ):
            return render(request, "events/link_invalid.html", status=404)
        return render(request, "events/confirm.html", {"registration": self.registration})

    def post(self, request, *args, **kwargs):
        if (
            self.registration is None
            or self.registration.event.municipality_id != self.municipality.pk
        ):
            return render(request, "events/link_invalid.html", status=404)
        try:
            services.confirm(self.registration)
        except services.RegistrationError as error:
            return render(
                request,
                "events/confirm.html",
                {"registration": self.registration, "error": error.message},
                status=409,
            )
        return redirect(
            "events:personal", municipality=self.municipality.slug, token=kwargs["token"]
        )
