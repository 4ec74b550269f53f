"""Tasks that run on a schedule, and the clock that enqueues them.

Each entry names a task and how often it runs. The ``worker`` command calls
``enqueue_due()`` once a minute; ScheduledRun keeps each period to one run even with
several workers. Later features (reminders, deletion of event data) add entries here.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun
from .services import enqueue

DAILY = "%Y-%m-%d"
HOURLY = "%Y-%m-%dT%H"

SCHEDULE = [
    ("teilhabe.mail.tasks.purge_sent_mail", DAILY),
    ("teilhabe.worker.tasks.forget_old_workers", DAILY),
    ("teilhabe.accounts.tasks.forget_old_login_attempts", HOURLY),
    ("teilhabe.events.tasks.send_reminders", HOURLY),
    ("teilhabe.events.tasks.expire_unconfirmed", HOURLY),
    ("teilhabe.events.tasks.request_feedback", HOURLY),
    ("teilhabe.events.tasks.delete_personal_data", DAILY),
    ("teilhabe.consultation.tasks.delete_unconfirmed_comments", HOURLY),
    ("teilhabe.consultation.tasks.delete_old_pdfs", DAILY),
    ("teilhabe.reports.tasks.delete_old_drafts", DAILY),
    ("teilhabe.directory.tasks.purge_claims", DAILY),
    ("teilhabe.imports.tasks.forget_abandoned_uploads", HOURLY),
]


def enqueue_due(now=None):
    """Enqueue every scheduled task whose current period has not run yet. Returns the
    paths of the tasks enqueued."""
    now = timezone.localtime(now or timezone.now())
    enqueued = []
    for path, period_format in SCHEDULE:
        period = now.strftime(period_format)
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(task_path=path, period=period)
                enqueue(import_string(path))
        except IntegrityError:
            continue
        enqueued.append(path)
    return enqueued
