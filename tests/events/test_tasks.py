"""The scheduled event tasks: reminders, expiry, feedback requests and deletion of
personal data, each run twice to show it does nothing twice."""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from teilhabe.events import services, tasks
from teilhabe.events.models import Event, Invitation, Registration
from teilhabe.mail.models import OutgoingMail
from teilhabe.worker.schedule import SCHEDULE, enqueue_due
from tests.events.factories import (
    AudienceGroupFactory,
    EventFactory,
    InvitationFactory,
    RegistrationFactory,
)
from tests.worker.helpers import abandon_after_commit

S = Registration.Status


def mails(purpose):
    return Counter(OutgoingMail.objects.filter(purpose=purpose).values_list("to", flat=True))


def linked_registration(body, suffix):
    """The registration the personal link (ending in ``suffix``) in a mail points to."""
    token = re.search(rf"/anmeldung/([^/\s]+)/{suffix}(\s|$)", body).group(1)
    return services.registration_from_token(token)


def past_event(municipality, days_ago, **kwargs):
    starts = timezone.now() - timedelta(days=days_ago, hours=6)
    return EventFactory(
        municipality=municipality, starts_at=starts, ends_at=starts + timedelta(hours=6), **kwargs
    )


def test_event_tasks_are_scheduled():
    paths = {path for path, _ in SCHEDULE}
    assert {
        "teilhabe.events.tasks.send_reminders",
        "teilhabe.events.tasks.expire_unconfirmed",
        "teilhabe.events.tasks.request_feedback",
        "teilhabe.events.tasks.delete_personal_data",
    } <= paths


# --- Reminders --------------------------------------------------------------------------


def test_reminder_goes_to_confirmed_registrants_once(municipality):
    event = EventFactory(
        municipality=municipality,
        starts_at=timezone.now() + timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=1, hours=3),
        reminder_days_before=2,
    )
    confirmed = RegistrationFactory(event=event, email="da@example.org")
    RegistrationFactory(event=event, status=S.WAITING, email="wartet@example.org")
    RegistrationFactory(event=event, status=S.PENDING, email="offen@example.org")
    RegistrationFactory(event=event, status=S.CANCELLED, email="abgesagt@example.org")
    later = EventFactory(
        municipality=municipality,
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=3),
        reminder_days_before=2,
    )
    RegistrationFactory(event=later, email="spaeter@example.org")

    assert tasks.send_reminders.call() == 1
    assert mails("event_reminder") == {"da@example.org": 1}
    body = OutgoingMail.objects.get(purpose="event_reminder").body_text
    assert linked_registration(body, "") == confirmed
    assert Event.objects.get(pk=event.pk).reminder_sent_at is not None
    assert Event.objects.get(pk=later.pk).reminder_sent_at is None
    assert tasks.send_reminders.call() == 0
    assert mails("event_reminder") == {"da@example.org": 1}


def test_no_reminder_for_cancelled_or_started_events(municipality):
    soon = timezone.now() + timedelta(hours=5)
    cancelled = EventFactory(
        municipality=municipality,
        starts_at=soon,
        ends_at=soon + timedelta(hours=2),
        status=Event.Status.CANCELLED,
    )
    RegistrationFactory(event=cancelled)
    started = past_event(municipality, 0)
    RegistrationFactory(event=started)
    assert tasks.send_reminders.call() == 0
    assert not OutgoingMail.objects.filter(purpose="event_reminder").exists()


# --- Expiry -----------------------------------------------------------------------------


def test_expire_task_expires_old_pending_registrations(municipality, settings):
    settings.TEILHABE_EVENT_OPT_IN_HOURS = 48
    event = EventFactory(municipality=municipality)
    old = RegistrationFactory(event=event, status=S.PENDING)
    fresh = RegistrationFactory(event=event, status=S.PENDING)
    Registration.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    assert tasks.expire_unconfirmed.call() == 1
    assert Registration.objects.get(pk=old.pk).status == S.EXPIRED
    assert Registration.objects.get(pk=fresh.pk).status == S.PENDING
    assert tasks.expire_unconfirmed.call() == 0


# --- Feedback ---------------------------------------------------------------------------


