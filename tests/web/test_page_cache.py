"""The application's page cache (TEILHABE_PAGE_CACHE, teilhabe.web.caching): an
anonymous visitor's public page is rendered once per content version and then answered
before the session, language and authentication middleware and the view, from the
process's copies and one read of the content version (from the shared cache in another
process), byte for byte the same with the same ETag and headers; a committed change
renders it anew, a live page renders again after its seconds; logged-in users and
personal pages never get a stored page. The test settings switch the fragment cache
off (a test's transaction never commits); here it is on."""

import sys
import threading

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.accounts.models import Role
from teilhabe.web import caching
from teilhabe.web.caching import local_copies
from tests.conftest import make_user_with_role
from tests.events.factories import EventFactory
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
    assert len(rendering) > 1
    # The content version, nothing else: the memo and the page are this process's copies.
    assert len(stored) == 1
    assert "content-version" in stored[0]
    # The headers the inner middleware gave the page (kept with it), and those of the
    # middleware outside the page cache (added to each answer).
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Content-Language",
        "Last-Modified",
        "Content-Length",
        "X-Content-Type-Options",
        "Referrer-Policy",
    ):
        assert again[header] == first[header], header
    assert "Vary" not in again
    assert not again.cookies


def test_another_process_answers_from_the_shared_cache(client, plan):
    url = measure_url(plan)
    first, _ = get(client, url)
    local_copies.clear()  # as in another gunicorn worker
    again, stored = get(client, url)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert not any("plan_measure" in sql for sql in stored)
    assert len(stored) == 3  # the municipality, the content version with the memo, the page
    _third, stored = get(client, url)
    assert len(stored) == 1  # now this process's copies


def test_without_local_copies_the_page_comes_from_the_shared_cache(client, plan, settings):
    settings.TEILHABE_PAGE_CACHE_LOCAL_BYTES = 0
    url = measure_url(plan)
    first, _ = get(client, url)
    again, stored = get(client, url)
    assert again.content == first.content
    assert not any("plan_measure" in sql for sql in stored)
    assert len(stored) == 3  # the municipality, the content version with the memo, the page


def test_local_copies_keep_the_newest_pages_within_their_bytes(settings):
    settings.TEILHABE_PAGE_CACHE_LOCAL_BYTES = 250
    copies = caching.LocalCopies()
    for name in ("a", "b", "c"):
        copies.remember_page(name, {"headers": {}, "body": name.encode() * 100})
    assert list(copies.pages) == ["b", "c"]
    assert copies.page_bytes == 200
    copies.remember_page("huge", {"headers": {}, "body": b"x" * 251})
    assert "huge" not in copies.pages


def test_threads_storing_pages_at_once_keep_the_bytes_counted(settings):
    """gunicorn's thread workers share a process's copies: eight threads storing pages
    at once (switching threads as often as Python can) never evict from an empty list
    and leave the byte count equal to the pages kept."""
    settings.TEILHABE_PAGE_CACHE_LOCAL_BYTES = 1000
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    errors = []
    try:
        for _trial in range(5):
            copies = caching.LocalCopies()

            def store(thread, copies=copies):
                try:
                    for i in range(2000):
                        copies.remember_page(
                            f"{thread}-{i % 50}", {"headers": {}, "body": b"x" * 300}
                        )
                except Exception as error:  # noqa: BLE001 - collected for the assertion
                    errors.append(repr(error))

            threads = [threading.Thread(target=store, args=(n,)) for n in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert copies.page_bytes == sum(len(p["body"]) for p in copies.pages.values())
            assert copies.page_bytes <= 1000
    finally:
        sys.setswitchinterval(interval)
    assert errors == []


def test_a_live_page_renders_again_after_its_seconds(
    client, municipality, settings, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = EventFactory(municipality=municipality, title="Sprachcafé")
    url = event.get_absolute_url()
    get(client, url)
    _again, stored = get(client, url)
    assert not any("events_event" in sql for sql in stored)
    now = caching.time.time()
    later = now + settings.TEILHABE_CACHE_LIVE_SECONDS + 1
    monkeypatch.setattr(caching.time, "time", lambda: later)
    _later, rendering = get(client, url)
    assert any("events_event" in sql for sql in rendering)


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
    assert counts[0] == counts[1] == 1


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
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == first["ETag"]
    assert response["Cache-Control"] == first["Cache-Control"]
    assert len(captured) == 1  # the content version


def test_a_visitor_with_a_flash_message_gets_the_page_rendered_with_it(client, plan):
    """Django keeps an anonymous visitor's flash message in a cookie: that request is
    not the one every visitor makes, so neither the stored page nor a 304 answers it."""
    url = measure_url(plan)
    first, _ = get(client, url)
    storage = CookieStorage(HttpRequest())
    client.cookies[CookieStorage.cookie_name] = storage._encode(
        [Message(constants.SUCCESS, "Ihre Anmeldung ist storniert.")]
    )
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert "Ihre Anmeldung ist storniert." in response.content.decode()
    assert any("plan_measure" in q["sql"] for q in captured)
    assert "public" not in response["Cache-Control"]
