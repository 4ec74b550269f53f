"""Every list of the API (and its details) runs the same number of queries for a
small and for a large municipality: rows come with select_related and prefetch_related,
never one query per row. The numbers are stated, so that a new query per request is
seen too."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api import world

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
        return {
            "measure": count_queries(client, f"{C}/measures/{measures[-1]['code']}"),
            "event": count_queries(client, f"{API}/events/{events[-1]['slug']}"),
            "consultation": count_queries(client, f"{API}/consultations/{consultation}"),
            "demand": count_queries(client, f"{C}/demands/{demands[-1]['number']}"),
        }

    small = details()
    small_and_large()
    assert small == details() == {"measure": 9, "event": 6, "consultation": 6, "demand": 9}
