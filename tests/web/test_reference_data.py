"""The office keeps its reference data without the admin (teilhabe.web.reference):
venues, event series, audience groups, departments and the municipality's profile.
Bad input changes nothing; a row in use is not deleted; another municipality's office
and other roles can neither read nor change anything."""

import pytest
from django.urls import reverse

from teilhabe.accounts.models import Role
from teilhabe.directory.models import Department
from teilhabe.events.models import AudienceGroup, EventSeries, Venue
from teilhabe.tenants.models import Municipality
from tests import factories
from tests.conftest import make_user_with_role
from tests.events.factories import (
    AudienceGroupFactory,
    EventFactory,
    EventSeriesFactory,
    VenueFactory,
)
from tests.plan.factories import MeasureFactory


def url(name, municipality="dresden", **kwargs):
    return reverse(name, kwargs={"municipality": municipality, **kwargs})


@pytest.fixture
def office(client, municipality):
    client.force_login(make_user_with_role(municipality, Role.Kind.OFFICE_ADMIN))
    return client


VENUE = {
    "name": "Zentralbibliothek",
    "street": "Schloßstraße 2",
    "postal_code": "01067",
    "city": "Dresden",
    "entrance_de": "Eingang Wilsdruffer Straße",
    "entrance_ar": "المدخل من شارع فيلسدروفر",
    "directions_de": "Haltestelle Postplatz",
    "accessibility_de": "Stufenlos, Aufzug",
}


def test_the_office_adds_and_edits_a_venue_with_its_translations(office, municipality):
    municipality.content_languages = ["de", "ar"]
    municipality.save()
    form = office.get(url("events:venue_new"))
    assert form.status_code == 200
    assert 'name="entrance_ar"' in form.content.decode()

    response = office.post(url("events:venue_new"), VENUE)
    assert response.status_code == 302
    assert response["Location"] == url("events:venue_list")
    venue = Venue.objects.get(municipality=municipality)
    assert venue.address == "Schloßstraße 2, 01067 Dresden"
    assert venue.entrance["ar"] == "المدخل من شارع فيلسدروفر"

    listed = office.get(url("events:venue_list")).content.decode()
    assert f'href="{url("events:venue_edit", pk=venue.pk)}">Zentralbibliothek</a>' in listed

    office.post(url("events:venue_edit", pk=venue.pk), {**VENUE, "street": "Schloßstraße 4"})
    venue.refresh_from_db()
    assert venue.street == "Schloßstraße 4"
    assert venue.entrance["ar"] == "المدخل من شارع فيلسدروفر"
    # The event form offers it.
    assert "Zentralbibliothek" in office.get(url("events:create")).content.decode()


