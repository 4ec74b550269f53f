"""Every list of the API (and its details) runs the same number of queries for a
small and for a large municipality: rows come with select_related and prefetch_related,
never one query per row. The numbers are stated, so that a new query per request is
seen too."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.api import world
from tests.bodies.factories import MeetingFactory, MinutesFileFactory, PersonFactory, join
from tests.plan.factories import FieldOfActionFactory

API = "/api/v1/dresden"
C = f"{API}/cycles/ik-2021"

# address -> queries: the content version (teilhabe.web.caching), the municipality, the
# cycle, the count, the rows, one per prefetched relation
LISTS = {
    f"{API}/departments": 3,
    f"{API}/organisations": 7,
    f"{API}/organisations?updated_since=2000-01-01T00:00:00Z": 7,
    f"{API}/cycles": 3,
    f"{C}": 4,
    f"{C}/fields": 5,
    f"{C}/goals": 5,
    f"{C}/measures": 6,
    f"{C}/measures?status=in_progress&target_group=women&field=1": 6,
    f"{C}/reports": 5,
    f"{C}/indicators": 6,
    f"{C}/funding-lines": 6,
    f"{C}/needs": 5,
    f"{C}/demands": 10,
    f"{C}/demands?outcome=adopted&field=1": 10,
    f"{API}/events": 4,
    f"{API}/events?when=past&cycle=ik-2021": 4,
    f"{API}/consultations": 7,
    f"{API}/bodies": 4,
    f"{API}/bodies?kind=expert_group&cycle=ik-2021&active=true": 4,
}


def count_queries(client, url):
    url += ("&" if "?" in url else "?") + "limit=100"
    client.get(url)  # warm caches (translations, the content version)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content)
    return len(queries)


@pytest.fixture
def small_and_large(municipality):
    world.build(municipality, n=1)

    def grow():
        world.build(municipality, n=6)

    return grow


def test_lists_run_a_fixed_number_of_queries(client, small_and_large):
    small = {url: count_queries(client, url) for url in LISTS}
    small_and_large()
    large = {url: count_queries(client, url) for url in LISTS}
    assert small == large == LISTS


def test_details_run_a_fixed_number_of_queries(client, small_and_large):
    def details():
        measures = client.get(f"{C}/measures?limit=100").json()["items"]
        events = client.get(f"{API}/events?limit=100").json()["items"]
        consultation = client.get(f"{API}/consultations").json()["items"][0]["slug"]
        demands = client.get(f"{C}/demands?outcome=adopted&limit=100").json()["items"]
        body = client.get(f"{API}/bodies?limit=100").json()["items"][-1]["slug"]
        meeting = client.get(f"{API}/bodies/{body}").json()["meetings"][0]["id"]
        return {
            "measure": count_queries(client, f"{C}/measures/{measures[-1]['code']}"),
            "event": count_queries(client, f"{API}/events/{events[-1]['slug']}"),
            "consultation": count_queries(client, f"{API}/consultations/{consultation}"),
            "demand": count_queries(client, f"{C}/demands/{demands[-1]['number']}"),
            "body": count_queries(client, f"{API}/bodies/{body}"),
            "meeting": count_queries(client, f"{API}/bodies/{body}/meetings/{meeting}"),
        }

    small = details()
    small_and_large()
    # A body: the body, its members, meetings, their minutes and agenda, its fields and
    # cycles (teilhabe.bodies.selectors.body_page); a meeting: the meeting, its agenda,
    # minutes and attendance (selectors.visible_meeting, which the page shares; the API
    # never shows the attendance).
    assert (
        small
        == details()
        == {
            **{"measure": 9, "event": 6, "consultation": 6, "demand": 9},
            **{"body": 9, "meeting": 7},
        }
    )


def test_bodies_run_a_fixed_number_of_queries(client, municipality):
    """The same for 2 bodies and for 20, and for a body whose members and meetings grew."""
    cycle = world.cycle_of(municipality)
    field = FieldOfActionFactory(cycle=cycle, number=1)
    department = factories.DepartmentFactory(municipality=municipality)
    partner = factories.OrganisationFactory(municipality=municipality)
    hidden = factories.OrganisationFactory(municipality=municipality, is_published=False)

    def add(n):
        return [
            world.add_body(municipality, cycle, field, department, partner, hidden)
            for _ in range(n)
        ]

    body = add(2)[0]
    meeting = body.meetings.filter(is_public=True).get()
    addresses = {
        "list": f"{API}/bodies",
        "deep page": f"{API}/bodies?offset=1",
        "filtered": f"{API}/bodies?kind=expert_group&cycle=ik-2021&active=true",
        "body": f"{API}/bodies/{body.slug}",
        "meeting": f"{API}/bodies/{body.slug}/meetings/{meeting.pk}",
    }
    few = {name: count_queries(client, address) for name, address in addresses.items()}
    add(18)
    for i in range(10):
        join(body, factories.OrganisationFactory(municipality=municipality))
        join(body, PersonFactory(municipality=municipality, name_is_public=bool(i % 2)))
        more = MeetingFactory(body=body, is_public=True)
        more.agenda.create(position=0, title="Bericht")
        MinutesFileFactory(meeting=more)
        meeting.agenda.create(position=i + 1, title=f"Punkt {i}")
        meeting.attendees.add(*body.memberships.all())
    assert client.get(f"{API}/bodies").json()["count"] == 20
    many = {name: count_queries(client, address) for name, address in addresses.items()}
    assert few == many == {"list": 4, "deep page": 4, "filtered": 4, "body": 9, "meeting": 7}
