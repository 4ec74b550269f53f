"""The Dresden events demo: the 2021 participation events, the online handover of the
DSM position paper, the 2023 conference with its programme (seeds 000–003), one
upcoming sample event, and a loader that can run again."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from teilhabe.demo import dresden
from teilhabe.demo.loader import load_dresden
from teilhabe.events import services, tasks
from teilhabe.events.models import (
    AudienceGroup,
    Event,
    EventSeries,
    ProgrammeItem,
    Registration,
    Speaker,
    Station,
    Venue,
)
from teilhabe.plan.models import ConceptCycle

BERLIN = ZoneInfo("Europe/Berlin")
EVENT_KINDS = (
    "venues",
    "audience groups",
    "event series",
    "events",
    "programme items",
    "speakers",
    "stations",
    "sample registrations",
)


def at(*args):
    return datetime(*args, tzinfo=BERLIN)


@pytest.fixture
def loaded(db, dresden_demo):
    pass


def event(slug):
    return Event.objects.get(municipality__slug="dresden", slug=slug)


def test_venues(loaded):
    rathaus = Venue.objects.get(name="Rathaus Dresden")
    assert rathaus.address == "Rathausplatz 1, 01067 Dresden"
    assert rathaus.entrance["de"] == "Eingang Goldene Pforte"
    vhs = Venue.objects.get(name="Volkshochschule Dresden e. V.")
    assert vhs.address == "Annenstraße 10, 01067 Dresden"
    for fact in ("15 Minuten", "8, 9 und 11", "Postplatz", "400 m"):
        assert fact in vhs.directions["de"]


def test_the_three_workshops_of_2021(loaded):
    series = EventSeries.objects.get(slug="gemeinsam-verantwortung-leben")
    assert series.title["de"] == "Gemeinsam. Verantwortung. Leben."
    workshops = list(series.events.order_by("starts_at"))
    assert [(e.starts_at, e.ends_at) for e in workshops] == [
        (at(2021, 6, 27, 10), at(2021, 6, 27, 16)),
        (at(2021, 7, 3, 10), at(2021, 7, 3, 16)),
        (at(2021, 7, 18, 10), at(2021, 7, 18, 16)),
    ]
    assert [e.access for e in workshops] == ["open", "invitation", "open"]
    cycle = ConceptCycle.objects.get(municipality__slug="dresden", slug="2021-2026")
    for workshop in workshops:
        assert workshop.capacity == 50 and workshop.is_free
        assert workshop.venue.name == "Rathaus Dresden"
        assert workshop.registration_closes_at == at(2021, 6, 16, 0)
        assert "Hygienevorschriften" in workshop.participant_notes["de"]
        assert workshop.cycle == cycle
        assert not workshop.is_sample and workshop.status == Event.Status.PUBLISHED
    invited = {g.name["de"] for g in workshops[1].audience_groups.all()}
    assert invited == set(dresden.INVITED_AUDIENCE_2021) and len(invited) == 7
    assert "Mitglieder des Dresdner Integrations- und Ausländerbeirates" in invited


def test_online_handover_keeps_the_access_data(loaded):
    handover = event("uebergabe-positionspapier-dsm-2021")
    assert (handover.starts_at, handover.ends_at) == (at(2021, 3, 17, 18), at(2021, 3, 17, 20))
    assert handover.format == Event.Format.ONLINE and handover.venue is None
    assert handover.online_platform == "Zoom"
    assert handover.join_url.startswith("https://zoom.us/j/93301910675")
    assert (handover.meeting_id, handover.passcode) == ("933 0191 0675", "421052")
    # Access data is not part of any public text.
    assert "421052" not in handover.description["de"]


def test_conference_programme(loaded):
    conference = event("konferenz-migrantinnenorganisationen-2023")
    assert (conference.starts_at, conference.ends_at) == (
        at(2023, 11, 18, 12),
        at(2023, 11, 18, 18),
    )
    assert conference.venue.street == "Annenstraße 10"
    programme = list(conference.programme.order_by("starts_at"))
    assert [(timezone_time(item.starts_at), item.kind) for item in programme] == [
        ("11:30", "arrival"),
        ("12:00", "welcome"),
        ("12:30", "talk"),
        ("13:00", "talk"),
        ("13:30", "break"),
        ("14:30", "world_cafe"),
        ("16:30", "results"),
        ("17:00", "feedback"),
        ("17:30", "meal"),
    ]
    speakers = {s.name: s for s in Speaker.objects.filter(item__event=conference)}
    assert speakers["DSM e.V."].organisation.slug == "dsm"
    assert speakers["Kristina Winkler"].function == (
        "Integrations- und Ausländerbeauftragte der Stadt Dresden"
    )
    assert (
        speakers["Victor Vincze"].organisation_name == "Integrations- und Ausländerbeirat Dresden"
    )
    assert speakers["Chinesisch-Deutsches Zentrum e.V."].organisation is not None
    assert speakers["Projektschmiede (Kulturbüro Dresden)"].organisation is not None
    assert programme[2].title["de"] == "Inputvortrag: Gemeinsam zum Erfolg!"
    stations = Station.objects.filter(item__event=conference)
    assert stations.count() == 3
    assert all("Beispiel" in s.title["de"] for s in stations)


def timezone_time(value):
    return value.astimezone(BERLIN).strftime("%H:%M")


def test_past_events_hold_only_anonymous_statistics(loaded):
    past = Event.objects.filter(municipality__slug="dresden", is_sample=False)
    assert past.count() == 5
    for item in past:
        rows = Registration.objects.filter(event=item)
        assert 4 <= rows.count() <= 8
        assert item.personal_data_deleted_at and item.feedback_requested_at
        assert all(r.is_anonymised and r.name == "" for r in rows)
        assert all(r.email.endswith("@invalid") for r in rows)
    workshop = event("beteiligung-2021-06-27")
    statuses = set(workshop.registrations.values_list("status", flat=True))
    assert {"confirmed", "waiting", "cancelled"} <= statuses
    assert workshop.registrations.filter(checked_in_at__isnull=False).count() == 3
    assert workshop.registrations.filter(is_no_show=True).count() == 1


def test_the_scheduled_tasks_leave_the_demo_alone(loaded, mailoutbox):
    before = list(Registration.objects.values_list("pk", "email", "status"))
    assert tasks.request_feedback.call() == 0
    assert tasks.delete_personal_data.call() == 0
    assert tasks.send_reminders.call() == 0
    assert list(Registration.objects.values_list("pk", "email", "status")) == before


def test_upcoming_sample_event_is_open_for_registration(loaded):
    upcoming = event("austausch-aktionsplan")
    assert upcoming.is_sample and upcoming.capacity == 40
    starts = timezone.localtime(upcoming.starts_at)
    assert (starts.month, starts.day, starts.hour) == (3, 20, 10)
    assert upcoming.ends_at - upcoming.starts_at == timedelta(hours=5)
    # Always at least a week ahead, whatever day the demo is loaded.
    assert upcoming.starts_at >= timezone.now() + timedelta(days=7)
    assert upcoming.starts_at < timezone.now() + timedelta(days=366 + 7)
    assert upcoming.registration_state() == "open"
    registration = services.register(upcoming, {"name": "Ana", "email": "ana@example.org"})
    assert services.confirm(registration).status == Registration.Status.CONFIRMED
    assert services.seats_left(upcoming) == 39


def test_upcoming_sample_event_moves_to_next_year_once_near(monkeypatch):
    """Loaded within a week of 20 March (or after it), the sample event is next year's."""

    class March15(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2031, 3, 15, 9, tzinfo=tz)

    monkeypatch.setattr(dresden, "datetime", March15)
    assert dresden._next(3, 20, 10) == at(2032, 3, 20, 10)

    class February(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2031, 2, 1, 9, tzinfo=tz)

    monkeypatch.setattr(dresden, "datetime", February)
    assert dresden._next(3, 20, 10) == at(2031, 3, 20, 10)


def test_loading_again_changes_nothing(loaded):
    counts = {
        model: model.objects.count()
        for model in (Venue, AudienceGroup, EventSeries, Event, ProgrammeItem, Speaker, Station)
    }
    registrations = Registration.objects.count()
    report = load_dresden()
    for kind in EVENT_KINDS:
        assert set(report[kind]) == {"unchanged"}, kind
    assert counts == {model: model.objects.count() for model in counts}
    assert Registration.objects.count() == registrations
