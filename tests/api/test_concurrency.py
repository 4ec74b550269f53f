"""The API's rules that two requests could break at once, tested with simultaneous
requests against the live server (on both databases): one measure per code and
cycle, a revoked token refused from the moment the revocation committed, and the
bound on a person's tokens."""

import http.client
import json
import threading
import time
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.models import Role
from teilhabe.api import services
from teilhabe.api.models import ApiToken
from teilhabe.plan.models import Measure
from tests import factories
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)
from tests.simultaneous import CSRF_INPUT, Browser, run_at_once, staff_post_at_once

pytestmark = pytest.mark.django_db(transaction=True)

C = "/api/v1/dresden/cycles/ik-2021"


class ApiConnection:
    """One program's connection to the API, with its token: opened before the barrier,
    so that the requests leave together."""

    def __init__(self, live_server_url, token):
        split = urlsplit(live_server_url)
        self.connection = http.client.HTTPConnection(split.hostname, split.port, timeout=120)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def request(self, method, path, body=None):
        data = None if body is None else json.dumps(body)
        self.connection.request(method, path, body=data, headers=self.headers)
        response = self.connection.getresponse()
        content = response.read().decode()
        try:
            return response.status, json.loads(content)
        except ValueError:  # not JSON: an error page, which the test shows
            return response.status, content[:300]

    def close(self):
        self.connection.close()


@pytest.fixture
def plan(municipality):
    department = factories.DepartmentFactory(municipality=municipality, number="50")
    cycle = ConceptCycleFactory(municipality=municipality, slug="ik-2021")
    goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle), code="1.1")
    MeasureFactory(goal=goal, code="1.1.1", lead_departments=[department])
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    return {
        "municipality": municipality,
        "cycle": cycle,
        "department": department,
        "office": office,
    }


def test_simultaneous_measures_with_one_code_make_one(live_server, plan):
    """Two programs create measure 1.1.2 at the same moment (twice over, with two
    tokens of the office): one 201, the other a 422 that says why; one row."""
    _token, clear = services.create_token(
        user=plan["office"], municipality=plan["municipality"], name="eins"
    )
    _token, other = services.create_token(
        user=plan["office"], municipality=plan["municipality"], name="zwei"
    )
    for code in ("1.1.2", "1.1.3", "1.1.4"):
        body = {
            "goal": "1.1",
            "code": code,
            "title": {"de": f"Maßnahme {code}"},
            "lead_departments": [plan["department"].pk],
        }
        connections = [ApiConnection(live_server.url, t) for t in (clear, other)]
        try:
            results = run_at_once(
                [lambda c=c, b=body: c.request("POST", f"{C}/measures", b) for c in connections]
            )
        finally:
            for connection in connections:
                connection.close()
        statuses = sorted(status for status, _answer in results)
        assert statuses == [201, 422], results
        refused = next(answer for status, answer in results if status == 422)
        assert refused["detail"] == "Invalid data."
        assert [error["loc"] for error in refused["errors"]] == [["__all__"]]
        assert "Kennziffer" in refused["errors"][0]["msg"]  # the code, in German
        assert Measure.objects.filter(cycle=plan["cycle"], code=code).count() == 1


def test_simultaneous_requests_after_a_revocation_are_refused(live_server, plan):
    """Programs read and write with a token while its owner revokes it in the
    workspace. Each request notes when it left; every one that left after the
    revocation's answer came back (its transaction committed) gets a 401 with the
    reason, and nothing it sent is saved. Those before it succeed."""
    _token, clear = services.create_token(
        user=plan["office"], municipality=plan["municipality"], name="Skript"
    )
    token = ApiToken.objects.get(name="Skript")
    organisation = factories.OrganisationFactory(municipality=plan["municipality"])
    read = f"/api/v1/dresden/organisations/{organisation.slug}/internal"
    write = f"{C}/measures/1.1.1/reports"

    # The owner's browser, on the confirmation page (session and CSRF token ready).
    session = Client()
    session.force_login(plan["office"])
    split = urlsplit(live_server.url)
    browser = Browser(split.hostname, split.port)
    browser.cookies["sessionid"] = session.cookies["sessionid"].value
    with translation.override("de"):
        revoke = reverse("api_tokens:revoke", kwargs={"pk": token.pk})
    status, page = browser.request("GET", revoke)
    assert status == 200
    csrf = CSRF_INPUT.search(page).group(1)

    calls, lock = [], threading.Lock()
    stop, started = threading.Event(), threading.Semaphore(0)
    revoked_at = {}

    def program(number):
        connection = ApiConnection(live_server.url, clear)
        sent = 0
        try:
            while not stop.is_set():
                sent += 1
                text = f"Bericht {number}-{sent}"
                body = {"reported_on": "2024-05-01", "status": "in_progress", "progress": 40}
                method, path = ("GET", read) if sent % 2 else ("POST", write)
                left = time.monotonic()
                status, answer = connection.request(
                    method, path, {**body, "text": text} if method == "POST" else None
                )
                with lock:
                    calls.append((left, method, text, status, answer))
                started.release()
        finally:
            connection.close()

    def owner():
        for _ in range(12):  # let the programs get going
            started.acquire(timeout=60)
        revoked_at["sent"] = time.monotonic()
        status, _page = browser.request("POST", revoke, {"csrfmiddlewaretoken": csrf})
        revoked_at["committed"] = time.monotonic()
        assert status == 302
        time.sleep(1.0)  # the programs go on for a second
        stop.set()

    try:
        run_at_once([lambda n=n: program(n) for n in range(3)] + [owner])
    finally:
        browser.close()

    after = [call for call in calls if call[0] > revoked_at["committed"]]
    before = [call for call in calls if call[0] < revoked_at["sent"]]
    assert len(after) >= 6 and len(before) >= 6, (len(before), len(after))
    for _left, method, _text, status, answer in after:
        assert (status, answer) == (401, {"detail": "This token has been revoked."}), method
    assert {status for _left, _method, _text, status, _answer in before} <= {200, 201}
    saved = set(Measure.objects.get(code="1.1.1").reports.values_list("text", flat=True))
    assert not saved & {text for _left, method, text, _s, _a in after if method == "POST"}
    assert ApiToken.objects.get(pk=token.pk).is_revoked


def test_simultaneous_token_forms_make_no_more_tokens_than_allowed(live_server, plan, settings):
    """A person one token below the bound sends the form from four tabs at once: one
    token is made, three forms say why not."""
    settings.TEILHABE_API_TOKENS_PER_PERSON = 5
    user = plan["office"]
    for _ in range(4):
        services.create_token(user=user, municipality=plan["municipality"], name="alt")
    with translation.override("en"):
        address = reverse("api_tokens:list")
    results = staff_post_at_once(
        live_server.url,
        user,
        address,
        lambda number: {"name": f"Tab {number}", "municipality": plan["municipality"].pk},
        count=4,
    )
    assert sorted(status for status, _page in results) == [200, 400, 400, 400]
    for status, page in results:
        if status == 400:
            assert "You already have 5 active tokens" in page
        else:
            assert 'id="new-token"' in page
    assert ApiToken.objects.filter(user=user).usable().count() == 5
