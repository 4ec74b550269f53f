"""The public events API never carries online access data or registrations."""

from datetime import timedelta

import pytest
from django.utils import timezone

from teilhabe.events.models import Event, Registration


@pytest.fixture
def online_event(municipality):
    start = timezone.now() + timedelta(days=10)
    return Event.objects.create(
        municipality=municipality,
        title="Übergabe des Positionspapiers",
        slug="uebergabe",
        kind=Event.Kind.HANDOVER,
        format=Event.Format.ONLINE,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status=Event.Status.PUBLISHED,
        capacity=3,
        online_platform="Zoom",
        join_url="https://zoom.example/j/93301910675?pwd=geheim",
        meeting_id="933 0191 0675",
        passcode="421052",
    )


def test_public_event_api_hides_access_data(client, online_event):
    Registration.objects.create(
        municipality=online_event.municipality,
        event=online_event,
        name="Ada",
        email="ada@example.org",
        status=Registration.Status.CONFIRMED,
    )
    for url in ["/api/v1/dresden/events", "/api/v1/dresden/events/uebergabe"]:
        body = client.get(url).content.decode()
        assert "zoom.example" not in body and "421052" not in body and "933 0191" not in body
        assert "ada@example.org" not in body
    assert client.get("/api/v1/dresden/events/uebergabe").json()["seats_left"] == 2


def test_drafts_and_hidden_invitation_events_are_not_in_the_api(client, online_event):
    online_event.status = Event.Status.DRAFT
    online_event.save()
    assert client.get("/api/v1/dresden/events/uebergabe").status_code == 404
    online_event.status = Event.Status.PUBLISHED
    online_event.access = Event.Access.INVITATION
    online_event.is_listed = False
    online_event.save()
    assert client.get("/api/v1/dresden/events").json()["items"] == []
