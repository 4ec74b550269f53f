"""Public event pages and the registration flow.

Who sees an event: the public sees published and cancelled events
(``EventQuerySet.public``); a hidden invitation-only event (``is_listed`` off) only
with a valid personal invitation (``?einladung=<code>``); drafts only the integration
office (``plan.view_unpublished`` on the municipality). Online access data (join link,
meeting ID, passcode) appears only on the personal page and in the personal calendar
file of a confirmed registrant, never on a public page, its JSON-LD, the public
``.ics`` or the feed.

Rate limits (teilhabe.web.ratelimit) apply to the POSTs of registering, confirming,
the personal page, cancelling, "find my registration" and feedback. Mails with personal
links ("find my registration", registering again) are limited per e-mail address too
(TEILHABE_EVENT_LINK_MAILS_PER_HOUR); past the limit the page reads the same and no mail
goes out, as it reads the same whether or not an address is registered.

Feedback is anonymous (``Feedback`` has no link to the registration); one answer per
registration is kept by a ``FeedbackReceipt`` (a keyed hash of the registration) whose
primary key refuses a second answer, whichever server process receives it.
"""

import json
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from teilhabe.languages.content import translated
from teilhabe.plan.models import FieldOfAction
from teilhabe.tenants.scoping import MunicipalityMixin, municipality_from_url
from teilhabe.web.caching import keep_private, personal_page, public_page
from teilhabe.web.ratelimit import RateLimitMixin, is_limited

from .. import calendar, services
from ..forms import (
    ConfirmForm,
    EventFilterForm,
    FeedbackForm,
    FindRegistrationForm,
    NeedsForm,
    RegistrationForm,
)
from ..models import Event, Feedback, Invitation, ProgrammeItem, Registration, Speaker

# Past events stay in the calendar feed for this long.
FEED_PAST_DAYS = 60


# --- Who sees what ----------------------------------------------------------------------


def sees_drafts(request, municipality):
    return request.user.has_perm("plan.view_unpublished", municipality)


def valid_invitation(event, code):
    """True when ``code`` is an unexpired invitation to ``event``."""
    if not code:
        return False
    return Invitation.objects.filter(event=event, code=code, expires_at__gt=timezone.now()).exists()


def visible_event(request, municipality, slug, queryset=None):
    """The event a visitor may see, or 404: public events (``Event.is_public``, the
    rule of the list, feed and API), a hidden invitation-only one with a valid
    invitation, and everything for the office."""
    queryset = queryset if queryset is not None else Event.objects.all()
    event = get_object_or_404(
        queryset.for_municipality(municipality).select_related("municipality"), slug=slug
    )
    if event.is_public() or sees_drafts(request, municipality):
        return event
    invited = event.status in Event.VISIBLE_STATUSES and event.is_hidden
    if invited and valid_invitation(event, request.GET.get("einladung")):
        keep_private(request)  # shown for this invitation only, until it expires
        return event
    raise Http404


def seat_info(event, seats_left, now=None):
    """What the visitor is told about registering: a state code for the templates."""
    state = event.registration_state(now)
    if state == "open" and seats_left is not None and seats_left <= 0:
        return "waiting_list"
    return state


