"""Event endpoints: public data only. Online access data (join link, meeting ID,
passcode) and registrations are never part of the API's public answers; an event's
page shows its programme (items, speakers, stations) and, once the event is over, the
stations' results: so does the API."""

from datetime import datetime
from typing import Literal

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from teilhabe.events.models import Event, ProgrammeItem, Speaker
from teilhabe.tenants.scoping import active_municipality

from .schemas import Slug, Translated, choice, errors

router = Router(tags=["events"])


class VenueOut(Schema):
    name: str
    street: str
    postal_code: str
    city: str
    entrance: Translated


class EventOut(Schema):
    slug: str
    kind: str
    title: Translated
    description: Translated
    starts_at: datetime
    ends_at: datetime
    format: str
    status: str
    access: str
    venue: VenueOut | None
    online_platform: str
    capacity: int | None
    seats_left: int | None
    is_free: bool
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    is_sample: bool

    @staticmethod
    def resolve_seats_left(obj):
        if obj.capacity is None:
            return None
        return max(0, obj.capacity - obj.confirmed_count)


class SpeakerOut(Schema):
    name: str
    function: str
    organisation: str = Field(
        ..., description="The organisation's name (a directory entry's only if published)"
    )
    organisation_slug: str | None = Field(
        None, description="The organisation's short name in the directory, if published"
    )

    @staticmethod
    def resolve_organisation(obj):
        organisation = obj.organisation
        if organisation is not None and organisation.is_published:
            return organisation.name
        return obj.organisation_name

    @staticmethod
    def resolve_organisation_slug(obj):
        organisation = obj.organisation
        return organisation.slug if organisation and organisation.is_published else None


class StationOut(Schema):
    title: Translated
    theme: Translated
    host: str
    results: Translated = Field(..., description="Recorded after the event; empty before")

    @staticmethod
    def resolve_results(obj):
        return obj.results if obj.item.event.is_past else {}


class ProgrammeItemOut(Schema):
    starts_at: datetime
    ends_at: datetime | None
    kind: str
    title: Translated
    description: Translated
    speakers: list[SpeakerOut]
    stations: list[StationOut]

    @staticmethod
    def resolve_speakers(obj):
        return list(obj.speakers.all())

    @staticmethod
    def resolve_stations(obj):
        return list(obj.stations.all())


class EventDetailOut(EventOut):
    participant_notes: Translated
    programme: list[ProgrammeItemOut]

    @staticmethod
    def resolve_programme(obj):
        return list(obj.programme.all())


class EventFilter(Schema):
    when: Literal["upcoming", "past"] | None = Field(
        None, description="Only events not yet over, or only past ones"
    )
    kind: choice(Event.Kind) | None = None
    series: Slug | None = Field(None, description="Short name of an event series")
    cycle: Slug | None = Field(None, description="Short name of a published concept cycle")


def _events(municipality):
    return (
        Event.objects.for_municipality(municipality)
        .public()
        .select_related("venue")
        .annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed"))
        )
        .order_by("starts_at")
    )


@router.get("/{municipality}/events", response={200: list[EventOut], **errors(404, 422)})
@paginate
def list_events(request, municipality: Slug, filters: Query[EventFilter]):
    """Public events by start (cancelled ones stay, marked by their status)."""
    events = _events(active_municipality(municipality))
    now = timezone.now()
    if filters.when == "upcoming":
        events = events.upcoming(now)
    elif filters.when == "past":
        events = events.past(now)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.series:
        events = events.filter(series__slug=filters.series)
    if filters.cycle:
        events = events.filter(cycle__slug=filters.cycle, cycle__is_published=True)
    return events.order_by("starts_at", "pk")


@router.get("/{municipality}/events/{slug}", response={200: EventDetailOut, **errors(404, 422)})
def get_event(request, municipality: Slug, slug: Slug):
    """A public event with its programme: items with speakers and parallel stations."""
    programme = ProgrammeItem.objects.prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.select_related("organisation")),
        "stations",
    )
    events = _events(active_municipality(municipality)).prefetch_related(
        Prefetch("programme", queryset=programme)
    )
    return get_object_or_404(events, slug=slug)
