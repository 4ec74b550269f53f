"""The one place where seats are protected.

Rules (keep them): call ``lock_event`` inside ``transaction.atomic()``, before reading
how many seats are taken, and take no other row lock before it. On PostgreSQL it locks
the event's row (``SELECT ... FOR UPDATE``), so seat counting and seat assignment of one
event happen one transaction at a time. On SQLite every writing transaction starts with
``BEGIN IMMEDIATE`` (see settings: ``transaction_mode``), which already serialises
writers; the lock is then a plain read. Tests: tests/events/test_concurrency.py.

Hold the lock briefly: nothing slow inside it (mails are written by the worker,
teilhabe.events.notifications.later). The lock ends with the commit, and a commit
waits for the disk (fsync, milliseconds): during a rush every confirmation would wait
for the disk of each one before it. So on PostgreSQL the locking transaction commits
without waiting (``synchronous_commit`` off for this transaction only), and right
after the commit, outside the lock, ``wait_for_disk`` makes the caller wait until the
commit is on disk before it answers anyone. Many requests waiting at once share one
flush. A crash in between loses only changes nobody was told of, and never breaks the
seat count: a later transaction that read them is later in the log and lost with them.
Tests: tests/events/test_locking.py.
"""

from django.db import transaction

from .models import Event


def lock_event(event_id):
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("lock_event() must run inside transaction.atomic().")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        transaction.on_commit(lambda: wait_for_disk(connection))
    return Event.objects.select_for_update().select_related("municipality").get(pk=event_id)


def wait_for_disk(connection):
    """Return once everything committed so far is on disk: a small transaction that
    writes to the log (a logical-decoding message, read by nobody) and commits with
    the server's ``synchronous_commit``, which flushes the log up to that point."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_logical_emit_message(true, 'teilhabe', '')")
