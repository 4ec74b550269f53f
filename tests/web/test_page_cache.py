"""The application's page cache (TEILHABE_PAGE_CACHE, teilhabe.web.caching): an
anonymous visitor's public page is rendered once per content version and then answered
from the fragment cache without running the view, byte for byte the same with the same
ETag; a committed change renders it anew; logged-in users and personal pages never get
a stored page. The test settings switch the fragment cache off (a test's transaction
never commits); here it is on."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.accounts.models import Role
from tests.conftest import make_user_with_role
from tests.plan.test_portal import build_plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


@pytest.fixture
def plan(municipality, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build_plan(municipality, "ik", 2, 2, 3, 2)


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return response, [q["sql"] for q in captured]


def measure_url(plan):
    return plan.measures.order_by("code").first().get_absolute_url()


def test_a_public_page_is_rendered_once_per_version(client, plan):
    url = measure_url(plan)
    first, rendering = get(client, url)
    again, stored = get(client, url)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]
    assert again["Content-Type"] == first["Content-Type"]
    assert not any("plan_measure" in sql for sql in stored)  # the view did not run
    assert len(stored) < len(rendering)
    assert len(stored) == 3  # the municipality, the versions with the memo, the page


def test_the_stored_page_takes_the_same_number_of_queries_for_a_larger_plan(
    client, municipality, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        small = build_plan(municipality, "klein", 1, 1, 1, 1)
        large = build_plan(municipality, "gross", 4, 3, 8, 4)
    counts = []
    for cycle in (small, large):
        url = measure_url(cycle)
        get(client, url)
        counts.append(len(get(client, url)[1]))
    assert counts[0] == counts[1] == 3


def test_a_committed_change_renders_the_page_anew(client, plan, django_capture_on_commit_callbacks):
    measure = plan.measures.order_by("code").first()
    url = measure.get_absolute_url()
    first, _ = get(client, url)
    get(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        measure.title = {"de": "Sprachkurse für Eltern im Stadtteil"}
        measure.save()
    changed, rendering = get(client, url)
    assert "Sprachkurse für Eltern im Stadtteil" in changed.content.decode()
    assert changed["ETag"] != first["ETag"]
    assert any("plan_measure" in sql for sql in rendering)


def test_a_logged_in_user_never_gets_the_stored_page(client, municipality, plan):
    url = measure_url(plan)
    get(client, url)
    anonymous, _ = get(client, url)
    my_area = f'href="{reverse("accounts:dashboard")}"'
    assert my_area not in anonymous.content.decode()
    client.force_login(make_user_with_role(municipality, Role.Kind.OFFICE_ADMIN))
    page, rendering = get(client, url)
    assert my_area in page.content.decode()
    assert any("plan_measure" in sql for sql in rendering)
    assert "public" not in page["Cache-Control"]


def test_off_every_request_renders(client, plan, settings):
    settings.TEILHABE_PAGE_CACHE = False
    url = measure_url(plan)
    get(client, url)
    _again, rendering = get(client, url)
    assert any("plan_measure" in sql for sql in rendering)


def test_a_conditional_request_still_gets_its_304(client, plan):
    url = measure_url(plan)
    first, _ = get(client, url)
    response = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response.content == b""
