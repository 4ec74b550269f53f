"""The reports' background work: laying out an implementation report's PDF, and
deleting old unpublished ones (teilhabe.worker.schedule)."""

from django_tasks import task

from . import services


@task()
def make_report(report_id):
    """Lay out an implementation report (``services.make``)."""
    return services.make(report_id)


@task()
def delete_old_drafts():
    """Unpublished reports older than 30 days go, with their files."""
    return services.delete_old_drafts()
