"""Putting tasks into the state a killed worker leaves them in."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def abandon(results, *, worker_ids=("killed-worker",), started_ago=timedelta(hours=1)):
    """Mark ``results`` (a DBTaskResult queryset) RUNNING, claimed by ``worker_ids[-1]``
    that is not registered and started ``started_ago``: as if the worker had been killed
    while running them."""
    return results.update(
        status=TaskResultStatus.RUNNING,
        worker_ids=list(worker_ids),
        started_at=timezone.now() - started_ago,
        finished_at=None,
    )


def abandon_after_commit():
    """Every finished task as if its worker had been killed after the task's work
    committed but before the task was marked successful."""
    return abandon(DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL))


def task_of(task, *args):
    """The one task row of ``task`` with these arguments."""
    (result,) = [
        r
        for r in DBTaskResult.objects.filter(task_path=task.module_path)
        if r.args_kwargs["args"] == list(args)
    ]
    return result
