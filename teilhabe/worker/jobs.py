"""A file the worker makes for a reader (the consideration table's PDF, the
implementation report): one row per file with ``status`` (queued, running, done,
failed), ``started_at``, ``finished_at`` and ``error``. The rules every such row follows,
said once: a running job whose worker stopped counts as failed after ``stale_after``;
one run claims a queued row under its lock; a failure is recorded, not swallowed."""

import logging

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


def state(job, stale_after, now=None):
    """The status readers see: a job running longer than ``stale_after`` failed."""
    now = now or timezone.now()
    if job.status == RUNNING and job.started_at and now - job.started_at > stale_after:
        return FAILED
    return job.status


def claim(queryset, pk, **fields):
    """The row ``pk``, moved from queued to running (and ``fields`` set) under its lock;
    None if there is no such row or another run has it."""
    with transaction.atomic():
        job = queryset.select_for_update().filter(pk=pk).first()
        if job is None or job.status != QUEUED:
            return None
        job.status = RUNNING
        job.started_at = timezone.now()
        for name, value in fields.items():
            setattr(job, name, value)
        job.save(update_fields=["status", "started_at", *fields])
    return job


def fail(job, error):
    """Record ``error`` on the job (logged with its traceback); the caller re-raises."""
    logger.exception("%s %s failed", type(job).__name__, job.pk)
    job.status = FAILED
    job.error = f"{type(error).__name__}: {error}"[:2000]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])


def delete_with_files(queryset):
    """Every row of ``queryset`` deleted with its stored ``file``; returns how many.
    The row first, then its file: a failure between the two leaves a file without a row
    (harmless), never a row whose file is gone."""
    deleted = 0
    for job in queryset.only("pk", "file"):
        name, storage = job.file.name, job.file.storage
        job.delete()
        if name:
            storage.delete(name)
        deleted += 1
    return deleted
