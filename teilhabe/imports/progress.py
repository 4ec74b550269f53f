"""How far a running import is: its rows checked again, then its rows written.

The import writes in one transaction, so the page cannot read the progress from the
database before the import commits: on PostgreSQL the import holds the upload's row
locked, and on SQLite no other connection may write at all while it runs (the database
cache would write inside the import's own transaction). So the worker puts the progress
in ``caches["progress"]``: files in TEILHABE_PROGRESS_DIR, shared by the web server and
the worker, or Redis with CACHE_URL (settings). An entry is keyed on the upload and the
moment its import started, so a stale entry is never read for another run; one that
cannot be written costs the page its numbers, never the import."""

import logging

from django.core.cache import caches

logger = logging.getLogger(__name__)

CHECKING, WRITING = "checking", "writing"
STEPS = 50  # the import reports its progress this many times per phase


def _key(upload):
    return f"import-{upload.pk}-{upload.started_at.timestamp()}"


def report(upload, phase, done, total):
    try:
        caches["progress"].set(_key(upload), {"phase": phase, "done": done, "total": total})
    except Exception:  # noqa: BLE001 - the page's numbers are not worth the import
        logger.warning("Could not record the progress of import %s", upload.pk, exc_info=True)


def reporter(upload, phase, total):
    """A callback for ``on_progress(n)`` that reports every ``total / STEPS`` rows."""
    step = max(1, total // STEPS)

    def on_progress(number):
        if number % step == 0 or number == total:
            report(upload, phase, number, total)

    report(upload, phase, 0, total)
    return on_progress


def read(upload):
    """``{"phase", "done", "total", "percent"}`` of a running import, or None."""
    if upload.status != upload.Status.IMPORTING or upload.started_at is None:
        return None
    try:
        found = caches["progress"].get(_key(upload))
    except Exception:  # noqa: BLE001
        logger.warning("Could not read the progress of import %s", upload.pk, exc_info=True)
        return None
    if not found:
        return None
    total = found["total"]
    return {**found, "percent": min(100, found["done"] * 100 // total) if total else 100}


def forget(upload):
    try:
        caches["progress"].delete(_key(upload))
    except Exception:  # noqa: BLE001
        logger.warning("Could not delete the progress of import %s", upload.pk, exc_info=True)
