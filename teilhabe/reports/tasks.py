"""The reports' background work: laying out an implementation report's PDF."""

from django_tasks import task

from . import services


@task()
def make_report(report_id):
    """Lay out an implementation report (``services.make``)."""
    return services.make(report_id)
