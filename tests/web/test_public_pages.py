"""Caching headers of every public page type for anonymous visitors, and what everyone
else gets (teilhabe/web/caching.py); conditional requests; bad input."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.accounts.models import Role
from teilhabe.events import services
from teilhabe.events.models import Event, Registration
from tests import factories
from tests.events.factories import EventFactory, InvitationFactory, RegistrationFactory
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    StatusReportFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return factories.MunicipalityFactory(name="Dresden", slug="dresden")


@pytest.fixture
def content(municipality, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        factories.MunicipalityFactory(name="Leipzig", slug="leipzig")
        cycle = ConceptCycleFactory(municipality=municipality, slug="ik-2021")
        field = FieldOfActionFactory(cycle=cycle, number=1, slug="feld-1")
        goal = GoalFactory(field=field, code="1.1")
        measure = MeasureFactory(goal=goal, code="1.1.1", title="Sprachcafé im Stadtteil")
        StatusReportFactory(measure=measure)
        indicator = IndicatorFactory(cycle=cycle, field=field, values={2020: 1, 2021: 2})
        organisation = factories.OrganisationFactory(municipality=municipality, slug="verein")
        factories.DepartmentFactory(municipality=municipality)
        EventFactory(municipality=municipality, slug="werkstatt", capacity=10)
    return {"measure": measure, "indicator": indicator, "organisation": organisation}


PAGES = {
    "landing": "/",
    "imprint": "/impressum/",
    "privacy": "/en/datenschutz/",
    "accessibility": "/ar/barrierefreiheit/",
    "municipality": "/dresden/",
    "cycles": "/dresden/plan/",
    "cycle": "/en/dresden/plan/ik-2021/",
    "timeline": "/dresden/plan/ik-2021/zeitplan/",
    "field": "/dresden/plan/ik-2021/handlungsfelder/feld-1/",
    "measures": "/dresden/plan/ik-2021/massnahmen/",
    "measure": "/de-x-simple/dresden/plan/ik-2021/massnahmen/1.1.1/",
    "chart": "/dresden/plan/ik-2021/diagramme/indicator-{indicator}.svg",
    "events": "/dresden/veranstaltungen/",
    "event": "/en/dresden/veranstaltungen/werkstatt/",
    "event ics": "/dresden/veranstaltungen/werkstatt/termin.ics",
    "feed": "/dresden/veranstaltungen/kalender.ics",
    "organisations": "/dresden/verzeichnis/",
    "organisation": "/dresden/verzeichnis/organisationen/verein/",
    "departments": "/dresden/verzeichnis/aemter/",
    "api cycles": "/api/v1/dresden/cycles",
    "api measure": "/api/v1/dresden/cycles/ik-2021/measures/1.1.1",
    "api events": "/api/v1/dresden/events/werkstatt",
    "api organisations": "/api/v1/dresden/organisations",
}
LIVE = {"events", "event", "event ics", "feed"}
API = {name for name in PAGES if name.startswith("api")}


def address(name, content):
    return PAGES[name].format(indicator=content["indicator"].pk)


def vary(response):
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_an_anonymous_visitor_gets_a_cacheable_page(client, content, name):
    first = client.get(address(name, content))
    assert first.status_code == 200
    assert not first.cookies
    assert "cookie" not in vary(first)
    if name in API:
        assert vary(first) == {"accept-language"}  # the API does answer by the header
    else:
        assert "accept-language" not in vary(first)
    ages = (30, 30) if name in LIVE else (60, 300)
    assert first["Cache-Control"] == "public, max-age={}, s-maxage={}".format(*ages)
    assert re.fullmatch(r'"[0-9a-f]{40}"', first["ETag"])  # strong
    assert first["Last-Modified"].endswith(" GMT")
    second = client.get(address(name, content))
    # Strong: the same bytes for the same ETag, for every anonymous visitor.
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize("name", ["measure", "event", "organisations", "api cycles", "imprint"])
def test_a_conditional_request_is_answered_before_the_view(client, content, name):
    url = address(name, content)
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        unchanged = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["ETag"] == first["ETag"]
    assert unchanged["Cache-Control"] == first["Cache-Control"]
    assert "cookie" not in vary(unchanged)
    # The content version, against the process's copy of the ETag: no rendering.
    assert len(queries) == 1, [q["sql"] for q in queries]
    assert "content-version" in queries[0]["sql"]
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_a_change_answers_the_old_etag_with_the_new_page(
    client, content, django_capture_on_commit_callbacks
):
    url = address("measure", content)
    old = client.get(url)
    measure = content["measure"]
    measure.title = "Sprachcafé in der ganzen Stadt"
    with django_capture_on_commit_callbacks(execute=True):
        measure.save()
    new = client.get(url, HTTP_IF_NONE_MATCH=old["ETag"])
    assert new.status_code == 200
    assert "in der ganzen Stadt" in new.content.decode()
    assert new["ETag"] != old["ETag"]
    # Another municipality's page keeps its version: still answered 304.
    assert client.get(url, HTTP_IF_NONE_MATCH=new["ETag"]).status_code == 304


def test_seats_left_change_the_event_page(client, content, django_capture_on_commit_callbacks):
    url = address("event", content)
    old = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        RegistrationFactory(
            event=Event.objects.get(slug="werkstatt"), status=Registration.Status.CONFIRMED
        )
    new = client.get(url, HTTP_IF_NONE_MATCH=old["ETag"])
    assert new.status_code == 200
    assert "9 seats left" in new.content.decode()


def test_the_etag_memo_is_per_address_and_language(client, content):
    german = client.get("/dresden/plan/ik-2021/massnahmen/1.1.1/")
    english = client.get("/en/dresden/plan/ik-2021/massnahmen/1.1.1/")
    assert german["ETag"] != english["ETag"]
    assert (
        client.get(
            "/en/dresden/plan/ik-2021/massnahmen/1.1.1/", HTTP_IF_NONE_MATCH=german["ETag"]
        ).status_code
        == 200
    )
    # The API's answer in one language is another copy than the one in all languages.
    municipality = content["measure"].municipality
    municipality.content_languages = ["de", "en"]
    municipality.save()
    cycle = content["measure"].cycle
    cycle.title.set("en", "Integration concept")
    cycle.save()
    cache.clear()
    every = client.get("/api/v1/dresden/cycles")
    english = client.get(
        "/api/v1/dresden/cycles", HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=every["ETag"]
    )
    assert english.status_code == 200
    assert english["Content-Language"] == "en"


@pytest.mark.parametrize("name", ["measure", "event", "organisations", "api cycles"])
def test_a_logged_in_user_gets_a_private_page(client, content, municipality, name):
    client.force_login(
        factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    )
    response = client.get(address(name, content))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert "ETag" not in response
    assert "public" not in response["Cache-Control"]


def test_an_anonymous_visitor_with_a_stale_session_cookie_is_not_served_publicly(client, content):
    client.cookies["sessionid"] = "x" * 32
    response = client.get(address("measure", content))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_an_htmx_part_is_private_and_the_page_varies_on_it(client, content):
    page = client.get(address("measures", content))
    assert "hx-request" in vary(page)
    part = client.get(address("measures", content), HTTP_HX_REQUEST="true")
    assert part["Cache-Control"] == "private, no-cache"
    assert "<html" not in part.content.decode()


def test_forms_and_personal_links_are_never_public(client, content):
    event = Event.objects.get(slug="werkstatt")
    registration = RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    token = services.personal_token(registration)
    private = [
        "/dresden/veranstaltungen/werkstatt/anmelden/",
        "/dresden/veranstaltungen/anmeldung/finden/",
        "/konto/anmelden/",
    ]
    personal = [
        f"/dresden/veranstaltungen/anmeldung/{token}/",
        f"/dresden/veranstaltungen/anmeldung/{token}/termin.ics",
        f"/dresden/veranstaltungen/anmeldung/{token}/daten.json",
    ]
    for url in private:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url
        assert "no-cache" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url
    for url in personal:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_a_hidden_event_shown_for_an_invitation_is_not_public(client, municipality):
    event = EventFactory(
        municipality=municipality, slug="geladen", access=Event.Access.INVITATION, is_listed=False
    )
    invitation = InvitationFactory(event=event)
    response = client.get(f"/dresden/veranstaltungen/geladen/?einladung={invitation.code}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_a_page_that_sets_a_cookie_is_not_public(client, content):
    # A flash message waiting in its cookie is shown once; the cookie is deleted.
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest, HttpResponse

    storage = CookieStorage(HttpRequest())
    storage.add(20, "Gespeichert.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    response = client.get(address("measure", content))
    assert "Gespeichert." in response.content.decode()
    assert response.cookies["messages"].value == ""
    assert response["Cache-Control"] == "private, no-cache"
    assert "ETag" not in response


def test_logging_in_and_out_clears_the_browser_cache(client, municipality):
    user = factories.UserFactory(email="anna@example.org")
    user.set_password("ein langes Passwort 1")
    user.save()
    page = client.get("/konto/anmelden/").content.decode()
    assert "Clear-Site-Data" not in client.get("/dresden/").headers
    response = client.post(
        "/konto/anmelden/", {"username": "anna@example.org", "password": "ein langes Passwort 1"}
    )
    assert response.status_code == 302, page
    assert response["Clear-Site-Data"] == '"cache"'
    assert "Clear-Site-Data" not in client.get("/konto/").headers
    response = client.post("/konto/abmelden/")
    assert response["Clear-Site-Data"] == '"cache"'


# --- Bad input ----------------------------------------------------------------------------

BAD_HEADERS = {
    "If-None-Match": ['"', "W/", "garbage", '"' + "a" * 5000, "*, ,,", '"\x7f"', 'W/"x", "'],
    "If-Modified-Since": ["yesterday", "Mon, 99 Foo 2026 99:99:99 GMT", "0", "-1", "9" * 40],
    "Range": ["bytes=" + ",".join(f"{i}-{i}" for i in range(0, 4000, 2)), "bytes=-", "x" * 4000],
    "Accept-Language": ["xx-YY", "*;q=foo", "en;q=2,,,;", "de-x-" + "a" * 3000, "ü"],
}


@pytest.mark.parametrize("name", ["measure", "event", "organisations", "api cycles"])
@pytest.mark.parametrize("header", sorted(BAD_HEADERS))
def test_bad_conditional_range_or_language_headers_get_the_normal_page(
    client, content, name, header
):
    url = address(name, content)
    normal = client.get(url)
    cache.clear()  # and again without the remembered ETag
    for value in BAD_HEADERS[header]:
        for _ in range(2):
            meta = "HTTP_" + header.upper().replace("-", "_")
            response = client.get(url, **{meta: value})
            assert response.status_code == 200, (header, value)
            if header != "Accept-Language" or name not in API:
                assert response.content == normal.content, (header, value)
