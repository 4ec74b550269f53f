"""Rules two requests can break at once, each tested with simultaneous HTTP requests
against the live server, on SQLite and PostgreSQL: cancelling against confirming,
changing the seats against confirming, and one invitation used by several people."""

from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from teilhabe.accounts.models import Role
from teilhabe.events import services
from teilhabe.events.models import Event, Registration
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.events.factories import EventFactory, InvitationFactory, RegistrationFactory
from tests.simultaneous import CSRF_INPUT, Browser, bounded_server, run_at_once

S = Registration.Status
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dresden():
    return factories.MunicipalityFactory(name="Dresden", slug="dresden")


@pytest.fixture
def open_browser(live_server):
    split = urlsplit(live_server.url)
    opened = []

    def open_(path=None):
        browser = Browser(split.hostname, split.port)
        opened.append(browser)
        csrf = None
        if path:
            status, page = browser.request("GET", path)
            assert status == 200, (path, status, page[:300])
            csrf = CSRF_INPUT.search(page).group(1)
        return browser, csrf

    yield open_
    for browser in opened:
        browser.close()


def personal_path(registration, name="events:personal"):
    return reverse(
        name,
        kwargs={"municipality": "dresden", "token": services.personal_token(registration)},
    )


def purposes(registration):
    return sorted(
        OutgoingMail.objects.filter(to=registration.email).values_list("purpose", flat=True)
    )


def test_seats_freed_by_cancelling_go_to_people_confirming_at_that_moment(
    live_server, dresden, open_browser
):
    """Ten people with a seat cancel while ten others confirm, all at once, for ten
    seats: in the end exactly the ten newcomers hold a seat, each told once."""
    event = EventFactory(municipality=dresden, capacity=10)
    leaving = RegistrationFactory.create_batch(10, event=event)
    coming = RegistrationFactory.create_batch(10, event=event, status=S.PENDING)
    requests = []
    for registration in leaving:
        path = personal_path(registration, "events:personal_cancel")
        browser, csrf = open_browser(path)
        fields = {"csrfmiddlewaretoken": csrf, "confirm": "yes"}
        requests.append(lambda b=browser, p=path, f=fields: b.request("POST", p, f))
    for registration in coming:
        path = personal_path(registration, "events:confirm")
        browser, csrf = open_browser(path)
        fields = {"csrfmiddlewaretoken": csrf}
        requests.append(lambda b=browser, p=path, f=fields: b.request("POST", p, f))
    with bounded_server(live_server, 20):
        results = run_at_once(requests)
    assert [status for status, _page in results] == [302] * 20

    statuses = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == {S.CANCELLED: 10, S.CONFIRMED: 10}
    call_command("worker", batch=True, interval=0, verbosity=0)  # writes the deferred mails
    for registration in leaving:
        assert purposes(registration) == ["event_cancelled"]
    for registration in coming:
        # A seat at once, or the waiting list and then the seat a cancellation freed:
        # promoted before the worker wrote the waiting-list mail, the person is told
        # only of the seat (teilhabe.events.notifications.write_mail).
        assert purposes(registration) in (["event_confirmed"], ["event_promoted"]), (
            registration.email
        )


def test_confirming_and_cancelling_one_registration_at_once_ends_cancelled(
    live_server, dresden, open_browser
):
    """Two tabs of one person: the confirmation link and "cancel" at the same moment.
    Whichever runs first, the registration ends cancelled and holds no seat."""
    event = EventFactory(municipality=dresden, capacity=5)
    people = RegistrationFactory.create_batch(5, event=event, status=S.PENDING)
    requests = []
    for registration in people:
        confirm_path = personal_path(registration, "events:confirm")
        cancel_path = personal_path(registration, "events:personal_cancel")
        confirming, confirm_csrf = open_browser(confirm_path)
        cancelling, cancel_csrf = open_browser(cancel_path)
        requests += [
            lambda b=confirming, p=confirm_path, c=confirm_csrf: b.request(
                "POST", p, {"csrfmiddlewaretoken": c}
            ),
            lambda b=cancelling, p=cancel_path, c=cancel_csrf: b.request(
                "POST", p, {"csrfmiddlewaretoken": c, "confirm": "yes"}
            ),
        ]
    with bounded_server(live_server, 10):
        results = run_at_once(requests)
    assert {status for status, _page in results} == {302}
    assert set(Registration.objects.filter(event=event).values_list("status", flat=True)) == {
        S.CANCELLED
    }
    assert services.seats_taken(event) == 0


