"""The shipped reverse proxy (deploy/nginx.conf), the real nginx in front of the test's
live server: public pages come from its cache, changes show within the promised time,
nothing personal is stored, a logged-in user never gets the anonymous copy (and no one
gets theirs), POSTs pass through, static files come from disk. SQLite and PostgreSQL."""

import threading
import time

import pytest
import requests
from django.core.signals import request_started
from django.test import Client

from deploy.nginx import running_nginx
from teilhabe.accounts.models import Role
from teilhabe.events import services
from teilhabe.events.models import Registration
from tests import factories
from tests.events.factories import EventFactory, RegistrationFactory
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

DEADLINE = 60  # seconds: generous, for a loaded machine; the promise is checked below


class AppRequests:
    """Counts the requests that reach the app (the live server runs in this process)."""

    def __init__(self):
        self.paths = []
        self.lock = threading.Lock()

    def __call__(self, sender, environ=None, **kwargs):
        with self.lock:
            self.paths.append(environ.get("PATH_INFO", "") if environ else "")

    def to(self, path):
        with self.lock:
            return self.paths.count(path)


@pytest.fixture
def app_requests():
    counter = AppRequests()
    request_started.connect(counter, dispatch_uid="test-proxy-counter")
    yield counter
    request_started.disconnect(dispatch_uid="test-proxy-counter")


@pytest.fixture
def proxy(live_server, tmp_path):
    static = tmp_path / "static"
    (static / "teilhabe").mkdir(parents=True)
    (static / "teilhabe" / "probe.css").write_text("body { color: black; }\n")
    upstream = int(live_server.url.rsplit(":", 1)[1])
    with running_nginx(upstream, static) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture
def plan(municipality):
    cycle = ConceptCycleFactory(municipality=municipality, slug="ik-2021")
    field = FieldOfActionFactory(cycle=cycle, number=1, slug="feld-1")
    goal = GoalFactory(field=field, code="1.1")
    measure = MeasureFactory(goal=goal, code="1.1.1", title="Sprachcafé im Stadtteil")
    return measure


def get(url, **kwargs):
    return requests.get(url, timeout=30, allow_redirects=False, **kwargs)


def cache_status(response):
    return response.headers.get("X-Cache-Status")


def logged_in_cookie(user):
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value}


def poll(fetch, until):
    """Fetch until ``until(response)`` or the deadline; returns the last response."""
    deadline = time.monotonic() + DEADLINE
    while True:
        response = fetch()
        if until(response) or time.monotonic() > deadline:
            return response
        time.sleep(0.2)


MEASURE = "/dresden/plan/ik-2021/massnahmen/1.1.1/"


