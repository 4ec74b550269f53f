"""Scheduled housekeeping of the directory (teilhabe.worker.schedule)."""

from django_tasks import task

from . import claims


@task()
def purge_claims():
    """Requests to represent an organisation: unconfirmed ones whose link expired, and
    decided ones after ``claims.KEEP_DECIDED_DAYS``, go with their personal data."""
    return claims.purge_claims()
