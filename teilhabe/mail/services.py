"""Queueing mail. Call ``queue_mail`` inside the transaction that causes the mail:
if that transaction rolls back, neither the mail nor its task exist."""

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from teilhabe.worker.services import enqueue

from .models import OutgoingMail


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
):
    """Render ``template`` (``<template>.txt``, optional ``<template>.html``) in the
    recipient's language and put the mail in the outbox."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    context = {**(context or {}), "municipality": municipality}
    with translation.override(language):
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
    )
    from .tasks import deliver_mail

    enqueue(deliver_mail, mail.pk)
    return mail
