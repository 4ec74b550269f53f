"""The shared cache (teilhabe.web.cache): increments that never lose a count when many
connections increment at once (SQLite and PostgreSQL). Its table made by ``migrate`` and
the Redis configuration: tests/test_settings.py."""

import time

import pytest
from django.core.cache import cache
from django.db import connection

from tests.simultaneous import at_once

THREADS = 8
INCREMENTS = 25


@pytest.mark.django_db
def test_add_is_atomic_and_keeps_the_first_value():
    assert cache.add("probe", 1, 60) is True
    assert cache.add("probe", 2, 60) is False
    assert cache.get("probe") == 1


@pytest.mark.django_db
def test_incr_keeps_the_expiry_and_refuses_missing_or_expired_keys():
    cache.set("counter", 5, 600)
    expires_set = expiry_of("counter")
    assert cache.incr("counter") == 6
    assert cache.incr("counter", 10) == 16
    assert cache.decr("counter") == 15
    assert expiry_of("counter") == expires_set
    with pytest.raises(ValueError, match="not found"):
        cache.incr("missing")
    # Expired but still in the table (has_key, unlike get, does not delete it).
    cache.set("stale", 1, 1)
    deadline = time.monotonic() + 30
    while cache.has_key("stale") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert expiry_of("stale") is not None
    with pytest.raises(ValueError, match="not found"):
        cache.incr("stale")


def expiry_of(key):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT expires FROM teilhabe_cache WHERE cache_key = %s", [cache.make_key(key)]
        )
        row = cursor.fetchone()
    return row[0] if row else None


@pytest.mark.django_db(transaction=True)
def test_simultaneous_increments_count_exactly():
    """Eight connections increment one key 25 times each, all at once. Django's own
    DatabaseCache.incr (get, then set) loses counts here."""
    cache.set("hits", 0, 600)

    def increment(_):
        for _ in range(INCREMENTS):
            cache.incr("hits")

    at_once(THREADS, lambda number: None, increment)
    assert cache.get("hits") == THREADS * INCREMENTS