def _calendar_response(content, filename=None):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_ld(data):
    """JSON-LD for a ``<script type="application/ld+json">`` block, escaped so that the
    text can never close the script element."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above


# --- List, detail, calendar --------------------------------------------------------------


@public_page(live=True)
class EventListView(MunicipalityMixin, ListView):
    """Upcoming events (or past ones with ``?zeit=vergangen``), filterable by kind,
    series and field of action. A fixed number of queries whatever the number of
    events: seats are counted in the list query."""

    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 20

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.past = request.GET.get("zeit") == "vergangen"
        series = self.all_events().filter(series__isnull=False)
        self.series_choices = sorted(
            {
                (e.series.slug, translated(e.series, "title").text)
                for e in series.select_related("series")
            },
            key=lambda choice: choice[1],
        )
        fields = (
            FieldOfAction.objects.for_municipality(self.municipality)
            .public()
            .filter(events__in=self.all_events())
            .distinct()
            .order_by("number", "slug")
        )
        self.field_choices = []
        for field in fields:
            if field.slug not in {slug for slug, _label in self.field_choices}:
                self.field_choices.append((field.slug, translated(field, "title").text))
        self.filter_form = EventFilterForm(
            request.GET or None, series=self.series_choices, fields=self.field_choices
        )

    def all_events(self):
        return Event.objects.for_municipality(self.municipality).public()

    def get_queryset(self):
        now = timezone.now()
        events = self.all_events()
        if self.past:
            events = events.past(now).order_by("-starts_at", "-pk")
        else:
            events = events.upcoming(now).order_by("starts_at", "pk")
        if self.filter_form.is_bound and self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data.get("art"):
                events = events.filter(kind=data["art"])
            if data.get("reihe"):
                events = events.filter(series__slug=data["reihe"])
            if data.get("handlungsfeld"):
                events = events.filter(
                    pk__in=Event.objects.filter(
                        fields_of_action__slug=data["handlungsfeld"]
                    ).values("pk")
                )
        return events.select_related("venue", "series").annotate(
            confirmed_count=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.CONFIRMED),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        for event in context["events"]:
            event.municipality = self.municipality  # for get_absolute_url, no query
            if event.capacity is None:
                event.seats_left = None
            else:
                event.seats_left = max(0, event.capacity - event.confirmed_count)
            event.seat_state = seat_info(event, event.seats_left, now)
        context.update(
            past=self.past,
            filter_form=self.filter_form,
            is_filtered=any(self.request.GET.get(k) for k in ("art", "reihe", "handlungsfeld")),
            can_add_event=self.request.user.has_perm("events.add_event", self.municipality),
        )
        return context


@public_page(live=True)
class EventView(MunicipalityMixin, TemplateView):
    template_name = "events/event_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.event = visible_event(
            request,
            self.municipality,
            kwargs["slug"],
            Event.objects.select_related("venue", "series", "cycle"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        office = sees_drafts(self.request, self.municipality)
        programme = list(
            ProgrammeItem.objects.filter(event=event).prefetch_related(
                Prefetch(
                    "speakers",
                    queryset=Speaker.objects.select_related("organisation"),
                ),
                "stations",
            )
        )
        fields = [
            field
            for field in event.fields_of_action.select_related("cycle")
            if office or field.is_public()
        ]
        cycle = event.cycle if event.cycle and (office or event.cycle.is_public()) else None
        seats_left = services.seats_left(event)
        invitation_code = self.request.GET.get("einladung", "")
        audience_groups = list(event.audience_groups.all())
        context.update(
            event=event,
            programme=programme,
            fields=fields,
            cycle=cycle,
            audience_groups=audience_groups,
            languages=list(event.languages.all()),
            organisers=list(
                event.organisers.published().select_related("municipality").order_by("name")
            ),
            seats_left=seats_left,
            seat_state=seat_info(event, seats_left),
            invitation_code=invitation_code,
            can_manage=self.request.user.has_perm("events.manage_event", event),
            can_register=event.registration_state() == "open"
            and (not event.is_invitation_only or bool(invitation_code)),
            json_ld=json_ld(self.event_json_ld(event, seats_left, audience_groups)),
        )
        return context

    def event_json_ld(self, event, seats_left, audience_groups):
        base = settings.TEILHABE_BASE_URL
        url = base + event.get_absolute_url()
        modes = {
            Event.Format.IN_PERSON: "OfflineEventAttendanceMode",
            Event.Format.ONLINE: "OnlineEventAttendanceMode",
            Event.Format.HYBRID: "MixedEventAttendanceMode",
        }
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": translated(event, "title").text,
            "url": url,
            "startDate": timezone.localtime(event.starts_at).isoformat(),
            "endDate": timezone.localtime(event.ends_at).isoformat(),
            "eventStatus": "https://schema.org/"
            + ("EventCancelled" if event.status == Event.Status.CANCELLED else "EventScheduled"),
            "eventAttendanceMode": "https://schema.org/" + modes[event.format],
            "inLanguage": translation.get_language(),
            "isAccessibleForFree": event.is_free,
            "organizer": {
                "@type": "GovernmentOrganization",
                "name": self.municipality.official_name or self.municipality.name,
                "url": base + self.municipality.get_absolute_url(),
            },
        }
        description = translated(event, "description").text
        if description:
            data["description"] = description
        locations = []
        if event.venue and event.format != Event.Format.ONLINE:
            venue = event.venue
            locations.append(
                {
                    "@type": "Place",
                    "name": venue.name,
                    "address": {
                        "@type": "PostalAddress",
                        "streetAddress": venue.street,
                        "postalCode": venue.postal_code,
                        "addressLocality": venue.city,
                        "addressCountry": "DE",
                    },
                }
            )
        if event.is_online:
            # The public page stands in for the join link, which only registrants get.
            locations.append({"@type": "VirtualLocation", "url": url})
        if locations:
            data["location"] = locations[0] if len(locations) == 1 else locations
        if event.status != Event.Status.CANCELLED:
            offer = {
                "@type": "Offer",
                "url": base
                + reverse(
                    "events:register",
                    kwargs={"municipality": self.municipality.slug, "slug": event.slug},
                ),
                "availability": "https://schema.org/"
                + ("SoldOut" if seats_left is not None and seats_left <= 0 else "InStock"),
            }
            if event.is_free:
                offer.update(price="0", priceCurrency="EUR")
            if event.registration_closes_at:
                offer["validThrough"] = timezone.localtime(event.registration_closes_at).isoformat()
            data["offers"] = offer
        if audience_groups:
            data["audience"] = [
                {"@type": "Audience", "audienceType": translated(group, "name").text}
                for group in audience_groups
            ]
        return data


@public_page(live=True)
def feed(request, municipality):
    """iCalendar feed of the municipality's public upcoming and recent events."""
    municipality = municipality_from_url({"municipality": municipality})
    events = (
        Event.objects.for_municipality(municipality)
        .public()
        .upcoming(timezone.now() - timedelta(days=FEED_PAST_DAYS))
        .select_related("venue", "municipality")
    )
    name = _("Events: %(municipality)s") % {"municipality": municipality.name}
    return _calendar_response(calendar.feed_ics(events, settings.TEILHABE_BASE_URL, name))