def test_feedback_goes_to_the_checked_in_once(municipality, settings):
    settings.TEILHABE_BASE_URL = "https://teilhabe.example"
    event = past_event(municipality, 1)
    came = RegistrationFactory(event=event, email="kam@example.org", checked_in_at=event.starts_at)
    RegistrationFactory(event=event, email="fehlte@example.org", is_no_show=True)
    RegistrationFactory(event=event, status=S.WAITING, email="wartete@example.org")

    assert tasks.request_feedback.call() == 1
    assert mails("event_feedback") == {"kam@example.org": 1}
    body = OutgoingMail.objects.get(purpose="event_feedback").body_text
    assert "https://teilhabe.example/dresden/veranstaltungen/anmeldung/" in body
    assert linked_registration(body, "rueckmeldung/") == came
    assert tasks.request_feedback.call() == 0
    assert mails("event_feedback") == {"kam@example.org": 1}


def test_feedback_goes_to_all_confirmed_when_nobody_was_checked_in(municipality):
    event = past_event(municipality, 2)
    RegistrationFactory(event=event, email="a@example.org")
    RegistrationFactory(event=event, email="b@example.org")
    RegistrationFactory(event=event, status=S.CANCELLED, email="c@example.org")
    upcoming = EventFactory(municipality=municipality)
    RegistrationFactory(event=upcoming, email="d@example.org")
    long_ago = past_event(municipality, 400)
    RegistrationFactory(event=long_ago, email="e@example.org")

    assert tasks.request_feedback.call() == 2
    assert mails("event_feedback") == {"a@example.org": 1, "b@example.org": 1}
    assert Event.objects.get(pk=event.pk).feedback_requested_at is not None
    assert Event.objects.get(pk=upcoming.pk).feedback_requested_at is None


# --- Deletion of personal data ----------------------------------------------------------


@pytest.fixture
def finished(municipality, settings):
    """An event that ended just over the retention period ago, with its people."""
    settings.TEILHABE_EVENT_RETENTION_DAYS = 90
    group = AudienceGroupFactory(municipality=municipality, name="Migrantenorganisationen")
    event = past_event(municipality, 91, access=Event.Access.INVITATION)
    came = RegistrationFactory(
        event=event,
        email="kam@example.org",
        name="Ana Beispiel",
        organisation_name="Verein Beispiel e. V.",
        organisation_type="migrant",
        audience_group=group,
        interpretation_language="Arabisch",
        accessibility_needs="Rollstuhl",
        dietary_needs="vegetarisch",
        checked_in_at=event.starts_at,
    )
    absent = RegistrationFactory(event=event, email="fehlte@example.org", is_no_show=True)
    waited = RegistrationFactory(event=event, status=S.WAITING, email="wartete@example.org")
    InvitationFactory(event=event, email="kam@example.org", registration=came)
    InvitationFactory(event=event, email="ungenutzt@example.org")
    for registration in (came, absent, waited):
        services.notifications.confirmed(registration, services.personal_token(registration))
    OutgoingMail.objects.update(status=OutgoingMail.Status.SENT, sent_at=timezone.now())
    # A mail whose delivery was interrupted is finished too: it goes with the others.
    OutgoingMail.objects.filter(to="fehlte@example.org").update(
        status=OutgoingMail.Status.INTERRUPTED
    )
    return {"event": event, "came": came, "absent": absent, "waited": waited, "group": group}


def test_personal_data_is_deleted_after_the_retention_period(finished, municipality):
    event, came = finished["event"], finished["came"]
    recent = past_event(municipality, 30)
    kept = RegistrationFactory(event=recent, email="neu@example.org")
    other_mail_queued = OutgoingMail.objects.create(
        municipality=municipality, purpose="event_opt_in", to="kam@example.org", subject="x"
    )

    assert tasks.delete_personal_data.call() == 3
    rows = {r.pk: r for r in Registration.objects.filter(event=event)}
    assert all(r.is_anonymised and r.name == "" for r in rows.values())
    assert {r.email for r in rows.values()} == {f"deleted-{pk}@invalid" for pk in rows}
    anonymous = rows[came.pk]
    assert anonymous.organisation_name == anonymous.interpretation_language == ""
    assert anonymous.accessibility_needs == anonymous.dietary_needs == ""
    assert not Invitation.objects.filter(event=event).exists()
    assert not OutgoingMail.objects.filter(
        to__in=["kam@example.org", "fehlte@example.org"]
    ).exclude(pk=other_mail_queued.pk)
    assert OutgoingMail.objects.filter(pk=other_mail_queued.pk).exists()
    assert Event.objects.get(pk=event.pk).personal_data_deleted_at is not None
    # The recent event keeps everything.
    assert Registration.objects.get(pk=kept.pk).email == "neu@example.org"
    assert Event.objects.get(pk=recent.pk).personal_data_deleted_at is None
    # Running again changes nothing.
    assert tasks.delete_personal_data.call() == 0
    assert Registration.objects.get(pk=came.pk).email == f"deleted-{came.pk}@invalid"


