"""Housekeeping of the worker itself (scheduled in teilhabe.worker.schedule)."""

from django_tasks import task

from . import liveness


@task()
def forget_old_workers():
    """Delete the rows of long-dead worker processes and old done marks. Safe to re-run."""
    workers, marks = liveness.forget_old()
    return {"workers": workers, "done_marks": marks}