@public_page(live=True)
def event_ics_view(request, municipality, slug):
    """The public calendar file of one event (never with access data)."""
    municipality = municipality_from_url({"municipality": municipality})
    event = visible_event(request, municipality, slug, Event.objects.select_related("venue"))
    content = calendar.event_ics(event, settings.TEILHABE_BASE_URL, with_access=False)
    return _calendar_response(content, f"{event.slug}.ics")


# --- Registration -------------------------------------------------------------------------


def link_mail_allowed(request, email):
    """Count a mail of personal links to ``email``; False past the hourly limit."""
    per_hour = settings.TEILHABE_EVENT_LINK_MAILS_PER_HOUR
    address = email.strip().casefold()
    return not is_limited(
        request,
        "event-link-mail",
        rate=f"{per_hour}/h" if per_hour else None,
        key=lambda *_: address,
    )


class RegisterView(RateLimitMixin, MunicipalityMixin, FormView):
    """Register for an event (no account needed). Invitation-only events take the
    personal invitation code from ``?einladung=``."""

    template_name = "events/register.html"
    form_class = RegistrationForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.event = get_object_or_404(
            Event.objects.for_municipality(self.municipality).select_related(
                "municipality", "venue"
            ),
            slug=kwargs["slug"],
            status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED],
        )
        self.invitation_code = request.GET.get("einladung") or request.POST.get("einladung")

    def dispatch(self, request, *args, **kwargs):
        hidden = self.event.is_hidden
        if (
            hidden
            and not Invitation.objects.filter(
                event=self.event, code=self.invitation_code or "-"
            ).exists()
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.event}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        seats_left = services.seats_left(self.event)
        context["event"] = self.event
        context["invitation_code"] = self.invitation_code or ""
        context["state"] = self.event.registration_state()
        context["seats_left"] = seats_left
        context["seat_state"] = seat_info(self.event, seats_left)
        context["audience_groups"] = list(self.event.audience_groups.all())
        return context

    def form_valid(self, form):
        try:
            registration = services.register(
                self.event,
                form.cleaned_data,
                invitation_code=self.invitation_code,
                language=translation.get_language(),
                may_mail_again=lambda: link_mail_allowed(self.request, form.cleaned_data["email"]),
            )
        except services.RegistrationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return render(
            self.request,
            "events/register_sent.html",
            {
                "event": self.event,
                "email": registration.email,
                # Only a repeated unconfirmed registration is told "sent again"; a
                # confirmed one reads like a new one (no telling who is registered).
                "sent_again": registration.sent_again == "opt_in",
                "municipality": self.municipality,
            },
        )


