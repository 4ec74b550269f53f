"""The imports' background work: checking an uploaded file, importing it, and deleting
the files of abandoned uploads (scheduled in teilhabe.worker.schedule)."""

import logging

from django.dispatch import receiver
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished

from . import services

logger = logging.getLogger(__name__)


@task()
def check_import(upload_id):
    """Check every row of an upload, counting the progress (``services.check``)."""
    return services.check(upload_id)


@task()
def run_import(upload_id):
    """Import a confirmed upload, all or nothing (``services.run_import``)."""
    return services.run_import(upload_id)


@task()
def forget_abandoned_uploads():
    """Cancel uploads left unconfirmed and delete their files (``services``). Safe to
    re-run."""
    cancelled, cleared = services.forget_abandoned()
    return {"cancelled": cancelled, "cleared": cleared}


@receiver(task_finished)
def settle_failed_import(sender, task_result, **kwargs):
    """A ``run_import`` that failed without recording it (given up after its workers
    died, or the record itself failed): the upload is shown as failed, not as being
    imported for ever, and its file is deleted."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    if task_result.task.module_path != run_import.module_path:
        return
    try:
        services.fail_import(task_result.args[0], "The worker running the import stopped.")
    except Exception:  # noqa: BLE001 - a receiver must not break the worker's loop
        logger.exception("Could not settle import task %s", task_result.id)
