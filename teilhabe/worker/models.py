from django.db import models


class ScheduledRun(models.Model):
    """One run of a periodic task in one period. The unique constraint makes sure that
    however many workers run, each period enqueues the task once."""

    task_path = models.CharField(max_length=200)
    period = models.CharField(max_length=40)
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task_path", "period"], name="scheduled_run_once")
        ]

    def __str__(self):
        return f"{self.task_path} ({self.period})"


class WorkerProcess(models.Model):
    """A running ``worker`` process. Its heartbeat keeps ``last_seen`` fresh; a worker not
    seen for TEILHABE_WORKER_TIMEOUT_SECONDS counts as dead, and the tasks it was running
    are taken back (teilhabe.worker.liveness)."""

    worker_id = models.CharField(max_length=64, unique=True)  # as passed to db_worker
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} ({self.host}, pid {self.pid})"


class TaskDone(models.Model):
    """The work of one task run committed. Written in the same transaction as that work
    (``liveness.mark_task_done``), so a task re-run after its worker died between the
    commit and the task's own "successful" mark does nothing twice."""

    task_id = models.CharField(max_length=64, unique=True)
    done_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.task_id
