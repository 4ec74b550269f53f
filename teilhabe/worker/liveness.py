"""Which worker processes are alive, and what happens to the tasks of a dead one.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again:
a worker killed during a task (SIGKILL, out of memory, power loss) would leave it RUNNING
for ever. So every ``worker`` process registers itself (``WorkerProcess``, with the id it
hands to db_worker) and a heartbeat keeps ``last_seen`` fresh. Every worker, at start and
with each heartbeat, reclaims the RUNNING tasks whose claiming worker (the last entry of
``worker_ids``) has not been seen for TEILHABE_WORKER_TIMEOUT_SECONDS: they go back to
READY and run again. A worker id that never registered counts as dead once the task
started longer ago than the timeout. A task abandoned more than
TEILHABE_WORKER_MAX_RECLAIMS times is marked failed instead of looping for ever, and
``task_finished`` is sent for it as db_worker does for any failed task.

Rules for the tasks themselves: reclaiming means a task may run again after it was
killed half way, or after its work committed but before it was marked successful. Each
task must therefore be safe to re-run: its effects and its "done" marks in one
transaction (``mark_task_done`` for tasks without a mark of their own), or per-item
marks (the mail outbox).

Safe with several workers at once: each reclaim is one conditional UPDATE (still RUNNING,
same claim, claimant still not seen), so two reclaimers take a task back once. A worker
never reclaims its own tasks, and it beats just before it reclaims.
"""

import logging
import os
import socket
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import TaskResultStatus, task_backends
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from .models import TaskDone, WorkerProcess

logger = logging.getLogger(__name__)

# Rows kept for looking back: dead workers, and the done marks of tasks (a task is
# re-run within minutes of its worker's death, unless no worker runs at all for weeks).
FORGET_WORKERS_AFTER = timedelta(days=7)
FORGET_DONE_MARKS_AFTER = timedelta(days=90)


class WorkerLost(Exception):  # noqa: N818 - the name is what the task result shows
    """Recorded as the error of a task given up after its workers died too often."""


def heartbeat_seconds():
    return settings.TEILHABE_WORKER_TIMEOUT_SECONDS / 12


def new_worker_id():
    """Unique across hosts and restarts; db_worker accepts at most 63 characters."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(12)}"


def register(worker_id):
    now = timezone.now()
    return WorkerProcess.objects.create(
        worker_id=worker_id,
        host=socket.gethostname()[:255],
        pid=os.getpid(),
        started_at=now,
        last_seen=now,
    )


def beat(worker_id):
    """This worker is alive. (Its row comes back if it was cleaned away meanwhile.)"""
    now = timezone.now()
    if not WorkerProcess.objects.filter(worker_id=worker_id).update(last_seen=now):
        WorkerProcess.objects.update_or_create(
            worker_id=worker_id,
            defaults={"last_seen": now},
            create_defaults={
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": now,
                "last_seen": now,
            },
        )


def unregister(worker_id):
    """A worker that stops cleanly has finished its task; it leaves nothing to reclaim."""
    WorkerProcess.objects.filter(worker_id=worker_id).delete()


def reclaim_abandoned(*, by="", now=None):
    """Take back the RUNNING tasks of dead workers (see the module's docstring).
    ``by`` is the calling worker, whose own tasks are never touched. Returns the number
    of tasks put back in the queue and the number given up."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TEILHABE_WORKER_TIMEOUT_SECONDS)
    reclaimed = given_up = 0
    running = DBTaskResult.objects.running().only("id", "worker_ids", "started_at", "task_path")
    for result in running:
        claimant = result.worker_ids[-1] if result.worker_ids else ""
        if claimant and claimant == by:
            continue
        known = WorkerProcess.objects.filter(worker_id=claimant)
        # The whole judgement sits in the UPDATE, so it holds at the moment of writing:
        # still this claim, claimant not seen since the cutoff, and either a registered
        # worker or (unknown id) a task that started before the cutoff.
        abandoned = DBTaskResult.objects.filter(
            Q(pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at)
            & ~Exists(known.filter(last_seen__gte=cutoff))
            & (Exists(known) | Q(started_at__lt=cutoff))
        )
        if len(result.worker_ids) > settings.TEILHABE_WORKER_MAX_RECLAIMS:
            reason = (
                f"Given up: the worker running this task died {len(result.worker_ids)} "
                f"times (last {claimant or 'unknown'}, not seen since before "
                f"{cutoff.isoformat()})."
            )
            if abandoned.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=reason,
                return_value=None,
            ):
                given_up += 1
                logger.error("Task %s (%s): %s", result.pk, result.task_path, reason)
                _announce_failure(result.pk)
        elif abandoned.update(status=TaskResultStatus.READY):
            reclaimed += 1
            logger.warning(
                "Task %s (%s) abandoned by worker %s; back in the queue.",
                result.pk,
                result.task_path,
                claimant or "unknown",
            )
    return reclaimed, given_up


def _announce_failure(result_id):
    """Send ``task_finished`` for a task given up here, as db_worker does for a task that
    failed while it ran, so that the task's app can settle what the task left half done
    (e.g. the mail outbox, teilhabe.mail.tasks)."""
    result = DBTaskResult.objects.get(pk=result_id)
    try:
        task_result = result.task_result
    except ImportError:
        logger.exception("Task %s names a task that no longer exists", result_id)
        return
    task_finished.send(sender=type(task_backends[result.backend_name]), task_result=task_result)


def mark_task_done(context):
    """Record, inside the caller's transaction, that this task's work is done. Returns
    False if an earlier run of the same task already committed it: then the caller does
    nothing. Call it first thing in the transaction that does the work."""
    try:
        with transaction.atomic():
            TaskDone.objects.create(task_id=str(context.task_result.id))
    except IntegrityError:
        return False
    return True


def forget_old(now=None):
    """Delete the rows of long-dead workers and old done marks."""
    now = now or timezone.now()
    workers, _ = WorkerProcess.objects.filter(last_seen__lt=now - FORGET_WORKERS_AFTER).delete()
    marks, _ = TaskDone.objects.filter(done_at__lt=now - FORGET_DONE_MARKS_AFTER).delete()
    return workers, marks
