"""Seats under load: 200 people register and confirm at the same moment, as real HTTP
requests against the live server, for an event with 50 seats. Nobody is overbooked,
nobody is lost, the waiting list is in the order the confirmations committed, and
everyone gets exactly the mails the flow defines. Runs on SQLite and PostgreSQL."""

import re
import threading
from collections import Counter, defaultdict
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from teilhabe.events import services
from teilhabe.events.models import Feedback, FeedbackReceipt, Registration
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.events.factories import EventFactory, RegistrationFactory
from tests.simultaneous import CSRF_INPUT, Browser, bounded_server, post_at_once

PEOPLE = 200
SEATS = 50
# Like gunicorn's worker pool in production, the server works on a bounded number of
# requests at a time (each holds a database connection; PostgreSQL allows 100). All
# 200 requests still arrive at once and wait for a free worker.
SERVER_WORKERS = 40
# Test threads looking up their opt-in mail at the same time (database connections).
MAIL_READERS = 20

CONFIRM_LINK = re.compile(r"(/[\w-]+/veranstaltungen/anmeldung/[^/\s]+/bestaetigen/)")
POSITION = re.compile(r"waiting list: (\d+)|Warteliste: (\d+)")


def run_worker():
    call_command("worker", batch=True, interval=0, verbosity=0)
    connection.close()


@pytest.mark.django_db(transaction=True)
def test_200_people_register_and_confirm_at_once_for_50_seats(live_server, settings):
    settings.TEILHABE_RATE_LIMIT_PER_MINUTE = 0
    municipality = factories.MunicipalityFactory(name="Dresden", slug="dresden")
    event = EventFactory(
        municipality=municipality, title="Unter Last", slug="unter-last", capacity=SEATS
    )
    split = urlsplit(live_server.url)
    register_path = f"/dresden/veranstaltungen/{event.slug}/anmelden/"
    register_barrier = threading.Barrier(PEOPLE)
    # Once everyone has registered, the worker (in the main thread: it sets signal
    # handlers) writes and sends the opt-in mails; then the confirmations go out.
    registered_barrier = threading.Barrier(PEOPLE + 1)
    written_barrier = threading.Barrier(PEOPLE + 1)
    confirm_barrier = threading.Barrier(PEOPLE)
    errors, statuses = [], Counter()
    lock = threading.Lock()
    # Fetching the forms (not under test) a few at a time keeps the live server's small
    # accept backlog from resetting connections.
    warm_up = threading.Semaphore(10)
    readers = threading.Semaphore(MAIL_READERS)

    def person(number):
        email = f"person{number:03d}@example.org"
        browser = Browser(split.hostname, split.port)
        try:
            with warm_up:
                status, page = browser.request("GET", register_path)
            assert status == 200, (status, page[:300])
            csrf = CSRF_INPUT.search(page).group(1)
            fields = {
                "csrfmiddlewaretoken": csrf,
                "name": f"Person {number}",
                "email": email,
                "consent": "on",
            }
            register_barrier.wait(timeout=60)
            status, page = browser.request("POST", register_path, fields)
            with lock:
                statuses[status] += 1
            assert status == 200, (status, page[:300])
            registered_barrier.wait(timeout=120)
            written_barrier.wait(timeout=120)
            with readers:
                opt_in = OutgoingMail.objects.get(to=email, purpose="event_opt_in")
                connection.close()
            confirm_path = CONFIRM_LINK.search(opt_in.body_text).group(1)
            confirm_barrier.wait(timeout=60)
            status, page = browser.request("POST", confirm_path, {"csrfmiddlewaretoken": csrf})
            with lock:
                statuses[status] += 1
            assert status == 302, (status, page[:300])
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            with lock:
                errors.append(f"{email}: {type(error).__name__}: {error}")
            # Do not leave the others waiting at a barrier for the full timeout.
            register_barrier.abort()
            registered_barrier.abort()
            written_barrier.abort()
            confirm_barrier.abort()
        finally:
            browser.close()
            connection.close()

    threads = [threading.Thread(target=person, args=(n,)) for n in range(PEOPLE)]
    with bounded_server(live_server, SERVER_WORKERS):
        for thread in threads:
            thread.start()
        try:
            registered_barrier.wait(timeout=120)
            run_worker()
            written_barrier.wait(timeout=120)
        except threading.BrokenBarrierError:
            pass  # a person failed: their error is asserted below
        for thread in threads:
            thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == [], errors[:5]
    assert statuses == {200: PEOPLE, 302: PEOPLE}

    registrations = list(Registration.objects.filter(event=event))
    assert len(registrations) == PEOPLE
    by_status = Counter(r.status for r in registrations)
    assert by_status == {Registration.Status.CONFIRMED: SEATS, "waiting": PEOPLE - SEATS}

    # The waiting list is a strict order: no two share a moment, each confirmation
    # that found the event full committed after every one that got a seat.
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    waiting = sorted(
        (r for r in registrations if r.status == Registration.Status.WAITING),
        key=lambda r: (r.waiting_since, r.id),
    )
    assert all(r.waiting_since == r.confirmed_at for r in waiting)
    assert len({r.waiting_since for r in waiting}) == len(waiting)
    assert max(r.confirmed_at for r in confirmed) < waiting[0].waiting_since
    assert [services.waiting_position(r) for r in waiting] == list(range(1, len(waiting) + 1))

    # The worker writes the confirmations and waiting-list mails, and sends everything.
    run_worker()
    # Each waiting-list mail told the position the person had when their mail was
    # written; as nobody left, that is the order their confirmations committed in.
    mails = defaultdict(list)
    for row in OutgoingMail.objects.all():
        mails[row.to].append(row)
    for position, registration in enumerate(waiting, start=1):
        (row,) = [m for m in mails[registration.email] if m.purpose == "event_waiting"]
        told = next(g for g in POSITION.search(row.body_text).groups() if g)
        assert int(told) == position, registration.email

    assert OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT).count() == 0
    sent = defaultdict(list)
    for message in mail.outbox:
        (to,) = message.to
        sent[to].append(message.subject)
    assert len(sent) == PEOPLE
    for registration in registrations:
        purposes = sorted(m.purpose for m in mails[registration.email])
        second = (
            "event_confirmed"
            if registration.status == Registration.Status.CONFIRMED
            else "event_waiting"
        )
        assert purposes == sorted(["event_opt_in", second]), registration.email
        assert len(sent[registration.email]) == 2, registration.email


FEEDBACK_PEOPLE = 20


@pytest.mark.django_db(transaction=True)
def test_one_registration_sending_feedback_twenty_times_at_once_is_stored_once(live_server):
    """The feedback form sent from twenty tabs at the same moment: one answer is stored.
    (Checking for an earlier answer and then storing lets several through.)"""
    municipality = factories.MunicipalityFactory(name="Dresden", slug="dresden")
    now = timezone.now()
    event = EventFactory(
        municipality=municipality,
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(days=2) + timedelta(hours=3),
    )
    registration = RegistrationFactory(event=event)
    path = (
        f"/dresden/veranstaltungen/anmeldung/{services.personal_token(registration)}/rueckmeldung/"
    )
    split = urlsplit(live_server.url)
    answers = post_at_once(
        split.hostname, split.port, path, FEEDBACK_PEOPLE, lambda n: {"rating": str(n % 5 + 1)}
    )
    assert [status for status, _ in answers] == [200] * FEEDBACK_PEOPLE
    assert Feedback.objects.filter(event=event).count() == 1
    assert FeedbackReceipt.objects.filter(event=event).count() == 1
