"""Delivering the outbox."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from teilhabe.worker.services import enqueue

from .models import OutgoingMail

logger = logging.getLogger(__name__)


@task(queue_name="mail")
def deliver_mail(mail_id):
    """Send one mail once. The row is locked while it is sent, so two runs of this task
    cannot both send it; a failed send is tried again later, up to
    TEILHABE_MAIL_MAX_ATTEMPTS times in all, with a growing pause."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status in {OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED}:
            return "nothing to do"
        message = EmailMultiAlternatives(
            subject=mail.subject,
            body=mail.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[mail.to],
            headers={"Auto-Submitted": "auto-generated"},
        )
        if mail.body_html:
            message.attach_alternative(mail.body_html, "text/html")
        for attachment in mail.attachments:
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        mail.attempts += 1
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 - any failure of the mail server
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
            if mail.attempts >= settings.TEILHABE_MAIL_MAX_ATTEMPTS:
                mail.status = OutgoingMail.Status.FAILED
                logger.error("Mail %s failed for good: %s", mail.pk, mail.last_error)
            else:
                mail.status = OutgoingMail.Status.RETRYING
                delay = settings.TEILHABE_MAIL_RETRY_SECONDS * 2 ** (mail.attempts - 1)
                enqueue(deliver_mail, mail.pk, run_after=timezone.now() + timedelta(seconds=delay))
            mail.save(update_fields=["attempts", "status", "last_error"])
            return mail.status
        mail.status = OutgoingMail.Status.SENT
        mail.sent_at = timezone.now()
        mail.last_error = ""
        mail.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return mail.status


@task(queue_name="mail")
def purge_sent_mail():
    """Delete sent and failed mails older than the retention period (personal data)."""
    cutoff = timezone.now() - timedelta(days=settings.TEILHABE_MAIL_RETENTION_DAYS)
    deleted, _ = OutgoingMail.objects.filter(
        status__in=[OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED], created_at__lt=cutoff
    ).delete()
    return deleted
