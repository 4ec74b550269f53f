"""The API's bodies: exactly what the body's public page shows (its members, a person's
name only with consent, its public meetings with agenda and minutes), never an
internal body or meeting, an e-mail address or who attended; whoever asks."""

from datetime import date

import pytest

from teilhabe.api import services as tokens
from teilhabe.bodies import services
from teilhabe.bodies.models import Body
from tests.bodies import conftest as bodies
from tests.bodies.factories import BodyFactory, MeetingFactory, join
from tests.plan.factories import ConceptCycleFactory

pytestmark = pytest.mark.django_db

# The bodies' tests' world: FAG 1 with a member of every kind, a public and an internal
# meeting (tests/bodies/conftest.py).
world = bodies.world
SECRET = bodies.SECRET
url = bodies.url

API = "/api/v1/dresden"


def get(client, address, **params):
    response = client.get(address, params)
    assert response.status_code == 200, (address, response.content)
    return response.json()


@pytest.fixture
def attended(world):
    """Who came to the public meeting: recorded, never public."""
    world.public.attendees.add(world.memberships.private_person, world.memberships.chair)
    return world


def named(members):
    return [(m["kind"], m["name"], m["role"]) for m in members["named"]]


def test_a_body_as_its_public_page_shows_it(client, attended):
    world = attended
    body = get(client, f"{API}/bodies/fag-1")
    assert named(body["current_members"]) == [
        ("organisation", "Ausländerrat Dresden e. V.", "chair"),
        ("department", "50 – Sozialamt", "deputy"),
        ("person", "Anna Offen", "guest"),
    ]
    chair, social, _person = body["current_members"]["named"]
    assert chair["organisation"] == "auslaenderrat" and social["department"] == world.social.pk
    # The unpublished organisation and the person without consent: counted, in the
    # page's words.
    current = body["current_members"]
    assert (current["unnamed_organisations"], current["unnamed_persons"]) == (1, 1)
    assert [words["en"] for words in current["unnamed"]] == ["1 further organisation", "1 person"]
    assert [words["de"] for words in current["unnamed"]] == ["1 weitere Organisation", "1 Person"]
    assert named(body["former_members"]) == [("organisation", "Früherer Verein e. V.", "member")]
    assert body["members"] == 5 and body["managed_by"]["number"] == "41"
    (meeting,) = body["meetings"]
    assert meeting["id"] == world.public.pk and meeting["agenda"] == ["Öffentlicher Bericht"]
    (minutes,) = meeting["minutes"]
    assert client.get(minutes["url"]).status_code == 200
    assert get(client, f"{API}/bodies/fag-1/meetings/{world.public.pk}") == meeting

    # The page names the same members.
    page = client.get(url("body", world.body)).content.decode()
    for _kind, name, _role in named(current) + named(body["former_members"]):
        assert name in page
    assert "1 further organisation" in page and "1 person" in page

    text = client.get(f"{API}/bodies/fag-1").content.decode()
    for hidden in ("Bert Verborgen", "bert.privat@example.org", "Unsichtbarer Verein", SECRET):
        assert hidden not in text
    assert "attend" not in text


def test_a_cancelled_meeting_says_so_and_why(client, world):
    meeting = f"{API}/bodies/fag-1/meetings/{world.public.pk}"
    assert get(client, meeting)["cancelled_at"] is None
    services.cancel_meeting(world.public, reason="Der Saal ist belegt.")
    cancelled = get(client, meeting)
    assert cancelled["cancelled_at"] is not None
    assert cancelled["cancellation_reason"] == "Der Saal ist belegt."
    assert get(client, f"{API}/bodies/fag-1")["meetings"] == [cancelled]


def test_the_words_for_counted_members_in_the_asked_language(client, world):
    response = client.get(f"{API}/bodies/fag-1", headers={"Accept-Language": "en"})
    assert response.json()["current_members"]["unnamed"] == [
        {"en": "1 further organisation"},
        {"en": "1 person"},
    ]


def test_the_list_of_bodies_and_its_filters(client, world):
    cycle = ConceptCycleFactory(municipality=world.municipality, slug="ik-2021")
    world.body.cycles.add(cycle)
    ended = BodyFactory(
        municipality=world.municipality,
        slug="fag-alt",
        kind=Body.Kind.COORDINATION_GROUP,
        starts_on=date(2009, 7, 1),
        ends_on=date(2013, 5, 31),
    )
    join(ended, world.chair, starts_on=date(2009, 7, 1), ends_on=date(2013, 5, 31))
    BodyFactory(municipality=world.municipality, slug="intern", is_public=False)

    def slugs(**filters):
        return [b["slug"] for b in get(client, f"{API}/bodies", **filters)["items"]]

    listed = get(client, f"{API}/bodies")["items"]
    # By kind (as the page lists them), then the newest first.
    assert [(b["slug"], b["members"]) for b in listed] == [("fag-alt", 0), ("fag-1", 5)]
    assert slugs(kind="coordination_group") == ["fag-alt"]
    assert slugs(kind="advisory_council") == []
    assert slugs(cycle="ik-2021") == ["fag-1"]
    assert slugs(cycle="ik-2099") == []
    assert slugs(active="true") == ["fag-1"]
    assert slugs(active="false") == ["fag-alt"]
    assert get(client, f"{API}/bodies", limit=1, offset=1)["items"][0]["slug"] == "fag-1"
    assert client.get(f"{API}/bodies", {"kind": "gremium"}).status_code == 422


def test_internal_bodies_and_meetings_are_not_found(client, world, other_municipality):
    """For the public, for another municipality's staff, and for the office too: the
    API is the public page."""
    internal = BodyFactory(municipality=world.municipality, slug="intern", is_public=False)
    internal_public_meeting = MeetingFactory(body=internal, is_public=True)
    elsewhere = MeetingFactory(
        body=BodyFactory(municipality=world.municipality, slug="andere"), is_public=True
    )
    hidden = [
        f"{API}/bodies/intern",
        f"{API}/bodies/intern/meetings/{internal_public_meeting.pk}",
        f"{API}/bodies/fag-1/meetings/{world.internal.pk}",
        # A public meeting, but of another body.
        f"{API}/bodies/fag-1/meetings/{elsewhere.pk}",
        # Dresden's body under another municipality's address.
        f"/api/v1/{other_municipality.slug}/bodies/fag-1",
    ]
    for user in (None, world.foreign_office, world.office, world.member_account):
        if user is not None:
            client.force_login(user)
        for address in hidden:
            response = client.get(address)
            assert response.status_code == 404, (user, address)
            assert response.json() == {"detail": "Not found."}
        assert SECRET not in client.get(f"{API}/bodies/fag-1").content.decode(), user
        assert "intern" not in str(get(client, f"{API}/bodies")["items"]), user
    client.logout()

    # Another municipality's office with its own token: the reads are public, the token
    # changes nothing.
    _token, clear = tokens.create_token(
        user=world.foreign_office, municipality=other_municipality, name="Leipzig"
    )
    for address in hidden[:3]:
        response = client.get(address, headers={"Authorization": f"Bearer {clear}"})
        assert response.status_code == 404, address


def test_a_person_who_consents_later_is_named(client, world):
    person = world.memberships.private_person.person
    person.name_is_public = True
    person.save()
    body = get(client, f"{API}/bodies/fag-1")
    assert "Bert Verborgen" in [m["name"] for m in body["current_members"]["named"]]
    assert body["current_members"]["unnamed_persons"] == 0
    assert "bert.privat@example.org" not in str(body)
