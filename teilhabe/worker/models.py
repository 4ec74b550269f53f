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
