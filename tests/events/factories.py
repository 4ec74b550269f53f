"""factory_boy factories for the events app (shared by all events tests)."""

import secrets
from datetime import timedelta

import factory
from django.utils import timezone

from teilhabe.events.models import (
    AudienceGroup,
    Event,
    EventSeries,
    Invitation,
    ProgrammeItem,
    Registration,
    Station,
    Venue,
)
from tests.factories import MunicipalityFactory, slugify


def _in_days(days, hours=0):
    now = timezone.now().replace(microsecond=0)
    return now + timedelta(days=days, hours=hours)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Bürgerhaus {n}")
    street = "Marktplatz 1"
    postal_code = "01234"
    city = "Musterstadt"
    entrance = "Seiteneingang links"
    directions = "Bus 3 bis Rathaus"
    accessibility = "Stufenloser Zugang, Aufzug vorhanden"


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Werkstattreihe {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))


class AudienceGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AudienceGroup

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Zielgruppe {n}")


class EventFactory(factory.django.DjangoModelFactory):
    """A published, open, in-person workshop in 14 days with registration open.
    Pass ``audience_groups=[...]``, ``fields_of_action=[...]``, ``languages=[...]``."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = Event.Kind.WORKSHOP
    title = factory.Sequence(lambda n: f"Werkstatt Nummer {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    description = "Wir sprechen über das Ankommen in der Stadt."
    starts_at = factory.LazyFunction(lambda: _in_days(14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    format = Event.Format.IN_PERSON
    venue = factory.Maybe(
        factory.LazyAttribute(lambda o: o.format != Event.Format.ONLINE),
        yes_declaration=factory.SubFactory(
            VenueFactory, municipality=factory.SelfAttribute("..municipality")
        ),
        no_declaration=None,
    )
    capacity = 20
    status = Event.Status.PUBLISHED
    access = Event.Access.OPEN

    class Params:
        online = factory.Trait(
            format=Event.Format.ONLINE,
            online_platform="BigBlueButton",
            join_url="https://meet.example.org/geheim-raum-4711",
            meeting_id="987 654 321",
            passcode="Kuchen42",
        )
        invitation_only = factory.Trait(access=Event.Access.INVITATION)

    @factory.post_generation
    def audience_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.audience_groups.set(extracted)

    @factory.post_generation
    def fields_of_action(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields_of_action.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration (use ``status=...`` for others; ``waiting_since`` is
    set for waiting registrations)."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    municipality = factory.SelfAttribute("event.municipality")
    status = Registration.Status.CONFIRMED
    name = factory.Sequence(lambda n: f"Teilnehmerin {n}")
    email = factory.Sequence(lambda n: f"teilnehmerin{n}@example.org")
    consented_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyAttribute(
        lambda o: (
            timezone.now()
            if o.status in (Registration.Status.CONFIRMED, Registration.Status.WAITING)
            else None
        )
    )
    waiting_since = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Registration.Status.WAITING else None
    )


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    event = factory.SubFactory(EventFactory, access=Event.Access.INVITATION)
    municipality = factory.SelfAttribute("event.municipality")
    email = factory.Sequence(lambda n: f"eingeladen{n}@example.org")
    code = factory.LazyFunction(lambda: secrets.token_urlsafe(24))
    expires_at = factory.LazyFunction(lambda: _in_days(7))


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.event.starts_at + timedelta(minutes=30))
    kind = ProgrammeItem.Kind.TALK
    title = factory.Sequence(lambda n: f"Programmpunkt {n}")


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station

    item = factory.SubFactory(ProgrammeItemFactory, kind=ProgrammeItem.Kind.WORLD_CAFE)
    title = factory.Sequence(lambda n: f"Tisch {n}")
    theme = "Wohnen und Nachbarschaft"
    host = "Amt für Soziales"
