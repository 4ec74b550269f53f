"""The shared cache (teilhabe.web.cache): made by ``migrate``, increments that never lose
a count when many connections increment at once (SQLite and PostgreSQL). The Redis
configuration: tests/test_settings.py."""

import time

import pytest
from django.core.cache import cache
from django.db import connection

from tests.simultaneous import at_once

THREADS = 8
INCREMENTS = 25


@pytest.mark.django_db
def test_migrate_creates_the_cache_table():
    # The test database was made by `migrate` alone; nothing else created the table.
    assert "teilhabe_cache" in connection.introspection.table_names()
    assert cache.add("probe", 1, 60) is True
    assert cache.add("probe", 2, 60) is False
    assert cache.get("probe") == 1


@pytest.mark.django_db
def test_incr_keeps_the_expiry_and_refuses_missing_or_expired_keys():
    cache.set("counter", 5, 600)
    assert cache.incr("counter") == 6
    assert cache.incr("counter", 10) == 16
    assert cache.decr("counter") == 15
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM teilhabe_cache")
        (expires_before,) = cursor.fetchone()
        cache.incr("counter")
        cursor.execute("SELECT expires FROM teilhabe_cache")
        (expires_after,) = cursor.fetchone()
    assert expires_after == expires_before
    with pytest.raises(ValueError, match="not found"):
        cache.incr("missing")
    cache.set("stale", 1, 1)
    deadline = time.monotonic() + 30
    while cache.get("stale") is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    with pytest.raises(ValueError, match="not found"):
        cache.incr("stale")


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
