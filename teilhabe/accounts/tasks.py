"""Scheduled work of the accounts (teilhabe.worker.schedule)."""

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def forget_old_login_attempts():
    """Failed log-ins (e-mail address, client address, browser) are personal data kept
    only to lock out guessing: once their cool-off is over they are deleted. Returns the
    number of rows deleted."""
    from axes.models import AccessAttempt

    cutoff = timezone.now() - settings.AXES_COOLOFF_TIME
    deleted, _ = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()
    return deleted
