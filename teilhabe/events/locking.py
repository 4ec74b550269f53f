"""The one place where seats are protected.

Rules (keep them): call ``lock_event`` inside ``transaction.atomic()``, before reading
how many seats are taken, and take no other row lock before it. On PostgreSQL it locks
the event's row (``SELECT ... FOR UPDATE``), so seat counting and seat assignment of one
event happen one transaction at a time. On SQLite every writing transaction starts with
``BEGIN IMMEDIATE`` (see settings: ``transaction_mode``), which already serialises
writers; the lock is then a plain read. Tests: tests/events/test_concurrency.py.
"""

from django.db import transaction

from .models import Event


def lock_event(event_id):
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_event() must run inside transaction.atomic().")
    return Event.objects.select_for_update().select_related("municipality").get(pk=event_id)
