"""The office creates, edits, duplicates and publishes events and writes their
programme without the admin. Bad input changes nothing; another municipality's office
can neither see nor change anything; choices are the municipality's own."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.models import Role
from teilhabe.events import services
from teilhabe.events.models import Event, ProgrammeItem, Registration, Speaker, Venue
from tests import factories
from tests.events.factories import (
    AudienceGroupFactory,
    EventFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
    StationFactory,
    VenueFactory,
)

LOCAL = "%Y-%m-%dT%H:%M"


def url(name, event=None, **extra):
    """The English page: the assertions below read English interface text."""
    kwargs = {"municipality": "dresden", **extra}
    if event is not None:
        kwargs["slug"] = event.slug
    with translation.override("en"):
        return reverse(f"events:{name}", kwargs=kwargs)


def local(moment):
    return timezone.localtime(moment).strftime(LOCAL)


def form_data(**overrides):
    starts = timezone.localtime(timezone.now() + timedelta(days=30)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    data = {
        "title_de": "Werkstatt Zusammenleben",
        "kind": Event.Kind.WORKSHOP,
        "description_de": "Wir sprechen über Nachbarschaft.",
        "starts_at": starts.strftime(LOCAL),
        "ends_at": (starts + timedelta(hours=4)).strftime(LOCAL),
        "format": Event.Format.HYBRID,
        "join_url": "https://konferenz.example.org/raum-7",
        "passcode": "geheim-4711",
        "capacity": "30",
        "access": Event.Access.OPEN,
        "is_listed": "on",
        "is_free": "on",
        "reminder_days_before": "2",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def office(municipality):
    return factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user


@pytest.fixture
def foreign_office(other_municipality):
    return factories.RoleFactory(municipality=other_municipality, kind=Role.Kind.OFFICE_ADMIN).user


@pytest.fixture
def event(municipality):
    return EventFactory(municipality=municipality, title="Werkstatt Wohnen", slug="werkstatt")


# --- Create ------------------------------------------------------------------------------


def test_office_creates_a_draft_with_venue_and_audience(client, municipality, office):
    venue = VenueFactory(municipality=municipality)
    group = AudienceGroupFactory(municipality=municipality)
    client.force_login(office)
    assert client.get(url("create")).status_code == 200
    response = client.post(url("create"), form_data(venue=venue.pk, audience_groups=[group.pk]))
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == url("programme", event)
    assert event.status == Event.Status.DRAFT
    assert event.municipality == municipality
    assert event.slug == "werkstatt-zusammenleben"
    assert event.venue == venue and list(event.audience_groups.all()) == [group]
    assert event.capacity == 30 and event.passcode == "geheim-4711"
    assert not event.is_public()


def test_a_new_venue_is_created_with_the_event(client, municipality, office):
    client.force_login(office)
    client.post(
        url("create"),
        form_data(
            new_venue_name="Stadtteilhaus Nord",
            new_venue_street="Hauptstraße 3",
            new_venue_postal_code="01099",
            new_venue_city="Dresden",
        ),
    )
    event = Event.objects.get()
    assert event.venue.name == "Stadtteilhaus Nord"
    assert event.venue.municipality == municipality


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"ends_at": "2020-01-01T10:00"}, "ends_at", "The event must end after it starts."),
        ({"capacity": "0"}, "capacity", "greater than or equal to 1"),
        ({"capacity": "100001"}, "capacity", "less than or equal to 100000"),
        ({"title_de": ""}, "title", "This field is required."),
        (
            {
                "registration_opens_at": "2030-05-02T10:00",
                "registration_closes_at": "2030-05-01T10:00",
            },
            "registration_closes_at",
            "The deadline must come after registration opens.",
        ),
        ({"new_venue_name": "Halle"}, "new_venue_city", "Please complete the new venue."),
    ],
)
def test_bad_input_creates_nothing(client, office, overrides, field, message):
    client.force_login(office)
    response = client.post(url("create"), form_data(**overrides))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Event.objects.exists() and not Venue.objects.exists()


def test_a_chosen_and_a_new_venue_together_are_refused(client, municipality, office):
    venue = VenueFactory(municipality=municipality)
    new = {
        "new_venue_name": "Halle",
        "new_venue_street": "Weg 1",
        "new_venue_postal_code": "01099",
        "new_venue_city": "Dresden",
    }
    client.force_login(office)
    response = client.post(url("create"), form_data(venue=venue.pk, **new))
    assert response.status_code == 400
    assert "not both" in " ".join(response.context["form"].errors["new_venue_name"])
    assert not Event.objects.exists() and Venue.objects.count() == 1


def test_fields_of_action_of_another_cycle_are_refused(client, municipality, office):
    from tests.plan.factories import ConceptCycleFactory, FieldOfActionFactory

    cycle = ConceptCycleFactory(municipality=municipality)
    other_field = FieldOfActionFactory(
        municipality=municipality, cycle=ConceptCycleFactory(municipality=municipality)
    )
    client.force_login(office)
    response = client.post(
        url("create"), form_data(cycle=cycle.pk, fields_of_action=[other_field.pk])
    )
    assert response.status_code == 400
    assert "chosen concept cycle" in " ".join(response.context["form"].errors["fields_of_action"])
    assert not Event.objects.exists()


def test_a_foreign_venue_series_or_group_is_refused(
    client, municipality, other_municipality, office
):
    from tests.events.factories import EventSeriesFactory
    from tests.plan.factories import ConceptCycleFactory

    foreign = {
        "cycle": ConceptCycleFactory(municipality=other_municipality).pk,
        "venue": VenueFactory(municipality=other_municipality).pk,
        "series": EventSeriesFactory(municipality=other_municipality).pk,
        "audience_groups": [AudienceGroupFactory(municipality=other_municipality).pk],
        "organisers": [factories.OrganisationFactory(municipality=other_municipality).pk],
    }
    client.force_login(office)
    for name, value in foreign.items():
        response = client.post(url("create"), form_data(**{name: value}))
        assert response.status_code == 400
        assert "Select a valid choice" in " ".join(response.context["form"].errors[name])
    assert not Event.objects.exists()


def test_office_names_languages_and_organising_organisations(client, municipality, office):
    from teilhabe.directory.models import Language

    arabic = Language.objects.get_or_create(code="ar", defaults={"name": "Arabisch"})[0]
    verein = factories.OrganisationFactory(municipality=municipality, name="Verein Brücke")
    client.force_login(office)
    response = client.post(url("create"), form_data(languages=[arabic.pk], organisers=[verein.pk]))
    assert response.status_code == 302
    event = Event.objects.get()
    assert list(event.languages.all()) == [arabic]
    assert list(event.organisers.all()) == [verein]
    copy = services.duplicate_event(event)
    assert list(copy.organisers.all()) == [verein] and list(copy.languages.all()) == [arabic]


def test_the_event_page_names_published_organisers_only(client, event, municipality):
    shown = factories.OrganisationFactory(municipality=municipality, name="Verein Brücke")
    hidden = factories.OrganisationFactory(
        municipality=municipality, name="Stiller Verein", is_published=False
    )
    event.organisers.add(shown, hidden)
    page = client.get(url("event", event)).content.decode()
    assert "Organised together with" in page
    assert shown.get_absolute_url() in page and "Stiller Verein" not in page


def test_the_form_offers_only_the_municipalitys_choices(
    client, municipality, other_municipality, office
):
    VenueFactory(municipality=municipality, name="Rathaus Dresden")
    VenueFactory(municipality=other_municipality, name="Rathaus Leipzig")
    factories.OrganisationFactory(municipality=municipality, name="Verein Dresden")
    factories.OrganisationFactory(municipality=other_municipality, name="Verein Leipzig")
    client.force_login(office)
    page = client.get(url("create")).content.decode()
    assert "Rathaus Dresden" in page and "Rathaus Leipzig" not in page
    assert "Verein Dresden" in page and "Verein Leipzig" not in page


# --- Edit --------------------------------------------------------------------------------


def test_office_edits_details_and_seats_through_the_service(client, event, office):
    RegistrationFactory(event=event, status=Registration.Status.WAITING)
    event.capacity = 0 + 1
    event.save()
    RegistrationFactory(event=event)  # holds the one seat
    client.force_login(office)
    data = form_data(title_de="Werkstatt Wohnen 2", capacity="5")
    response = client.post(url("edit", event), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title.text("de") == "Werkstatt Wohnen 2" and event.capacity == 5
    assert event.status == Event.Status.PUBLISHED  # the form never touches the status
    # change_capacity moved the waiting list up.
    assert not event.registrations.filter(status=Registration.Status.WAITING).exists()


def test_seats_below_the_seats_taken_are_refused(client, event, office):
    RegistrationFactory.create_batch(3, event=event)
    client.force_login(office)
    response = client.post(url("edit", event), form_data(capacity="2", title_de="Anders"))
    assert response.status_code == 400
    assert "3 people already hold a seat" in " ".join(response.context["form"].errors["capacity"])
    event.refresh_from_db()
    assert event.capacity == 20 and event.title.text("de") == "Werkstatt Wohnen"


def test_end_before_start_changes_nothing(client, event, office):
    client.force_login(office)
    before = (event.starts_at, event.ends_at)
    data = form_data(starts_at=local(event.starts_at), ends_at=local(event.starts_at))
    assert client.post(url("edit", event), data).status_code == 400
    event.refresh_from_db()
    assert (event.starts_at, event.ends_at) == before


# --- Programme ---------------------------------------------------------------------------


def programme_data(event, items, prefix="programm"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(items)),
        f"{prefix}-INITIAL_FORMS": str(sum(1 for i in items if i.get("id"))),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, item in enumerate(items):
        for key, value in item.items():
            data[f"{prefix}-{number}-{key}"] = value
    return data


def test_office_adds_a_programme_item(client, event, office):
    client.force_login(office)
    starts = event.starts_at + timedelta(minutes=30)
    item = {
        "starts_at": local(starts),
        "ends_at": local(starts + timedelta(minutes=30)),
        "kind": ProgrammeItem.Kind.WELCOME,
        "title_de": "Begrüßung",
    }
    response = client.post(url("programme", event), programme_data(event, [item]))
    assert response.status_code == 302
    assert event.programme.get().title.text("de") == "Begrüßung"


def test_a_programme_item_outside_the_event_is_refused(client, event, office):
    client.force_login(office)
    item = {
        "starts_at": local(event.ends_at + timedelta(hours=1)),
        "kind": ProgrammeItem.Kind.TALK,
        "title_de": "Zu spät",
    }
    response = client.post(url("programme", event), programme_data(event, [item]))
    assert response.status_code == 400
    assert "The item must start during the event." in response.content.decode()
    assert not event.programme.exists()


def test_office_adds_speakers_and_stations(client, event, office):
    item = ProgrammeItemFactory(event=event)
    client.force_login(office)
    page = url("programme_item", event, pk=item.pk)
    assert client.get(page).status_code == 200
    data = {
        **programme_data(event, [{"name": "Dr. Lea Beispiel", "function": "Leitung"}], "personen"),
        **programme_data(event, [{"title_de": "Tisch Wohnen", "host": "Amt"}], "stationen"),
    }
    assert client.post(page, data).status_code == 302
    assert item.speakers.get().name == "Dr. Lea Beispiel"
    assert item.stations.get().title.text("de") == "Tisch Wohnen"


def test_another_events_programme_item_is_not_found(client, event, municipality, office):
    other_item = ProgrammeItemFactory(event=EventFactory(municipality=municipality))
    client.force_login(office)
    assert client.get(url("programme_item", event, pk=other_item.pk)).status_code == 404


# --- Duplicate ---------------------------------------------------------------------------


def test_duplicate_copies_programme_but_not_registrations(client, event, office):
    group = AudienceGroupFactory(municipality=event.municipality)
    event.audience_groups.add(group)
    item = ProgrammeItemFactory(event=event)
    Speaker.objects.create(item=item, name="Dr. Lea Beispiel")
    StationFactory(item=item, results="Ergebnis vom letzten Jahr")
    RegistrationFactory.create_batch(2, event=event)
    client.force_login(office)
    assert client.get(url("duplicate", event)).status_code == 200
    response = client.post(url("duplicate", event), {"shift": "days", "days": "364"})
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.status_code == 302 and response["Location"] == url("edit", copy)
    assert copy.status == Event.Status.DRAFT and copy.slug == "werkstatt-2"
    assert copy.starts_at - event.starts_at == timedelta(days=364)
    assert list(copy.audience_groups.all()) == [group]
    copied = copy.programme.get()
    assert copied.starts_at - item.starts_at == timedelta(days=364)
    assert copied.speakers.get().name == "Dr. Lea Beispiel"
    station = copied.stations.get()
    assert station.title == item.stations.get().title and not station.results
    assert not copy.registrations.exists()
    assert event.registrations.count() == 2 and event.programme.count() == 1


def test_duplicate_to_next_year_keeps_the_local_time(event):
    copy = services.duplicate_event(event)
    before, after = timezone.localtime(event.starts_at), timezone.localtime(copy.starts_at)
    assert (after.year, after.month, after.day) == (before.year + 1, before.month, before.day)
    assert (after.hour, after.minute) == (before.hour, before.minute)


def test_duplicate_without_days_is_refused(client, event, office):
    client.force_login(office)
    response = client.post(url("duplicate", event), {"shift": "days", "days": ""})
    assert response.status_code == 400
    assert Event.objects.count() == 1


# --- Publish -----------------------------------------------------------------------------


def test_publish_has_a_confirmation_step(client, event, office):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    client.force_login(office)
    page = client.get(url("publish", event)).content.decode()
    assert "The event becomes public" in page
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    response = client.post(url("publish", event), {"confirm": "yes"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED and event.is_public()
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == 200


def test_publish_without_confirmation_does_nothing(client, event, office):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    client.force_login(office)
    assert client.post(url("publish", event), {}).status_code == 400
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT


def test_a_cancelled_event_is_not_published_again(client, event, office):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    client.force_login(office)
    client.post(url("publish", event), {"confirm": "yes"})
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED


# --- Permissions and links ---------------------------------------------------------------

EVENT_PAGES = ["edit", "programme", "duplicate", "publish"]


@pytest.mark.parametrize("page", EVENT_PAGES)
def test_foreign_office_can_neither_read_nor_change(client, event, foreign_office, page):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    client.force_login(foreign_office)
    assert client.get(url(page, event)).status_code == 403
    post = {**form_data(title_de="Übernommen"), "shift": "year", "confirm": "yes"}
    assert client.post(url(page, event), post).status_code == 403
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT and event.title.text("de") == "Werkstatt Wohnen"
    assert Event.objects.count() == 1 and not event.programme.exists()


@pytest.mark.parametrize("kind", [Role.Kind.MODERATOR, Role.Kind.DEPARTMENT_EDITOR])
def test_other_roles_cannot_create_or_edit(client, event, municipality, kind):
    client.force_login(factories.RoleFactory(municipality=municipality, kind=kind).user)
    assert client.post(url("create"), form_data()).status_code == 403
    assert client.post(url("edit", event), form_data(title_de="X")).status_code == 403
    assert Event.objects.count() == 1


def test_foreign_office_cannot_create_here(client, foreign_office):
    client.force_login(foreign_office)
    assert client.get(url("create")).status_code == 404
    assert client.post(url("create"), form_data()).status_code == 404
    assert not Event.objects.exists()


def test_anonymous_is_sent_to_login(client, event):
    for target in [url("create"), url("edit", event), url("publish", event)]:
        response = client.get(target)
        assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


def test_links_for_the_office_only(client, event, office, foreign_office):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    links = [url("edit", event), url("programme", event), url("duplicate", event)]
    links.append(url("publish", event))
    client.force_login(office)
    detail = client.get(url("event", event)).content.decode()
    assert all(f'href="{link}"' in detail for link in links)
    manage = client.get(url("manage", event)).content.decode()
    assert all(f'href="{link}"' in manage for link in links)
    assert f'href="{url("create")}"' in client.get(url("list")).content.decode()
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PUBLISHED)
    client.force_login(foreign_office)
    detail = client.get(url("event", event)).content.decode()
    assert not any(f'href="{link}"' in detail for link in links)
    assert f'href="{url("create")}"' not in client.get(url("list")).content.decode()


# --- A fixed number of queries -----------------------------------------------------------


def queries_for(client, target):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(target).status_code == 200
    return len(queries)


def test_pages_run_a_fixed_number_of_queries(client, event, municipality, office):
    from tests.plan.factories import ConceptCycleFactory, FieldOfActionFactory

    client.force_login(office)
    item = ProgrammeItemFactory(event=event)
    pages = [url("create"), url("edit", event), url("programme", event)]
    pages.append(url("programme_item", event, pk=item.pk))
    small = [queries_for(client, page) for page in pages]
    cycle = ConceptCycleFactory(municipality=municipality)
    for number in range(5):
        VenueFactory(municipality=municipality)
        AudienceGroupFactory(municipality=municipality)
        FieldOfActionFactory(municipality=municipality, cycle=cycle, number=number + 1)
        ProgrammeItemFactory(event=event)
        Speaker.objects.create(item=item, name=f"Person {number}")
        StationFactory(item=item)
        factories.OrganisationFactory(municipality=municipality)
    assert [queries_for(client, page) for page in pages] == small