class FindRegistrationView(RateLimitMixin, MunicipalityMixin, FormView):
    """ "Find my registration": the personal links again, by mail. The answer is the
    same whether or not the address is registered, and past the per-address limit."""

    template_name = "events/find_registration.html"
    form_class = FindRegistrationForm

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if link_mail_allowed(self.request, email):
            services.send_personal_links(self.municipality, email)
        return render(
            self.request,
            self.template_name,
            {"municipality": self.municipality, "sent_to": email.strip().lower()},
        )


@personal_page
class PersonalLinkMixin(RateLimitMixin, MunicipalityMixin):
    """Views behind a personal link: ``self.registration`` from the signed token, or the
    "link not valid" page (404) for a forged link, deleted data or another
    municipality's address."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        registration = services.registration_from_token(kwargs["token"])
        if registration is not None and registration.event.municipality_id != self.municipality.pk:
            registration = None
        self.registration = registration
        self.token = kwargs["token"]

    def dispatch(self, request, *args, **kwargs):
        if self.registration is None:
            return link_invalid(request, self.municipality)
        return super().dispatch(request, *args, **kwargs)


def link_invalid(request, municipality=None):
    return render(request, "events/link_invalid.html", {"municipality": municipality}, status=404)


class ConfirmView(PersonalLinkMixin, View):
    """The link in the opt-in mail. GET shows a button (mail scanners that follow links
    must not confirm); POST confirms."""

    def get(self, request, *args, **kwargs):
        return render(
            request,
            "events/confirm.html",
            {"registration": self.registration, "municipality": self.municipality},
        )

    def post(self, request, *args, **kwargs):
        try:
            services.confirm(self.registration)
        except services.RegistrationError as error:
            return render(
                request,
                "events/confirm.html",
                {
                    "registration": self.registration,
                    "municipality": self.municipality,
                    "error": error.message,
                },
                status=409,
            )
        return redirect(
            "events:personal", municipality=self.municipality.slug, token=kwargs["token"]
        )


class PersonalView(PersonalLinkMixin, View):
    """The personal page of a registration: status, waiting position, online access
    data (confirmed only), changing needs, cancelling, calendar file, data copy."""

    template_name = "events/personal.html"

    def needs_form(self, data=None):
        form = NeedsForm(data, instance=self.registration)
        return form if form.fields else None

    def render_page(self, needs_form=None, status=200):
        registration = self.registration
        event = registration.event
        active = registration.status in Registration.ACTIVE
        context = {
            "municipality": self.municipality,
            "registration": registration,
            "event": event,
            "token": self.token,
            "position": services.waiting_position(registration),
            "show_access": registration.status == Registration.Status.CONFIRMED
            and event.is_online
            and event.status != Event.Status.CANCELLED,
            "is_active": active,
            "can_change": active and not event.is_past and event.status != Event.Status.CANCELLED,
            "needs_form": needs_form or (self.needs_form() if active else None),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        registration = self.registration
        if registration.status not in Registration.ACTIVE or registration.event.is_past:
            messages.error(request, _("This registration can no longer be changed."))
            return redirect(request.path)
        action = request.POST.get("action")
        if action == "cancel":
            # The one-click form of old: only the confirmation page cancels.
            return redirect(
                "events:personal_cancel", municipality=self.municipality.slug, token=self.token
            )
        if action == "needs":
            form = self.needs_form(request.POST)
            if form is None:
                return redirect(request.path)
            if form.is_valid():
                form.save()
                messages.success(request, _("Your details have been saved."))
                return redirect(request.path)
            return self.render_page(needs_form=form, status=400)
        return redirect(request.path)


class PersonalCancelView(PersonalLinkMixin, View):
    """Cancel one's registration (or leave the waiting list): GET says what will happen,
    POST of the confirmation form does it."""

    template_name = "events/personal_cancel.html"

    def personal_page(self):
        return redirect("events:personal", municipality=self.municipality.slug, token=self.token)

    def can_cancel(self):
        registration = self.registration
        event = registration.event
        return (
            registration.status in Registration.ACTIVE
            and not event.is_past
            and event.status != Event.Status.CANCELLED
        )

    def render_page(self, form, status=200):
        context = {
            "municipality": self.municipality,
            "registration": self.registration,
            "event": self.registration.event,
            "token": self.token,
            "form": form,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        if not self.can_cancel():
            return self.personal_page()
        return self.render_page(ConfirmForm())

    def post(self, request, *args, **kwargs):
        if not self.can_cancel():
            messages.error(request, _("This registration can no longer be changed."))
            return self.personal_page()
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            return self.render_page(form, status=400)
        was_waiting = self.registration.status == Registration.Status.WAITING
        services.cancel(self.registration)
        messages.success(
            request,
            _("You have left the waiting list.")
            if was_waiting
            else _("Your registration has been cancelled."),
        )
        return self.personal_page()


def _registration_or_none(municipality, token):
    registration = services.registration_from_token(token)
    if registration is None or registration.event.municipality_id != municipality.pk:
        return None
    return registration


@personal_page
def personal_ics(request, municipality, token):
    """The registrant's calendar file; with online access data only when confirmed, and
    a cancellation once the registration or the event is cancelled."""
    municipality = municipality_from_url({"municipality": municipality})
    registration = _registration_or_none(municipality, token)
    if registration is None:
        return link_invalid(request, municipality)
    event = registration.event
    with_access = registration.status == Registration.Status.CONFIRMED
    content = calendar.registration_ics(
        registration, settings.TEILHABE_BASE_URL, with_access=with_access
    )
    return _calendar_response(content, f"{event.slug}.ics")


@personal_page
def personal_data(request, municipality, token):
    """A copy of everything stored about this registration, as JSON (GDPR Art. 15)."""
    municipality = municipality_from_url({"municipality": municipality})
    registration = _registration_or_none(municipality, token)
    if registration is None:
        return link_invalid(request, municipality)
    stored = {
        field.name: field.value_from_object(registration)
        for field in registration._meta.concrete_fields
    }
    event = registration.event
    data = {
        "registration": stored,
        "event": {
            "title": event.title,
            "url": settings.TEILHABE_BASE_URL + event.get_absolute_url(),
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
        },
        "organisation": registration.organisation.name if registration.organisation else None,
        "audience_group": str(registration.audience_group) if registration.audience_group else None,
    }
    invitation = Invitation.objects.filter(registration=registration).first()
    if invitation:
        data["invitation"] = {
            "email": invitation.email,
            "created_at": invitation.created_at,
            "used_at": invitation.used_at,
        }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="meine-anmeldung.json"'
    return response


# --- Feedback -----------------------------------------------------------------------------


class FeedbackView(PersonalLinkMixin, FormView):
    """Anonymous feedback from someone who held a seat, after the event. One answer per
    registration (``Feedback.objects.give``)."""

    template_name = "events/feedback.html"
    form_class = FeedbackForm

    def dispatch(self, request, *args, **kwargs):
        registration = self.registration
        if registration is not None and not (
            registration.status == Registration.Status.CONFIRMED
            and registration.event.is_past
            and registration.event.status == Event.Status.PUBLISHED
        ):
            return render(
                request,
                "events/feedback.html",
                {"municipality": self.municipality, "event": registration.event, "closed": True},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def already_done(self):
        return Feedback.objects.given_by(self.registration)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.registration.event
        context["done"] = self.already_done()
        return context

    def form_valid(self, form):
        Feedback.objects.give(
            self.registration, rating=form.cleaned_data["rating"], text=form.cleaned_data["text"]
        )
        return render(
            self.request,
            self.template_name,
            {"municipality": self.municipality, "event": self.registration.event, "thanks": True},
        )
