"""The pages of bodies: what the public, the members and the staff see; who may open the
staff pages (role by role, and another municipality's office); fixed query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.bodies.models import Membership
from tests import factories
from tests.bodies.conftest import SECRET, url
from tests.bodies.factories import BodyFactory, MeetingFactory, PersonFactory, join

pytestmark = pytest.mark.django_db


def page(client, address, user=None, status=200):
    if user is not None:
        client.force_login(user)
    response = client.get(address)
    assert response.status_code == status, (address, response.status_code)
    return response.content.decode() if status == 200 else response


def test_the_public_sees_the_members_by_name_only_where_they_may_be_named(client, world):
    html = page(client, url("body", world.body))
    assert "Economy and work" in html and "FAG 1" in html
    current = html[
        html.index('id="current-members"') : html.index("</ul>", html.index('id="current-members"'))
    ]
    assert 'href="/en/dresden/verzeichnis/organisationen/auslaenderrat/"' in current
    assert "Ausländerrat Dresden e. V.</bdi></a> – Chair" in current
    assert "50 – Sozialamt</bdi> – Deputy chair" in current
    assert "Anna Offen</bdi> – Guest" in current
    # Without consent: counted, never named; an unpublished organisation likewise.
    assert "Bert Verborgen" not in html and "bert.privat@example.org" not in html
    assert "1 person" in current and "1 further organisation" in current
    assert "Unsichtbarer Verein" not in html
    former = html[html.index('id="former-members"') :]
    assert "Früherer Verein e. V." in former and "Früherer Verein e. V." not in current


def test_staff_and_members_see_every_name_but_no_address(client, world):
    for user in (world.office, world.representative, world.member_account):
        html = page(client, url("body", world.body), user)
        assert "Bert Verborgen" in html and "Unsichtbarer Verein" in html
        assert "bert.privat@example.org" not in html and "1 person" not in html


def test_an_internal_body_is_for_staff_and_members_only(client, world):
    world.body.is_public = False
    world.body.save()
    address = url("body", world.body)
    for user in (None, world.outsider, world.moderator, world.foreign_office):
        client.logout()
        page(client, address, user, status=404)
    for user in (
        world.office,
        world.editor,
        world.member_editor,
        world.representative,
        world.member_account,
    ):
        assert "internal: seen by the office and the members only" in page(client, address, user)
    client.logout()
    assert "FAG 1" not in page(client, url("list", municipality="dresden"))
    assert "FAG 1" in page(client, url("list", municipality="dresden"), world.office)


def test_a_member_who_left_no_longer_sees_the_internal_side(client, world):
    from datetime import date

    membership = world.memberships.chair
    membership.ends_on = date(2022, 12, 31)
    membership.save()
    html = page(client, url("body", world.body), world.representative)
    assert "Bert Verborgen" not in html and SECRET not in html
    page(client, url("meeting", world.body, pk=world.internal.pk), status=404)


def test_the_list_counts_current_members(client, world):
    html = page(client, url("list", municipality="dresden"))
    assert "FAG 1" in html and "5 members" in html  # the former one is not counted
    assert 'id="create-body"' not in html
    assert 'id="create-body"' in page(client, url("list", municipality="dresden"), world.office)


def test_the_organisations_and_departments_pages_name_their_bodies(client, world):
    internal = BodyFactory(
        municipality=world.municipality, slug="intern", name="Interner Kreis", is_public=False
    )
    join(internal, world.chair)
    join(internal, world.social)
    with_language = "/en/dresden/verzeichnis/"
    organisation = page(client, f"{with_language}organisationen/auslaenderrat/")
    bodies = organisation[organisation.index('id="member-of-bodies"') :]
    assert 'href="/en/dresden/gremien/fag-1/"' in bodies and "Chair" in bodies
    assert "Interner Kreis" not in organisation
    assert "Interner Kreis" in page(
        client, f"{with_language}organisationen/auslaenderrat/", world.representative
    )
    client.logout()
    departments = page(client, f"{with_language}aemter/")
    assert (
        'href="/en/dresden/gremien/fag-1/"' in departments and "Interner Kreis" not in departments
    )
    assert "Interner Kreis" in page(client, f"{with_language}aemter/", world.office)


def test_the_body_page_links_every_staff_task_for_those_who_may_do_it(client, world):
    links = [url(name, world.body) for name in ("edit", "members", "meeting_create")]
    for user in (world.office, world.editor):
        html = page(client, url("body", world.body), user)
        assert all(f'href="{link}"' in html for link in links)
        meeting = page(client, url("meeting", world.body, pk=world.internal.pk), user)
        for name in ("meeting_edit", "meeting_manage"):
            assert f'href="{url(name, world.body, pk=world.internal.pk)}"' in meeting
    html = page(client, url("body", world.body), world.representative)
    assert not any(link in html for link in links)


STAFF_PAGES = [
    "edit",
    "members",
    "membership_edit",
    "meeting_create",
    "meeting_edit",
    "meeting_manage",
]


def staff_address(world, name):
    kwargs = {}
    if name == "membership_edit":
        kwargs["pk"] = world.memberships.chair.pk
    elif name.startswith("meeting_") and name != "meeting_create":
        kwargs["pk"] = world.internal.pk
    return url(name, world.body, **kwargs)


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_role_by_role(client, world, name):
    address = staff_address(world, name)
    response = client.get(address)
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    for user in (world.office, world.editor):
        client.force_login(user)
        assert client.get(address).status_code == 200
    for user in (
        world.member_editor,
        world.representative,
        world.outsider,
        world.moderator,
        world.member_account,
    ):
        client.force_login(user)
        assert client.get(address).status_code == 403, user
    # Another municipality's office: no permission here, and its own address for the
    # body finds nothing.
    client.force_login(world.foreign_office)
    assert client.get(address).status_code == 403
    assert client.get(address.replace("/dresden/", "/leipzig/")).status_code == 404


def test_only_the_office_creates_bodies(client, world):
    address = url("create", municipality="dresden")
    for user, status in ((world.office, 200), (world.editor, 403), (world.foreign_office, 403)):
        client.force_login(user)
        assert client.get(address).status_code == status


def test_the_workspace_lists_the_bodies(client, world):
    BodyFactory(municipality=world.municipality, slug="anderes", name="Anderer Kreis")
    office = page(client, reverse("workspace:home"), world.office)
    assert 'href="/dresden/gremien/fag-1/mitglieder/"' in office and "Anderer Kreis" in office
    assert 'id="workspace-create-body"' in office
    editor = page(client, reverse("workspace:home"), world.editor)
    assert (
        'href="/dresden/gremien/fag-1/sitzungen/neu/"' in editor and "Anderer Kreis" not in editor
    )


# --- Query counts -------------------------------------------------------------------------


def queries(client, address):
    client.get(address)  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def grow(world, n):
    municipality = world.municipality
    for i in range(n):
        join(world.body, factories.OrganisationFactory(municipality=municipality))
        join(world.body, PersonFactory(municipality=municipality, name_is_public=bool(i % 2)))
        join(
            world.body,
            factories.DepartmentFactory(municipality=municipality, number=str(900 + i)),
            role=Membership.Role.GUEST,
        )
        meeting = MeetingFactory(body=world.body, is_public=bool(i % 2))
        meeting.agenda.create(position=0, title="Punkt")
        BodyFactory(municipality=municipality)


@pytest.mark.parametrize("who", ["anonymous", "office", "representative"])
def test_the_body_page_and_list_run_a_fixed_number_of_queries(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    addresses = [url("body", world.body), url("list", municipality="dresden")]
    meeting = url("meeting", world.body, pk=world.public.pk)
    few = [queries(client, a) for a in [*addresses, meeting]]
    grow(world, 12)
    world.public.attendees.set(world.body.memberships.all())
    assert [queries(client, a) for a in [*addresses, meeting]] == few
