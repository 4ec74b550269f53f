"""Internal meetings and their minutes never leak: not on a public page (body, list,
organisation, departments, municipality), not from the application's page cache after
a member saw them, not in the API, the event feed or a calendar without the right key.
Each test also shows that what is public does appear, so it fails if the page shows
nothing at all."""

from datetime import date

import pytest
from django.urls import reverse

from teilhabe.bodies import services
from tests.bodies.conftest import SECRET, url
from tests.web.conftest import fragment_cache  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def anonymous_pages(world):
    municipality = world.municipality.slug
    return [
        url("list", municipality=municipality),
        url("body", world.body),
        url("body", world.body, language="de"),
        url("meeting", world.body, pk=world.public.pk),
        f"/en/{municipality}/verzeichnis/organisationen/{world.chair.slug}/",
        f"/en/{municipality}/verzeichnis/aemter/",
        f"/en/{municipality}/",
    ]


def test_no_public_page_shows_an_internal_meeting(client, world):
    pages = {address: client.get(address) for address in anonymous_pages(world)}
    for address, response in pages.items():
        assert response.status_code == 200, address
        assert SECRET not in response.content.decode(), address
    body = pages[url("body", world.body)].content.decode()
    assert f'href="{url("meeting", world.body, pk=world.public.pk)}"' in body
    assert f'href="{url("meeting", world.body, pk=world.internal.pk)}"' not in body
    meeting = pages[url("meeting", world.body, pk=world.public.pk)].content.decode()
    assert "Öffentlicher Bericht" in meeting
    assert 'id="attendance"' not in meeting  # attendance is never public


def test_an_internal_meeting_and_its_minutes_are_not_found(client, world):
    internal = url("meeting", world.body, pk=world.internal.pk)
    minutes = url("minutes", world.body, pk=world.internal.pk, file=world.minutes.pk)
    public_minutes = url("minutes", world.body, pk=world.public.pk, file=world.public_minutes.pk)
    # Another meeting's file under a public meeting's address is not found either.
    smuggled = url("minutes", world.body, pk=world.public.pk, file=world.minutes.pk)
    for user in (None, world.outsider, world.moderator, world.foreign_office):
        if user is not None:
            client.force_login(user)
        for address in (internal, minutes, smuggled):
            assert client.get(address).status_code == 404, (user, address)
        assert client.get(public_minutes).status_code == 200
    client.force_login(world.member_account)
    assert SECRET in client.get(internal).content.decode()
    assert client.get(minutes).status_code == 200


@pytest.mark.usefixtures("fragment_cache")
def test_a_member_seeing_the_page_leaves_nothing_for_the_next_visitor(client, world):
    """The application keeps anonymous public pages (teilhabe.web.caching); a member's
    page is never kept, and the stored anonymous page never shows the member's view."""
    address = url("body", world.body)
    client.force_login(world.representative)
    member_view = client.get(address)
    assert SECRET in member_view.content.decode()
    assert "no-cache" in member_view["Cache-Control"]
    client.logout()
    for _ in range(2):  # rendered, then answered from the page cache
        response = client.get(address)
        assert response.status_code == 200 and "public" in response["Cache-Control"]
        assert SECRET not in response.content.decode()


def test_nothing_internal_in_the_api_or_the_events_feed(client, world):
    municipality = world.municipality.slug
    addresses = [
        "/api/v1/municipalities",
        f"/api/v1/{municipality}/departments",
        f"/api/v1/{municipality}/organisations",
        f"/api/v1/{municipality}/organisations/{world.chair.slug}",
        f"/api/v1/{municipality}/events",
        f"/api/v1/{municipality}/cycles",
        f"/api/v1/{municipality}/bodies",
        f"/api/v1/{municipality}/bodies/{world.body.slug}",
        f"/api/v1/{municipality}/bodies/{world.body.slug}/meetings/{world.public.pk}",
        "/api/v1/openapi.json",
        reverse("events:feed", kwargs={"municipality": municipality}),
    ]
    internal = f"/api/v1/{municipality}/bodies/{world.body.slug}/meetings/{world.internal.pk}"
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        assert SECRET not in response.content.decode(), address
    assert client.get(internal).status_code == 404
    # The public meeting is there, with its agenda: the API shows what is public.
    assert client.get(addresses[-3]).json()["agenda"] == ["Öffentlicher Bericht"]
    # Whoever asks: the office, a member, another municipality's office.
    for user in (world.office, world.member_account, world.foreign_office):
        client.force_login(user)
        for address in addresses:
            assert SECRET not in client.get(address).content.decode(), (user, address)
        assert client.get(internal).status_code == 404, user


def test_the_members_calendar_needs_a_login_or_the_members_key(client, world):
    calendar = url("meetings_ics", world.body)
    assert client.get(calendar).status_code == 404
    client.force_login(world.outsider)
    assert client.get(calendar).status_code == 404
    client.force_login(world.member_editor)
    content = client.get(calendar).content.decode()
    assert SECRET in content and "BEGIN:VCALENDAR" in content
    client.logout()

    key = services.calendar_key(world.representative, world.municipality)
    private = url("private_ics", world.body, key=key.key)
    response = client.get(private)
    assert response.status_code == 200 and SECRET in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    for wrong in (key.key[:-1] + ("A" if key.key[-1] != "A" else "B"), "x"):
        assert client.get(url("private_ics", world.body, key=wrong)).status_code == 404
    # Another municipality's address with the right key finds nothing.
    assert client.get(private.replace("/dresden/", "/leipzig/")).status_code == 404
    # A new key makes the old address worthless.
    renewed = services.calendar_key(world.representative, world.municipality, renew=True)
    assert client.get(private).status_code == 404
    assert client.get(url("private_ics", world.body, key=renewed.key)).status_code == 200
    # A member who left no longer gets the meetings, whatever key they hold.
    membership = world.memberships.chair
    membership.ends_on = date(2022, 12, 31)
    membership.save()
    assert client.get(url("private_ics", world.body, key=renewed.key)).status_code == 404


def test_the_calendar_page_shows_the_members_addresses(client, world):
    address = url("calendar", municipality="dresden")
    client.force_login(world.representative)
    page = client.get(address)
    key = services.calendar_key(world.representative, world.municipality)
    assert url("private_ics", world.body, language="de", key=key.key) in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    client.post(address)
    assert services.calendar_key(world.representative, world.municipality).key != key.key
    client.force_login(world.outsider)
    assert "FAG 1" not in client.get(address).content.decode()
