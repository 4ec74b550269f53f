from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.tenants.models import Municipality


class OutgoingMail(models.Model):
    """One mail to one recipient. Holds personal data (address, text) only until the
    retention period after sending ends (TEILHABE_MAIL_RETENTION_DAYS)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RETRYING = "retrying", _("waiting for another attempt")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=60)
    to = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML text"), blank=True)
    # [{"filename": ..., "content": text, "mimetype": ...}], e.g. a calendar file.
    attachments = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=20, default="de")
    status = models.CharField(max_length=20, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        indexes = [models.Index(fields=["status", "sent_at"])]

    def __str__(self):
        return f"{self.purpose} → {self.to} ({self.status})"
