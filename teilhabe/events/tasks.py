"""Scheduled work of the events (teilhabe.worker.schedule): reminders before an event,
expiry of unconfirmed registrations, feedback requests after it, and deletion of
personal data once the retention period has passed.

Each task may run again at any time (a second worker, a retried run) without doing
anything twice: the per-event markers (reminder_sent_at, feedback_requested_at,
personal_data_deleted_at) are checked again under ``lock_event`` and set in the same
transaction that queues the mails.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from teilhabe.mail.models import OutgoingMail

from . import notifications, services
from .locking import lock_event
from .models import Event, Registration


def _published():
    return Event.objects.filter(status=Event.Status.PUBLISHED)


# --- Reminders --------------------------------------------------------------------------


@task()
def send_reminders():
    """Remind confirmed registrants ``reminder_days_before`` days before the start, once
    per event. Returns the number of mails queued."""
    now = timezone.now()
    candidates = _published().filter(reminder_sent_at__isnull=True, starts_at__gt=now)
    sent = 0
    for event in candidates.only("pk", "starts_at", "reminder_days_before"):
        if now < event.starts_at - timedelta(days=event.reminder_days_before):
            continue
        sent += _remind(event.pk, now)
    return sent


def _remind(event_id, now):
    event = Event.objects.get(pk=event_id)
    try:
        return services.send_reminder(event, last_sent=None, now=now) or 0
    except services.RegistrationError:
        return 0  # cancelled or started since the candidates were read


# --- Unconfirmed registrations ----------------------------------------------------------


@task()
def expire_unconfirmed():
    """Registrations not confirmed within TEILHABE_EVENT_OPT_IN_HOURS expire."""
    return services.expire_unconfirmed()


# --- Feedback ---------------------------------------------------------------------------


def feedback_url(registration):
    with translation.override(registration.language):
        path = reverse(
            "events:feedback",
            kwargs={
                "municipality": registration.event.municipality.slug,
                "token": services.personal_token(registration),
            },
        )
    return settings.TEILHABE_BASE_URL + path


@task()
def request_feedback():
    """After the event, ask the people who came (checked in) for feedback; if nobody was
    checked in, everyone confirmed. Once per event, and only while personal data is
    still kept. Returns the number of mails queued."""
    now = timezone.now()
    retention = timedelta(days=settings.TEILHABE_EVENT_RETENTION_DAYS)
    events = _published().filter(
        ends_at__lt=now, ends_at__gte=now - retention, feedback_requested_at__isnull=True
    )
    return sum(_request_feedback(pk, now) for pk in events.values_list("pk", flat=True))


def _request_feedback(event_id, now):
    with transaction.atomic():
        event = lock_event(event_id)
        # Whether personal data is still kept is decided here, under the lock, as the
        # deletion task decides it: never mail someone whose data is gone.
        if event.feedback_requested_at or event.personal_data_deleted_at:
            return 0
        people = event.registrations.filter(is_anonymised=False).select_related(
            "event__municipality"
        )
        attended = people.filter(checked_in_at__isnull=False)
        if not attended.exists():
            attended = people.filter(status=Registration.Status.CONFIRMED)
        count = 0
        for registration in attended:
            notifications.feedback_request(registration, feedback_url(registration))
            count += 1
        event.feedback_requested_at = now
        event.save(update_fields=["feedback_requested_at"])
        return count


# --- Deletion of personal data ----------------------------------------------------------


@task()
def delete_personal_data():
    """TEILHABE_EVENT_RETENTION_DAYS after an event ended, anonymise its registrations
    (statistics survive: status, audience group, organisation type, check-in, no-show),
    delete its invitations and the sent event mails to its registrants. Returns the
    number of registrations anonymised."""
    cutoff = timezone.now() - timedelta(days=settings.TEILHABE_EVENT_RETENTION_DAYS)
    events = Event.objects.filter(ends_at__lt=cutoff, personal_data_deleted_at__isnull=True)
    return sum(_delete_personal_data(pk) for pk in events.values_list("pk", flat=True))


def _delete_personal_data(event_id):
    with transaction.atomic():
        event = lock_event(event_id)
        if event.personal_data_deleted_at:
            return 0
        registrations = Registration.objects.filter(event=event, is_anonymised=False)
        emails = set(registrations.values_list("email", flat=True))
        # Mails still waiting to be sent belong to something still going on (another
        # event of the same person); finished ones about events go now.
        OutgoingMail.objects.filter(
            municipality_id=event.municipality_id,
            to__in=emails,
            purpose__startswith="event_",
            status__in=OutgoingMail.FINISHED,
        ).delete()
        event.invitations.all().delete()
        count = registrations.update(
            name="",
            email=Concat(Value("deleted-"), Cast("id", CharField()), Value("@invalid")),
            organisation=None,
            organisation_name="",
            interpretation_language="",
            accessibility_needs="",
            dietary_needs="",
            is_anonymised=True,
        )
        event.personal_data_deleted_at = timezone.now()
        event.save(update_fields=["personal_data_deleted_at"])
        return count
