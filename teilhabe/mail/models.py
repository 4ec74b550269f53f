from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.tenants.models import Municipality

# Delivery guarantees: what happens to a mail whose sending was interrupted (the worker
# died between "attempt started" and "attempt finished", so nobody knows whether the mail
# server took it).
#
# At least once: sent again. A lost mail is worse than a duplicate, and the mail is
# idempotent (a second copy of the same link, seat, calendar file or notice changes
# nothing). Both copies carry the same Message-ID, so mail programs can tell.
AT_LEAST_ONCE_PURPOSES = frozenset(
    {
        "event_opt_in",  # the double opt-in link: without it the registration expires
        "event_confirmed",  # the seat, the calendar file and the access data
        "event_promoted",  # a seat from the waiting list
        "event_cancelled",  # the registration is cancelled (by the person or the office)
        "event_event_cancelled",  # the event is cancelled: nobody should travel to it
        "event_invitation",  # the personal invitation link to an invitation-only event
        "password_reset",  # the reset link; the person waits for it
        "account_invitation",  # the link to choose a password for a new staff account
        "login_locked",  # the log-in lock-out notice (a warning about an attack)
        "consultation_comment_confirm",  # without the link the comment is never published
        "representation_claim_confirm",  # without the link the request never reaches the office
        "representation_claim_verified",  # the new representative's link to choose a password
    }
)
# At most once: every other purpose (reminders, feedback requests, status-report
# reminders to departments, waiting-list notices). A duplicate is worse than a loss
# (people read the second reminder as spam or as a second event), and nothing is lost
# for good: the mail is marked INTERRUPTED, the office sees it in its mail log and can
# send it again (``services.retry_mail``).

# What each purpose is called in the office's mail log; an unknown purpose shows its code.
PURPOSE_LABELS = {
    "event_opt_in": _("Registration: confirmation link"),
    "event_confirmed": _("Registration confirmed"),
    "event_waiting": _("Waiting list"),
    "event_promoted": _("Seat from the waiting list"),
    "event_cancelled": _("Registration cancelled"),
    "event_event_cancelled": _("Event cancelled"),
    "event_reminder": _("Event reminder"),
    "event_feedback": _("Feedback request"),
    "event_invitation": _("Invitation"),
    "event_personal_links": _("Personal links"),
    "event_message": _("Message to participants"),
    "status_reminder": _("Status report reminder"),
    "password_reset": _("Password reset"),
    "account_invitation": _("Account invitation"),
    "profile_change_refused": _("Profile change refused"),
    "login_locked": _("Log-in locked"),
    "consultation_comment_confirm": _("Comment: confirmation link"),
    "consultation_moderation_waiting": _("Comments wait for moderation"),
    "representation_claim_confirm": _("Request to represent: confirmation link"),
    "representation_claim_verified": _("Request to represent: verified"),
    "representation_claim_refused": _("Request to represent: refused"),
    "representative_added": _("Representative added"),
    "body_meeting_scheduled": _("Invitation to a meeting of a body"),
    "body_meeting_cancelled": _("Cancellation of a meeting of a body"),
}


class OutgoingMailQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        """The municipality's mails, as its office sees them in the mail log."""
        return self.filter(municipality=municipality)


class OutgoingMail(models.Model):
    """One mail to one recipient. Holds personal data (address, text) only until the
    retention period after sending ends (TEILHABE_MAIL_RETENTION_DAYS).

    An attempt is recorded before the mail server is called (SENDING, ``attempts``,
    ``attempt_task_id``, ``attempted_at``, committed) and its outcome after it, in a
    second transaction (teilhabe.mail.tasks)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("being sent")
        RETRYING = "retrying", _("waiting for another attempt")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        INTERRUPTED = "interrupted", _("interrupted – delivery unknown")

    # Nothing more happens to these by itself; they are deleted after the retention period.
    FINISHED = (Status.SENT, Status.FAILED, Status.INTERRUPTED)
    # The office can send these once more (services.retry_mail).
    RETRYABLE = (Status.FAILED, Status.INTERRUPTED)

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
    # The current or last attempt: the task making it, and when it began.
    attempt_task_id = models.CharField(max_length=64, blank=True)
    attempted_at = models.DateTimeField(null=True, blank=True)
    # Set on mails written by a task after the request that caused them (e.g.
    # "registration:<id>:confirmed", teilhabe.events.notifications.write_mail): the
    # database holds each such mail to one row, however often or in how many workers
    # its task runs.
    dedupe_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        indexes = [models.Index(fields=["status", "sent_at"])]

    def __str__(self):
        return f"{self.purpose} → {self.to} ({self.status})"

    @property
    def purpose_label(self):
        return PURPOSE_LABELS.get(self.purpose, self.purpose)

    @property
    def retryable(self):
        return self.status in self.RETRYABLE

    @property
    def at_least_once(self):
        """Sent again when an attempt was interrupted (see AT_LEAST_ONCE_PURPOSES)."""
        return self.purpose in AT_LEAST_ONCE_PURPOSES
