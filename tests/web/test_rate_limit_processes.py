"""The rate limit holds across server processes: gunicorn with four workers against the
test database, more registrations at once from one address than the limit allows.
Exactly the limit get through, the rest get the 429 page. With a per-process cache each
worker would count on its own and let up to four times the limit through."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django_ratelimit.core import get_usage

from bench.load import gunicorn
from teilhabe.events.models import Registration
from tests.events.factories import EventFactory
from tests.simultaneous import post_at_once

LIMIT = 3
REQUESTS = 12
WORKERS = 4


def database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def client_address_with_time_left(seconds):
    """A loopback address whose one-minute window (django-ratelimit staggers windows by
    the counted value) has at least ``seconds`` left, so that the burst is counted in
    one window. Reads the count without adding to it."""
    for last in range(2, 250):
        address = f"127.0.0.{last}"
        request = RequestFactory().post("/", REMOTE_ADDR=address)
        usage = get_usage(request, group="probe", key="ip", rate=f"{LIMIT}/m")
        if usage["time_left"] >= seconds:
            return address
    raise AssertionError("no loopback address with time left in its window")


@pytest.mark.django_db(transaction=True)
def test_the_limit_holds_across_four_gunicorn_workers(municipality, monkeypatch):
    event = EventFactory(municipality=municipality)
    path = f"/{municipality.slug}/veranstaltungen/{event.slug}/anmelden/"
    monkeypatch.setenv("TEILHABE_RATE_LIMIT_PER_MINUTE", str(LIMIT))
    monkeypatch.delenv("CACHE_URL", raising=False)
    address = client_address_with_time_left(seconds=40)
    with gunicorn(database_url(), workers=WORKERS) as port:
        answers = post_at_once(
            "127.0.0.1",
            port,
            path,
            REQUESTS,
            lambda n: {"name": f"Person {n}", "email": f"person{n}@example.org", "consent": "on"},
            source_address=address,
        )
    statuses = [status for status, _ in answers]
    assert sorted(statuses) == [200] * LIMIT + [429] * (REQUESTS - LIMIT)
    limited = [page for status, page in answers if status == 429]
    assert all("Zu viele Anfragen" in page for page in limited)
    assert Registration.objects.filter(event=event).count() == LIMIT
