"""Organisation self-service under simultaneous requests, on SQLite and PostgreSQL:
the same person asking for the same organisation in four tabs at once, the office
verifying one request in two tabs at once, and two representatives removing each other
at the same moment.

Where SQLite's one writer at a time would hide a missing rule, the workflow is made to
pause inside its decision (``slow``), so that the other requests arrive meanwhile:
without the constraint (asking) or the locks (deciding, removing) these tests fail on
both databases."""

import threading
import time
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.accounts.models import Role
from teilhabe.directory import claims, representatives
from teilhabe.directory.models import RepresentationClaim
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.simultaneous import CSRF_INPUT, Browser, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)
K = Role.Kind


@pytest.fixture
def browsers(live_server):
    split = urlsplit(live_server.url)
    opened = []

    def open_as(user, path):
        """A browser logged in as ``user`` with the form at ``path`` open; its CSRF token."""
        session = Client()
        session.force_login(user)
        browser = Browser(split.hostname, split.port)
        browser.cookies["sessionid"] = session.cookies["sessionid"].value
        opened.append(browser)
        status, page = browser.request("GET", path)
        assert status == 200, (path, status, page[:300])
        return browser, CSRF_INPUT.search(page).group(1)

    yield open_as
    for browser in opened:
        browser.close()


@pytest.fixture
def organisation(municipality):
    return factories.OrganisationFactory(municipality=municipality, slug="verein")


def slow(monkeypatch, module, name, pause=0.5):
    """Make ``module.name`` pause after it has run (inside the caller's transaction)."""
    original = getattr(module, name)

    def slowly(*args, **kwargs):
        result = original(*args, **kwargs)
        time.sleep(pause)
        return result

    monkeypatch.setattr(module, name, slowly)


def test_asking_in_four_tabs_at_once_makes_one_request(browsers, organisation, monkeypatch):
    # The representative check runs before the insert; pausing there lets every
    # request pass it before any of them has written its row.
    slow(monkeypatch, claims, "represents_organisation")
    person = factories.UserFactory()
    path = reverse("directory:claim_new", args=[organisation.municipality.slug, organisation.slug])
    tabs = [browsers(person, path) for _ in range(4)]
    results = run_at_once(
        [
            lambda b=b, c=c: b.request("POST", path, {"csrfmiddlewaretoken": c, "message": "Hi"})[0]
            for b, c in tabs
        ]
    )
    assert sorted(results) == [200, 409, 409, 409]
    assert RepresentationClaim.objects.filter(organisation=organisation).count() == 1


def test_verifying_in_two_tabs_at_once_verifies_once(
    browsers, organisation, municipality, monkeypatch
):
    original = claims._lock_pending

    def slowly(claim):
        locked = original(claim)
        time.sleep(0.5)
        return locked

    monkeypatch.setattr(claims, "_lock_pending", slowly)
    office = factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN).user
    claim = claims.submit_claim(
        municipality,
        organisation=organisation,
        full_name="Olena Koval",
        email="olena@example.org",
        may_mail=lambda: False,
    )
    claim = claims.confirm_claim(claim)
    path = claim.get_absolute_url()
    tabs = [browsers(office, path) for _ in range(2)]
    results = run_at_once(
        [
            lambda b=b, c=c: b.request(
                "POST", path, {"csrfmiddlewaretoken": c, "confirm": "yes", "mark_verified": "on"}
            )[0]
            for b, c in tabs
        ]
    )
    assert results == [302, 302]  # the second is told it was decided already
    claim.refresh_from_db()
    assert claim.status == RepresentationClaim.Status.VERIFIED
    assert OutgoingMail.objects.filter(purpose="representation_claim_verified").count() == 1
    assert Role.objects.filter(user__email="olena@example.org").count() == 1


def test_two_representatives_removing_each_other_at_once_leave_one(
    browsers, organisation, municipality, monkeypatch
):
    original = representatives.representatives_of
    reached = threading.Event()

    def slowly(org):
        result = list(original(org))
        reached.set()
        time.sleep(0.5)
        return result

    monkeypatch.setattr(representatives, "representatives_of", slowly)
    first, second = [
        factories.RoleFactory(
            municipality=municipality,
            kind=K.ORGANISATION_REPRESENTATIVE,
            organisations=[organisation],
        ).user
        for _ in range(2)
    ]

    def remove_path(person):
        return reverse(
            "directory:representative_remove",
            args=[municipality.slug, organisation.slug, person.pk],
        )

    tab_one = browsers(first, remove_path(second))
    tab_two = browsers(second, remove_path(first))
    results = run_at_once(
        [
            lambda: tab_one[0].request(
                "POST", remove_path(second), {"csrfmiddlewaretoken": tab_one[1], "confirm": "yes"}
            )[0],
            lambda: tab_two[0].request(
                "POST", remove_path(first), {"csrfmiddlewaretoken": tab_two[1], "confirm": "yes"}
            )[0],
        ]
    )
    assert sorted(results) == [302, 409]
    assert len(claims.representatives_of(organisation)) == 1