def _office_session(municipality):
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    client = Client()
    client.force_login(office)
    return client.cookies["sessionid"].value


@pytest.mark.parametrize("capacity", [9, 12])
def test_changing_the_seats_while_people_confirm_never_overbooks(
    live_server, dresden, open_browser, capacity
):
    """Ten seats, nine taken; five people confirm while the office sets the seats to
    ``capacity`` (fewer: allowed only while nobody else got the tenth; more: the
    waiting list moves up). Never more confirmed than seats, nobody lost."""
    event = EventFactory(municipality=dresden, capacity=10, slug="werkstatt")
    RegistrationFactory.create_batch(9, event=event)
    coming = RegistrationFactory.create_batch(5, event=event, status=S.PENDING)
    manage_path = reverse("events:manage", kwargs={"municipality": "dresden", "slug": "werkstatt"})
    office, _csrf = open_browser()
    office.cookies["sessionid"] = _office_session(dresden)
    status, page = office.request("GET", manage_path)
    assert status == 200
    office_fields = {
        "csrfmiddlewaretoken": CSRF_INPUT.search(page).group(1),
        "action": "capacity",
        "capacity": str(capacity),
    }
    requests = [lambda: office.request("POST", manage_path, office_fields)]
    for registration in coming:
        path = personal_path(registration, "events:confirm")
        browser, csrf = open_browser(path)
        requests.append(
            lambda b=browser, p=path, c=csrf: b.request("POST", p, {"csrfmiddlewaretoken": c})
        )
    with bounded_server(live_server, 6):
        results = run_at_once(requests)
    office_status = results[0][0]
    assert [status for status, _page in results[1:]] == [302] * 5

    event.refresh_from_db()
    confirmed = Registration.objects.filter(event=event, status=S.CONFIRMED).count()
    waiting = Registration.objects.filter(event=event, status=S.WAITING).count()
    assert confirmed + waiting == 14
    if capacity == 12:
        assert office_status == 302
        assert (event.capacity, confirmed, waiting) == (12, 12, 2)
    elif office_status == 302:
        # The office came first: nine seats, the five wait.
        assert (event.capacity, confirmed, waiting) == (9, 9, 5)
    else:
        # Someone took the tenth seat first: fewer seats than taken are refused.
        assert office_status == 400
        assert "10 Personen haben bereits einen Platz" in results[0][1]
        assert (event.capacity, confirmed, waiting) == (10, 10, 4)


def test_one_invitation_used_by_several_people_at_once_admits_one(
    live_server, dresden, open_browser
):
    event = EventFactory(
        municipality=dresden, access=Event.Access.INVITATION, slug="geschlossen", capacity=50
    )
    invitation = InvitationFactory(event=event, email="eingeladen@example.org")
    path = (
        reverse("events:register", kwargs={"municipality": "dresden", "slug": "geschlossen"})
        + f"?einladung={invitation.code}"
    )
    requests = []
    for number in range(8):
        browser, csrf = open_browser(path)
        fields = {
            "csrfmiddlewaretoken": csrf,
            "name": f"Person {number}",
            "email": f"person{number}@example.org",
            "consent": "on",
        }
        requests.append(lambda b=browser, f=fields: b.request("POST", path, f))
    with bounded_server(live_server, 8):
        results = run_at_once(requests)
    statuses = Counter(status for status, _page in results)
    assert statuses == {200: 8}  # the form page, with the confirmation or the error
    admitted = [page for _status, page in results if "Bitte bestätigen" in page]
    refused = [page for _status, page in results if "bereits verwendet" in page]
    assert (len(admitted), len(refused)) == (1, 7)
    assert Registration.objects.filter(event=event).count() == 1
    invitation.refresh_from_db()
    assert invitation.registration == Registration.objects.get(event=event)
    call_command("worker", batch=True, interval=0, verbosity=0)
    assert OutgoingMail.objects.filter(purpose="event_opt_in").count() == 1
