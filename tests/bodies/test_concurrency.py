"""The same member added to a body by simultaneous requests (two tabs, two colleagues)
is added once, on SQLite and PostgreSQL.

The check pauses after it has taken the body's lock (``slow_lock``), so that both
requests arrive while the first is deciding: without the row lock (PostgreSQL) or the
write lock every transaction takes at its start (SQLite), both would find no
overlapping membership and both would save one (tried by removing the service's
transaction and lock: two memberships on both databases)."""

import threading
import time

import pytest

from teilhabe.bodies import services
from teilhabe.bodies.models import Membership
from tests import factories
from tests.bodies.conftest import url
from tests.bodies.factories import BodyFactory
from tests.simultaneous import staff_post_at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def slow_lock(monkeypatch):
    lock_body = services._lock_body
    reached = threading.Event()

    def slowly(body):
        locked = lock_body(body)
        reached.set()
        time.sleep(2)
        return locked

    monkeypatch.setattr(services, "_lock_body", slowly)
    return reached


@pytest.mark.parametrize(
    "periods",
    [
        # The same form twice, and two overlapping periods.
        [("2024-01-01", ""), ("2024-01-01", "")],
        [("2024-01-01", "2024-12-31"), ("2024-06-01", "")],
    ],
)
def test_the_same_member_added_at_once_is_added_once(live_server, municipality, slow_lock, periods):
    office = factories.RoleFactory(municipality=municipality).user
    body = BodyFactory(municipality=municipality, slug="fag-1")
    organisation = factories.OrganisationFactory(municipality=municipality)
    results = staff_post_at_once(
        live_server.url,
        office,
        url("members", body, language="de"),
        lambda n: {
            "organisation": organisation.pk,
            "role": "member",
            "starts_on": periods[n][0],
            "ends_on": periods[n][1],
        },
    )
    statuses = sorted(status for status, _page in results)
    assert statuses == [302, 400]
    refused = next(page for status, page in results if status == 400)
    assert "gehört dem Gremium in diesem Zeitraum schon an" in refused
    assert Membership.objects.filter(body=body, organisation=organisation).count() == 1
    assert slow_lock.is_set()
