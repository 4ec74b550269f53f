"""Scheduled housekeeping of the consultation (teilhabe.worker.schedule)."""

from django_tasks import task

from . import comments


@task()
def delete_unconfirmed_comments():
    """Unconfirmed comments whose confirmation link expired go, with their address."""
    return comments.delete_unconfirmed()
