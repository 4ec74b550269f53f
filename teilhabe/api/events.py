"""Event endpoints: public data only. Online access data (join link, meeting ID,
passcode) and registrations are never part of the API's public answers."""

from datetime import datetime

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from teilhabe.events.models import Event
from teilhabe.tenants.scoping import active_municipality

from .schemas import Slug, Translated, errors

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
def list_events(request, municipality: Slug):
    return _events(active_municipality(municipality))


@router.get("/{municipality}/events/{slug}", response={200: EventOut, **errors(404, 422)})
def get_event(request, municipality: Slug, slug: Slug):
    return get_object_or_404(_events(active_municipality(municipality)), slug=slug)
