"""Handing work to the background."""

from django.db import transaction
from django_tasks import task_backends


def enqueue(task, *args, run_after=None, **kwargs):
    """Enqueue ``task`` as part of the current transaction.

    With the database backend the task row is written in the caller's transaction, so a
    rollback removes it with the change that caused it (a transactional outbox). Other
    backends (Redis, Celery) cannot join the transaction; for them the task is enqueued
    once the transaction has committed.
    """
    if run_after is not None:
        task = task.using(run_after=run_after)
    backend = task_backends[task.backend]
    if type(backend).__module__.startswith("django_tasks_db"):
        return task.enqueue(*args, **kwargs)
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
    return None
