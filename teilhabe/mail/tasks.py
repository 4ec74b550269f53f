"""Delivering the outbox.

A mail is sent in three steps, so that a worker killed at any point neither loses nor
repeats it unnoticed:

1. claim (short transaction, row lock): QUEUED/RETRYING -> SENDING, ``attempts`` + 1,
   ``attempt_task_id`` = this task, ``attempted_at``; committed before anything is sent;
2. send, outside any transaction (no lock held while the mail server talks);
3. record (short transaction): SENT, or RETRYING with a growing pause, or FAILED.

A task that finds its mail SENDING by another task does nothing: two tasks never both
send one mail. A task that finds its mail SENDING by itself was re-run after its worker
died during step 2 (teilhabe.worker.liveness): nobody knows whether the mail server took
the mail. The mail's delivery guarantee decides (models.AT_LEAST_ONCE_PURPOSES): send
again, or mark it INTERRUPTED for the office. The same happens when the task ends as
failed while its attempt is open (an error after sending, a forced stop, or a task
given up after its workers died too often): ``settle_failed_delivery``.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished

from teilhabe.worker.services import enqueue

from .models import OutgoingMail

logger = logging.getLogger(__name__)

Status = OutgoingMail.Status


@task(queue_name="mail", takes_context=True)
def deliver_mail(context, mail_id):
    """Send one mail (see the module's docstring). A failed send is tried again later,
    up to TEILHABE_MAIL_MAX_ATTEMPTS times in all, with a growing pause."""
    mail, outcome = _claim(mail_id, str(context.task_result.id))
    if mail is None:
        return outcome
    try:
        _message(mail).send()
    except Exception as error:  # noqa: BLE001 - any failure of the mail server
        return _record(mail, error=f"{type(error).__name__}: {error}"[:2000])
    return _record(mail)


def _claim(mail_id, task_id):
    """Step 1. Returns the claimed mail, or None and why nothing is to be sent."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None:
            return None, "nothing to do"
        if mail.status == Status.SENDING:
            if mail.attempt_task_id != task_id:
                return None, "being sent by another task"
            # This task was re-run after its worker died while sending.
            if not _interrupted(mail):
                mail.save(update_fields=["status", "last_error"])
                return None, mail.status
        elif mail.status not in {Status.QUEUED, Status.RETRYING}:
            return None, "nothing to do"
        mail.status = Status.SENDING
        mail.attempts += 1
        mail.attempt_task_id = task_id
        mail.attempted_at = timezone.now()
        mail.save(
            update_fields=["status", "attempts", "attempt_task_id", "attempted_at", "last_error"]
        )
        return mail, mail.status


def _interrupted(mail):
    """The open attempt of ``mail`` (SENDING, row locked) ended without an outcome.
    Returns True if the mail is to be sent again; otherwise it is now INTERRUPTED (at
    most once) or FAILED (at least once, but out of attempts). The caller saves."""
    mail.last_error = (
        f"Attempt {mail.attempts} (task {mail.attempt_task_id}, started "
        f"{mail.attempted_at:%Y-%m-%d %H:%M:%S %Z}) was interrupted before its outcome "
        "was recorded: the mail server may or may not have accepted the mail."
    )
    if not mail.at_least_once:
        mail.status = Status.INTERRUPTED
        logger.warning("Mail %s: %s Not sent again (at most once).", mail.pk, mail.last_error)
        return False
    if mail.attempts >= settings.TEILHABE_MAIL_MAX_ATTEMPTS:
        mail.status = Status.FAILED
        logger.error("Mail %s failed for good: %s", mail.pk, mail.last_error)
        return False
    logger.warning("Mail %s: %s Sent again (at least once).", mail.pk, mail.last_error)
    return True


def _message(mail):
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        headers={
            "Auto-Submitted": "auto-generated",
            # The same for every attempt: a mail sent twice (at least once) can be
            # recognised as one.
            "Message-ID": f"<outbox.{mail.pk}.{mail.created_at:%Y%m%d%H%M%S%f}@{DNS_NAME}>",
            # The language the mail is written in (RFC 3282), e.g. for a reader's voice.
            "Content-Language": mail.language,
        },
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    for attachment in mail.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


def _record(claimed, error=None):
    """Step 3. Only while the row still belongs to this attempt: a later attempt (this
    task re-run elsewhere after being taken for dead) records its own outcome. A mail
    marked INTERRUPTED meanwhile still learns what really happened."""
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update()
            .filter(
                pk=claimed.pk,
                attempts=claimed.attempts,
                status__in=[Status.SENDING, Status.INTERRUPTED],
            )
            .first()
        )
        if mail is None:
            return "outcome of a superseded attempt"
        if error is None:
            mail.status = Status.SENT
            mail.sent_at = timezone.now()
            mail.last_error = ""
        else:
            mail.last_error = error
            if mail.attempts >= settings.TEILHABE_MAIL_MAX_ATTEMPTS:
                mail.status = Status.FAILED
                logger.error("Mail %s failed for good: %s", mail.pk, mail.last_error)
            else:
                _retry_later(mail)
        mail.save(update_fields=["status", "sent_at", "last_error"])
        return mail.status


def _retry_later(mail):
    mail.status = Status.RETRYING
    delay = settings.TEILHABE_MAIL_RETRY_SECONDS * 2 ** max(mail.attempts - 1, 0)
    enqueue(deliver_mail, mail.pk, run_after=timezone.now() + timedelta(seconds=delay))


@receiver(task_finished)
def settle_failed_delivery(sender, task_result, **kwargs):
    """A ``deliver_mail`` task that ended as failed with its attempt still open (an
    error after sending, a forced stop during it, or given up by the reclaim): treat the
    attempt as interrupted, and send again in a new task where the guarantee says so."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    if task_result.task.module_path != deliver_mail.module_path:
        return
    try:
        _settle(mail_id=task_result.args[0], task_id=str(task_result.id))
    except Exception:  # noqa: BLE001 - a receiver must not break the worker's loop
        logger.exception("Could not settle mail task %s", task_result.id)


def _settle(mail_id, task_id):
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update()
            .filter(pk=mail_id, status=Status.SENDING, attempt_task_id=task_id)
            .first()
        )
        if mail is None:
            return
        if _interrupted(mail):
            _retry_later(mail)
        mail.save(update_fields=["status", "last_error"])


@task(queue_name="mail")
def purge_sent_mail():
    """Delete finished mails (sent, failed, interrupted) older than the retention period
    (personal data). Safe to re-run."""
    cutoff = timezone.now() - timedelta(days=settings.TEILHABE_MAIL_RETENTION_DAYS)
    deleted, _ = OutgoingMail.objects.filter(
        status__in=OutgoingMail.FINISHED, created_at__lt=cutoff
    ).delete()
    return deleted