def test_a_venue_without_its_address_is_refused_and_nothing_saved(office):
    response = office.post(url("events:venue_new"), {**VENUE, "street": "", "postal_code": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_street"' in page  # the error summary links the field
    assert Venue.objects.count() == 0


def test_a_series_short_name_is_unique_per_municipality(office, municipality, other_municipality):
    EventSeriesFactory(municipality=municipality, title="Werkstätten", slug="werkstaetten")
    EventSeriesFactory(municipality=other_municipality, title="Foren", slug="foren")
    taken = office.post(
        url("events:series_new"), {"title_de": "Noch eine Reihe", "slug": "werkstaetten"}
    )
    assert taken.status_code == 400
    assert EventSeries.objects.filter(municipality=municipality).count() == 1
    # Another municipality's short name is free here.
    free = office.post(url("events:series_new"), {"title_de": "Foren in Dresden", "slug": "foren"})
    assert free.status_code == 302
    assert EventSeries.objects.filter(municipality=municipality).count() == 2


def test_deleting_asks_first_and_removes_an_unused_audience_group(office, municipality):
    group = AudienceGroupFactory(municipality=municipality, name="Jugendliche")
    page = office.get(url("events:audience_delete", pk=group.pk))
    assert page.status_code == 200
    assert "„Jugendliche“ löschen?" in page.content.decode()
    assert AudienceGroup.objects.filter(pk=group.pk).exists()

    unconfirmed = office.post(url("events:audience_delete", pk=group.pk), {})
    assert unconfirmed.status_code == 400
    assert AudienceGroup.objects.filter(pk=group.pk).exists()

    done = office.post(url("events:audience_delete", pk=group.pk), {"confirm": "yes"})
    assert done.status_code == 302
    assert not AudienceGroup.objects.filter(pk=group.pk).exists()


def test_a_venue_in_use_is_not_deleted_and_the_page_says_what_uses_it(office, municipality):
    venue = VenueFactory(municipality=municipality)
    page = office.get(url("events:venue_delete", pk=venue.pk)).content.decode()
    assert 'name="confirm"' in page
    # An event takes the venue between the confirmation page and the button.
    EventFactory(municipality=municipality, venue=venue)
    refused = office.post(url("events:venue_delete", pk=venue.pk), {"confirm": "yes"})
    assert refused.status_code == 409
    assert "Veranstaltungen: 1" in refused.content.decode()
    assert Venue.objects.filter(pk=venue.pk).exists()
    again = office.get(url("events:venue_delete", pk=venue.pk)).content.decode()
    assert 'name="confirm"' not in again


def test_a_department_leading_a_measure_is_not_deleted(office, municipality):
    department = factories.DepartmentFactory(municipality=municipality, name="Sozialamt")
    measure = MeasureFactory(goal__field__cycle__municipality=municipality)
    measure.lead_departments.add(department)
    refused = office.post(url("directory:department_delete", pk=department.pk), {"confirm": "yes"})
    assert refused.status_code == 409
    assert Department.objects.filter(pk=department.pk).exists()


def test_department_numbers_and_names_are_unique_per_municipality(office, municipality):
    factories.DepartmentFactory(municipality=municipality, number="50", name="Sozialamt")
    same_number = office.post(
        url("directory:department_new"), {"number": "50", "name_de": "Jugendamt", "kind": "office"}
    )
    assert same_number.status_code == 400
    same_name = office.post(
        url("directory:department_new"), {"number": "51", "name_de": "Sozialamt", "kind": "office"}
    )
    assert same_name.status_code == 400
    assert "Diese Kommune hat schon ein Amt mit diesem Namen." in same_name.content.decode()
    assert Department.objects.filter(municipality=municipality).count() == 1
    added = office.post(
        url("directory:department_new"),
        {
            "number": "51",
            "name_de": "Jugendamt",
            "kind": "office",
            "contact_email": "j@example.org",
        },
    )
    assert added.status_code == 302
    assert Department.objects.filter(municipality=municipality).count() == 2


def test_the_office_edits_the_municipality_profile_but_not_its_address(office, municipality):
    response = office.post(
        url("tenants:profile"),
        {
            "name": "Dresden",
            "office_name": "Integrations- und Ausländerbeauftragte",
            "introduction_de": "Willkommen beim Integrationskonzept.",
            "slug": "anderswo",
            "is_active": "",
        },
    )
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.introduction["de"] == "Willkommen beim Integrationskonzept."
    assert municipality.slug == "dresden"
    assert municipality.is_active
    home = office.get(reverse("web:municipality", kwargs={"municipality": "dresden"}))
    assert "Willkommen beim Integrationskonzept." in home.content.decode()


def test_an_empty_municipality_name_is_refused(office, municipality):
    response = office.post(url("tenants:profile"), {"name": ""})
    assert response.status_code == 400
    municipality.refresh_from_db()
    assert municipality.name == "Dresden"


PAGES = [
    ("events:venue_list", {}),
    ("events:venue_new", {}),
    ("events:series_list", {}),
    ("events:audience_list", {}),
    ("directory:department_list", {}),
    ("directory:department_new", {}),
    ("tenants:profile", {}),
]


@pytest.mark.parametrize(
    "kind",
    [Role.Kind.DEPARTMENT_EDITOR, Role.Kind.MODERATOR, Role.Kind.ORGANISATION_REPRESENTATIVE],
)
def test_only_the_office_keeps_reference_data(client, municipality, kind):
    client.force_login(make_user_with_role(municipality, kind))
    for name, kwargs in PAGES:
        assert client.get(url(name, **kwargs)).status_code == 403, name
    assert client.post(url("events:venue_new"), VENUE).status_code == 403
    assert Venue.objects.count() == 0


def test_another_municipality_s_office_can_neither_read_nor_change_dresden_s(
    client, municipality, other_municipality
):
    venue = VenueFactory(municipality=municipality, name="Dresdner Saal")
    department = factories.DepartmentFactory(municipality=municipality, name="Sozialamt")
    client.force_login(make_user_with_role(other_municipality, Role.Kind.OFFICE_ADMIN))
    # Under Dresden's address: refused.
    for name, kwargs in PAGES:
        assert client.get(url(name, **kwargs)).status_code == 403, name
    assert client.post(url("tenants:profile"), {"name": "Übernommen"}).status_code == 403
    # Under its own address with Dresden's ids: not found, nothing changed.
    own = "leipzig"
    assert client.get(url("events:venue_edit", own, pk=venue.pk)).status_code == 404
    assert client.post(url("events:venue_edit", own, pk=venue.pk), VENUE).status_code == 404
    delete = url("events:venue_delete", own, pk=venue.pk)
    assert client.post(delete, {"confirm": "yes"}).status_code == 404
    delete = url("directory:department_delete", own, pk=department.pk)
    assert client.post(delete, {"confirm": "yes"}).status_code == 404
    assert "Dresdner Saal" not in client.get(url("events:venue_list", own)).content.decode()
    venue.refresh_from_db()
    assert venue.name == "Dresdner Saal"
    assert Department.objects.filter(pk=department.pk).exists()
    assert Municipality.objects.get(slug="dresden").name == "Dresden"


def test_the_workspace_links_every_kind_of_reference_data(office):
    page = office.get(reverse("workspace:home")).content.decode()
    for name in (
        "tenants:profile",
        "directory:department_list",
        "events:venue_list",
        "events:series_list",
        "events:audience_list",
    ):
        assert f'href="{url(name)}"' in page, name


@pytest.mark.django_db(transaction=True)
def test_two_series_of_one_short_name_at_once_make_one_series_and_one_form_error(
    live_server, municipality, monkeypatch
):
    """Both forms pass their check before either is saved (each save waits a moment):
    the constraint refuses the second, which shows the form's error (not a 500)."""
    import time

    from tests.simultaneous import staff_post_at_once

    save = EventSeries.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.3)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(EventSeries, "save", slow_save)
    results = staff_post_at_once(
        live_server.url,
        make_user_with_role(municipality, Role.Kind.OFFICE_ADMIN),
        url("events:series_new"),
        lambda number: {"title_de": f"Werkstätten {number}", "slug": "werkstaetten"},
    )
    assert sorted(status for status, _page in results) == [302, 400]
    refused = next(page for status, page in results if status == 400)
    assert 'id="form-errors"' in refused
    assert EventSeries.objects.filter(slug="werkstaetten").count() == 1
