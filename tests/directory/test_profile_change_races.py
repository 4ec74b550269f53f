"""A proposed profile change decided by simultaneous requests, on SQLite and PostgreSQL:
two tabs approving at once, approving and refusing at once, and the representative
changing the proposal while the office approves it.

A decision is made to take a moment after it has read the change (``slow_decision``),
so that the simultaneous requests all arrive while the first is in the middle of it:
without the organisation's row lock (PostgreSQL) or the write lock every transaction
takes at its start (SQLite), each of them would decide the change, and these tests
fail on both databases (tried by removing the service's transaction and locks)."""

import threading
import time
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.accounts.models import Role
from teilhabe.directory import services
from teilhabe.directory.models import ProfileChange
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.simultaneous import CSRF_INPUT, Browser, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)
Status = ProfileChange.Status


@pytest.fixture
def slow_decision(monkeypatch):
    """Each decision pauses (``reached.pause`` seconds) after it has read the pending
    change; the event is set once one has got that far."""
    lock_pending = services._lock_pending
    reached = threading.Event()
    reached.pause = 0.5

    def slowly(change):
        result = lock_pending(change)
        reached.set()
        time.sleep(reached.pause)
        return result

    monkeypatch.setattr(services, "_lock_pending", slowly)
    return reached


@pytest.fixture
def world(municipality):
    organisation = factories.OrganisationFactory(
        municipality=municipality, slug="auslaenderrat", district="Altstadt"
    )
    organisation.mark_verified()
    organisation.save()
    representative = factories.RoleFactory(
        municipality=municipality,
        kind=Role.Kind.ORGANISATION_REPRESENTATIVE,
        organisations=[organisation],
    ).user
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    change = services.save_or_propose(organisation, {"district": "Johannstadt"}, by=representative)
    return {
        "organisation": organisation,
        "representative": representative,
        "office": office,
        "change": change,
    }


@pytest.fixture
def browsers(live_server):
    split = urlsplit(live_server.url)
    opened = []

    def open_as(user, path):
        """A browser logged in as ``user`` with the form at ``path`` open: its CSRF token."""
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


def review_path(change):
    return change.get_absolute_url()


def refuse_path(change):
    return reverse(
        "directory:refuse_profile_change",
        kwargs={"municipality": change.municipality.slug, "pk": change.pk},
    )


def post(browser, path, fields):
    status, _page = browser.request("POST", path, fields)
    return status, browser.last_location


def test_approving_in_four_tabs_at_once_approves_once(world, browsers, slow_decision):
    change, organisation = world["change"], world["organisation"]
    requests = []
    for _ in range(4):
        browser, csrf = browsers(world["office"], review_path(change))
        requests.append(
            lambda b=browser, c=csrf: post(b, review_path(change), {"csrfmiddlewaretoken": c})
        )
    results = run_at_once(requests)
    assert sorted(results) == sorted(
        [(302, organisation.get_absolute_url())] + [(302, review_path(change))] * 3
    )
    organisation.refresh_from_db()
    change.refresh_from_db()
    assert organisation.district == "Johannstadt"
    assert (change.status, change.decided_by) == (Status.APPROVED, world["office"])


def test_approving_and_refusing_at_once_decides_once(world, browsers, slow_decision):
    change, organisation = world["change"], world["organisation"]
    approving, approve_csrf = browsers(world["office"], review_path(change))
    refusing, refuse_csrf = browsers(world["office"], refuse_path(change))
    approved, refused = run_at_once(
        [
            lambda: post(approving, review_path(change), {"csrfmiddlewaretoken": approve_csrf}),
            lambda: post(
                refusing,
                refuse_path(change),
                {"csrfmiddlewaretoken": refuse_csrf, "reason": "Die Adresse stimmt nicht."},
            ),
        ]
    )
    change.refresh_from_db()
    organisation.refresh_from_db()
    refusal_mails = OutgoingMail.objects.filter(purpose="profile_change_refused").count()
    if change.status == Status.APPROVED:
        assert approved == (302, organisation.get_absolute_url())
        assert refused == (302, review_path(change))  # told it was decided already
        assert (organisation.district, refusal_mails) == ("Johannstadt", 0)
    else:
        assert change.status == Status.REFUSED
        assert refused == (302, reverse("accounts:dashboard"))
        assert approved == (302, review_path(change))
        assert (organisation.district, refusal_mails) == ("Altstadt", 1)


def test_a_proposal_changed_while_it_is_approved_is_never_lost(world, browsers, slow_decision):
    """The representative sends a new district while the office is approving the old
    one: the new one waits for the approval to finish and becomes the next proposal;
    what is recorded as approved is what the profile shows."""
    change, organisation = world["change"], world["organisation"]
    slow_decision.pause = 2  # time enough for the whole edit request
    edit_path = reverse(
        "directory:organisation_edit",
        kwargs={"municipality": organisation.municipality.slug, "slug": organisation.slug},
    )
    approving, approve_csrf = browsers(world["office"], review_path(change))
    editing, edit_csrf = browsers(world["representative"], edit_path)
    edit_fields = {**profile_form(world["representative"], edit_path), "district": "Pieschen"}
    edit_fields["csrfmiddlewaretoken"] = edit_csrf

    def edit_while_approving():
        assert slow_decision.wait(30)  # the approval has read the old proposal
        return post(editing, edit_path, edit_fields)

    approved, edited = run_at_once(
        [
            lambda: post(approving, review_path(change), {"csrfmiddlewaretoken": approve_csrf}),
            edit_while_approving,
        ]
    )
    assert approved == (302, organisation.get_absolute_url())
    assert edited == (302, organisation.get_absolute_url())
    change.refresh_from_db()
    organisation.refresh_from_db()
    assert change.status == Status.APPROVED
    assert organisation.district == change.proposed["district"]
    # The approval came first: the new district waits as the next proposal.
    assert organisation.district == "Johannstadt"
    waiting = ProfileChange.objects.pending().filter(organisation=organisation)
    assert [w.proposed for w in waiting] == [{"district": "Pieschen"}]


def profile_form(user, path):
    """The profile form's fields as the page fills them."""
    client = Client()
    client.force_login(user)
    form = client.get(path).context["form"]
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in ("activities", "languages", "description")
    }
    data["description_de"] = form.initial["description"].get("de", "")
    # None ticked (the simple client here sends one value per field).
    assert not form.initial["activities"] and not form.initial["languages"]
    return data