def test_statistics_survive_the_deletion(finished):
    tasks.delete_personal_data.call()
    rows = Registration.objects.filter(event=finished["event"])
    assert Counter(rows.values_list("status", flat=True)) == {S.CONFIRMED: 2, S.WAITING: 1}
    came = rows.get(pk=finished["came"].pk)
    assert came.checked_in_at == finished["came"].checked_in_at
    assert came.audience_group == finished["group"]
    assert came.organisation_type == "migrant"
    assert rows.get(pk=finished["absent"].pk).is_no_show
    assert rows.filter(checked_in_at__isnull=False).count() == 1


def test_personal_link_stops_working_after_the_deletion(finished, client):
    token = services.personal_token(finished["came"])
    url = f"/dresden/veranstaltungen/anmeldung/{token}/bestaetigen/"
    assert services.registration_from_token(token) == finished["came"]
    assert client.get(url).status_code == 200
    tasks.delete_personal_data.call()
    assert services.registration_from_token(token) is None
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_no_feedback_request_once_personal_data_is_gone(municipality, settings):
    """An event inside the feedback window whose personal data is already gone (deleted
    early, or between the task's look-up and its lock) is left alone."""
    settings.TEILHABE_EVENT_RETENTION_DAYS = 90
    event = past_event(municipality, 1)
    RegistrationFactory(event=event, email="kam@example.org", checked_in_at=event.starts_at)
    assert tasks._delete_personal_data(event.pk) == 1
    assert tasks.request_feedback.call() == 0
    assert mails("event_feedback") == Counter()
    event.refresh_from_db()
    assert event.feedback_requested_at is None


# --- Through the worker -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_worker_runs_the_schedule_and_sends_each_reminder_once(municipality):
    event = EventFactory(
        municipality=municipality,
        starts_at=timezone.now() + timedelta(hours=20),
        ends_at=timezone.now() + timedelta(hours=23),
    )
    RegistrationFactory(event=event, email="da@example.org")
    call_command("worker", batch=True, interval=0, verbosity=0)
    # The reminder task queued the mail; the next run delivers it.
    call_command("worker", batch=True, interval=0, verbosity=0)
    assert enqueue_due() == []  # this period already ran
    call_command("worker", batch=True, interval=0, verbosity=0)
    assert [message.to for message in mail.outbox] == [["da@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_scheduled_tasks_run_again_after_their_worker_died_do_nothing_twice(municipality, settings):
    """Reclaim runs a task again whose worker was killed after its work committed but
    before it was marked successful: the per-event marks keep every mail to one."""
    settings.TEILHABE_EVENT_RETENTION_DAYS = 90
    soon = EventFactory(
        municipality=municipality,
        starts_at=timezone.now() + timedelta(hours=20),
        ends_at=timezone.now() + timedelta(hours=23),
    )
    RegistrationFactory(event=soon, email="bald@example.org")
    RegistrationFactory(event=past_event(municipality, 2), email="war-da@example.org")
    RegistrationFactory(event=past_event(municipality, 91), email="lange-her@example.org")
    call_command("worker", batch=True, interval=0, verbosity=0)
    call_command("worker", batch=True, interval=0, verbosity=0)
    outbox = Counter(tuple(message.to) for message in mail.outbox)
    assert outbox == {("bald@example.org",): 1, ("war-da@example.org",): 1}
    queued = Counter(OutgoingMail.objects.values_list("purpose", flat=True))
    anonymised = Registration.objects.filter(is_anonymised=True).count()
    assert anonymised == 1

    assert abandon_after_commit() > 0
    call_command("worker", batch=True, interval=0, verbosity=0)
    call_command("worker", batch=True, interval=0, verbosity=0)
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
    assert Counter(tuple(message.to) for message in mail.outbox) == outbox
    assert Counter(OutgoingMail.objects.values_list("purpose", flat=True)) == queued
    assert Registration.objects.filter(is_anonymised=True).count() == anonymised
