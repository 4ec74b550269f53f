"""Queueing mail. Call ``queue_mail`` inside the transaction that causes the mail:
if that transaction rolls back, neither the mail nor its task exist. ``retry_mail``
sends a failed or interrupted mail once more (the office's mail log)."""

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from teilhabe.languages import content
from teilhabe.worker.services import enqueue

from .models import OutgoingMail


class MailError(Exception):
    """A request about a mail that its state does not allow; the message is for people."""


def queue_mail(
    *,
    to,
    subject,
    template,
    context=None,
    purpose,
    municipality=None,
    language=None,
    attachments=(),
    dedupe_key=None,
):
    """Render ``template`` (``<template>.txt``, optional ``<template>.html``) in the
    recipient's language and put the mail in the outbox. A ``dedupe_key`` already in
    the outbox raises IntegrityError (the mail exists; see OutgoingMail.dedupe_key)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    context = {**(context or {}), "municipality": municipality}
    with translation.override(language), content.use_municipality(municipality):
        body_text = render_to_string(f"{template}.txt", context)
        try:
            body_html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            body_html = ""
        subject = str(subject)
    mail = OutgoingMail.objects.create(
        municipality=municipality,
        purpose=purpose,
        to=to,
        subject=" ".join(subject.split()),
        body_text=body_text,
        body_html=body_html,
        language=language,
        attachments=list(attachments),
        dedupe_key=dedupe_key,
    )
    from .tasks import deliver_mail

    enqueue(deliver_mail, mail.pk)
    return mail


def retry_mail(mail):
    """Put a FAILED or INTERRUPTED mail back in the queue for one more delivery. Under
    the row lock, so pressing the button twice queues it once. Raises MailError for a
    mail in any other state (queued, being sent, sent)."""
    from .tasks import deliver_mail

    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
        if not mail.retryable:
            raise MailError(_("Only a failed or interrupted mail can be sent again."))
        mail.status = OutgoingMail.Status.QUEUED
        mail.save(update_fields=["status"])
        enqueue(deliver_mail, mail.pk)
    return mail