def test_a_public_page_is_served_from_the_cache(proxy, plan, app_requests):
    first = get(proxy + MEASURE)
    assert first.status_code == 200
    assert cache_status(first) == "MISS"
    assert "Sprachcafé im Stadtteil" in first.text
    second = get(proxy + MEASURE)
    assert cache_status(second) == "HIT"
    assert second.content == first.content
    # A conditional request is answered by nginx from its copy.
    again = get(proxy + MEASURE, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert app_requests.to(MEASURE) == 1


def test_another_language_or_host_is_another_copy(proxy, plan, app_requests):
    german = get(proxy + MEASURE)
    english = get(proxy + "/en" + MEASURE)
    assert cache_status(german) == cache_status(english) == "MISS"
    assert english.headers["Content-Language"] == "en"
    other_host = get(proxy + MEASURE, headers={"Host": "localhost"})
    assert cache_status(other_host) == "MISS"


def test_a_change_shows_within_the_promised_time(proxy, plan, settings, app_requests):
    settings.TEILHABE_CACHE_S_MAXAGE = 2
    first = get(proxy + MEASURE)
    assert "Sprachcafé im Stadtteil" in first.text
    assert first.headers["Cache-Control"] == "public, max-age=60, s-maxage=2"
    assert cache_status(get(proxy + MEASURE)) == "HIT"

    # Unchanged: after s-maxage nginx asks again with the ETag and the app says 304.
    revalidated = poll(lambda: get(proxy + MEASURE), lambda r: cache_status(r) == "REVALIDATED")
    assert cache_status(revalidated) == "REVALIDATED"
    assert revalidated.content == first.content

    plan.title = "Sprachcafé im ganzen Stadtgebiet"
    plan.save()
    changed_at = time.monotonic()
    changed = poll(lambda: get(proxy + MEASURE), lambda r: "im ganzen Stadtgebiet" in r.text)
    assert "im ganzen Stadtgebiet" in changed.text
    assert cache_status(changed) in {"EXPIRED", "MISS"}
    # The cached copy was at most s-maxage old (plus this loaded machine's slack).
    assert time.monotonic() - changed_at < DEADLINE


def test_seats_left_on_an_event_page_are_at_most_30_seconds_old_in_the_proxy(
    proxy, municipality, settings
):
    event = EventFactory(municipality=municipality, slug="werkstatt", capacity=5)
    page = "/dresden/veranstaltungen/werkstatt/"
    first = get(proxy + page)
    assert first.headers["Cache-Control"] == "public, max-age=30, s-maxage=30"
    assert "5 Plätze frei" in first.text
    settings.TEILHABE_CACHE_LIVE_SECONDS = 1  # the promise's mechanism, faster
    get(proxy + page + "?neu")  # (a new copy under the short time)
    RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    fresh = poll(lambda: get(proxy + page + "?neu"), lambda r: "4 Plätze frei" in r.text)
    assert "4 Plätze frei" in fresh.text


def test_pages_with_forms_cookies_or_personal_links_are_never_stored(
    proxy, municipality, app_requests
):
    event = EventFactory(municipality=municipality, slug="werkstatt")
    registration = RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    token = services.personal_token(registration)
    register = "/dresden/veranstaltungen/werkstatt/anmelden/"
    personal = f"/dresden/veranstaltungen/anmeldung/{token}/"
    login = "/konto/anmelden/"
    for path in (register, personal, login):
        responses = [get(proxy + path) for _ in range(2)]
        assert [r.status_code for r in responses] == [200, 200], path
        assert all(cache_status(r) != "HIT" for r in responses), path
        assert "public" not in responses[0].headers["Cache-Control"], path
        assert app_requests.to(path) == 2, path
    assert "no-store" in get(proxy + personal).headers["Cache-Control"]


def test_a_response_with_a_cookie_is_never_stored(proxy, plan, app_requests):
    # A flash message in its cookie: the page shows it once and deletes the cookie.
    responses = [get(proxy + MEASURE, cookies={"messages": "x"}) for _ in range(2)]
    assert all(cache_status(r) == "BYPASS" for r in responses)
    assert cache_status(get(proxy + MEASURE)) == "MISS"  # nothing stored by the above
    assert app_requests.to(MEASURE) == 3


def test_a_logged_in_user_never_gets_the_anonymous_copy_and_vice_versa(
    proxy, plan, municipality, app_requests
):
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    cookie = logged_in_cookie(office)
    anonymous = get(proxy + MEASURE)
    assert cache_status(get(proxy + MEASURE)) == "HIT"
    assert "Mein Bereich" not in anonymous.text

    mine = get(proxy + MEASURE, cookies=cookie)
    assert cache_status(mine) == "BYPASS"
    assert "Mein Bereich" in mine.text
    assert mine.headers["Cache-Control"] == "private, no-cache"

    # The logged-in page was not stored: the anonymous visitor still gets theirs.
    after = get(proxy + MEASURE)
    assert cache_status(after) == "HIT"
    assert "Mein Bereich" not in after.text
    assert after.content == anonymous.content
    assert app_requests.to(MEASURE) == 2


def test_posts_pass_through(proxy, plan, app_requests):
    assert cache_status(get(proxy + MEASURE)) == "MISS"
    for _ in range(2):
        posted = requests.post(proxy + MEASURE, data={"x": "1"}, timeout=30)
        assert posted.status_code == 403  # no CSRF token: the app itself answered
        assert cache_status(posted) != "HIT"
    assert cache_status(get(proxy + MEASURE)) == "HIT"
    assert app_requests.to(MEASURE) == 3


def test_htmx_parts_of_a_page_are_not_mixed_with_the_page(proxy, plan, app_requests):
    listing = "/dresden/plan/ik-2021/massnahmen/"
    page = get(proxy + listing)
    assert "<html" in page.text
    assert cache_status(get(proxy + listing)) == "HIT"
    part = get(proxy + listing, headers={"HX-Request": "true"})
    assert cache_status(part) == "BYPASS"
    assert "<html" not in part.text


def test_static_files_come_from_disk(proxy, app_requests):
    response = get(proxy + "/static/teilhabe/probe.css")
    assert response.status_code == 200
    assert response.text == "body { color: black; }\n"
    assert "max-age=604800" in response.headers["Cache-Control"]
    assert app_requests.paths == []


def test_a_huge_range_header_gets_the_whole_page(proxy, plan):
    ranges = "bytes=" + ",".join(f"{i}-{i}" for i in range(0, 1200, 2))  # 4 KB, 600 ranges
    for _ in range(2):  # from the app, then from the cache
        response = get(proxy + MEASURE, headers={"Range": ranges})
        assert response.status_code == 200
        assert "Sprachcafé im Stadtteil" in response.text
