"""Mail goes out only through the outbox task: once after commit, never after a
rollback, and again after a failed attempt. Real worker code, real SMTP client
against a local aiosmtpd server."""

from datetime import timedelta

import pytest
from django.core.mail.utils import DNS_NAME
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from teilhabe.mail.models import OutgoingMail
from teilhabe.mail.services import MailError, queue_mail, retry_mail
from teilhabe.mail.tasks import _record, deliver_mail, purge_sent_mail
from teilhabe.worker.liveness import reclaim_abandoned
from teilhabe.worker.services import enqueue
from tests.worker.helpers import abandon, task_of


def run_worker():
    call_command("worker", batch=True, interval=0, verbosity=0)


def queue_test_mail(to="person@example.org", purpose="test"):
    return queue_mail(
        to=to,
        subject="Ihre Anmeldung",
        template="accounts/mail/password_reset",
        purpose=purpose,
        context={"user": None, "uid": "x", "token": "y", "base_url": "http://x"},
    )


@pytest.mark.django_db(transaction=True)
def test_mail_is_sent_exactly_once_after_commit(smtp_server):
    server = smtp_server()
    with transaction.atomic():
        mail = queue_test_mail()
    run_worker()
    run_worker()  # a second worker run must not send it again
    assert len(server.received) == 1
    assert server.received[0].rcpt_tos == ["person@example.org"]
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert mail.attempts == 1
    # Another task for the same mail is harmless too.
    with transaction.atomic():
        enqueue(deliver_mail, mail.pk)
    run_worker()
    assert len(server.received) == 1


@pytest.mark.django_db(transaction=True)
def test_no_mail_and_no_task_for_a_rolled_back_change(smtp_server):
    from django_tasks_db.models import DBTaskResult

    server = smtp_server()
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_test_mail()
        raise RuntimeError("the change that caused the mail failed")
    assert OutgoingMail.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
    run_worker()
    assert server.received == []


@pytest.mark.django_db(transaction=True)
def test_a_failed_send_is_retried(smtp_server):
    server = smtp_server(refuse=2)
    with transaction.atomic():
        mail = queue_test_mail()
    run_worker()
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert mail.attempts == 3
    assert len(server.received) == 1


@pytest.mark.django_db(transaction=True)
def test_a_mail_that_keeps_failing_is_given_up(smtp_server, settings):
    settings.TEILHABE_MAIL_MAX_ATTEMPTS = 3
    server = smtp_server(refuse=10)
    with transaction.atomic():
        mail = queue_test_mail()
    run_worker()
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.FAILED
    assert mail.attempts == 3
    assert "451" in mail.last_error
    assert server.received == []


@pytest.mark.django_db
def test_old_finished_mails_are_deleted_after_the_retention_period(settings):
    settings.TEILHABE_MAIL_RETENTION_DAYS = 30
    S = OutgoingMail.Status

    def mail(status, days_old):
        created = OutgoingMail.objects.create(
            purpose="t", to=f"{status}@example.org", subject="s", body_text="b", status=status
        )
        OutgoingMail.objects.filter(pk=created.pk).update(
            created_at=timezone.now() - timedelta(days=days_old)
        )
        return created.pk

    for status in [S.SENT, S.FAILED, S.INTERRUPTED]:
        mail(status, 31)
    kept = {mail(S.SENT, 0), mail(S.INTERRUPTED, 0)}
    kept |= {mail(status, 90) for status in [S.QUEUED, S.SENDING, S.RETRYING]}
    assert purge_sent_mail.call() == 3
    assert set(OutgoingMail.objects.values_list("pk", flat=True)) == kept


# --- An attempt interrupted by a dead worker ------------------------------------------
# The real kill (SIGKILL of a worker process during the SMTP conversation) is tested in
# tests/worker/test_kill.py; these tests start from the state it leaves behind.


def interrupt(mail):
    """The mail SENDING by its task, the task RUNNING on a worker that is gone."""
    result = task_of(deliver_mail, mail.pk)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.SENDING,
        attempts=1,
        attempt_task_id=str(result.pk),
        attempted_at=timezone.now() - timedelta(hours=1),
    )
    abandon(DBTaskResult.objects.filter(pk=result.pk))
    return result


@pytest.mark.django_db(transaction=True)
def test_an_interrupted_at_least_once_mail_is_sent_again_with_the_same_message_id(smtp_server):
    server = smtp_server()
    with transaction.atomic():
        mail = queue_test_mail(purpose="event_opt_in")
    interrupt(mail)
    run_worker()
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert mail.attempts == 2
    assert server.recipients() == {"person@example.org": 1}
    assert list(server.message_ids()) == [
        f"<outbox.{mail.pk}.{mail.created_at:%Y%m%d%H%M%S%f}@{DNS_NAME}>"
    ]


@pytest.mark.django_db(transaction=True)
def test_an_interrupted_at_most_once_mail_is_not_sent_again_and_says_why(smtp_server):
    server = smtp_server()
    with transaction.atomic():
        mail = queue_test_mail(purpose="event_reminder")
    result = interrupt(mail)
    run_worker()
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.INTERRUPTED
    assert mail.get_status_display() == "unterbrochen – Zustellung ungewiss"
    assert mail.attempts == 1
    assert f"Attempt 1 (task {result.pk}" in mail.last_error
    assert "may or may not have accepted" in mail.last_error
    assert server.received == []
    run_worker()
    assert server.received == []


@pytest.mark.django_db(transaction=True)
def test_a_mail_being_sent_by_another_task_is_left_alone(smtp_server):
    server = smtp_server()
    with transaction.atomic():
        mail = queue_test_mail(purpose="event_opt_in")
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.SENDING, attempts=1, attempt_task_id="another-task"
    )
    run_worker()
    assert server.received == []
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (OutgoingMail.Status.SENDING, 1)
    assert task_of(deliver_mail, mail.pk).return_value == "being sent by another task"


@pytest.mark.django_db(transaction=True)
def test_an_at_least_once_mail_interrupted_too_often_fails(smtp_server, settings):
    settings.TEILHABE_MAIL_MAX_ATTEMPTS = 1
    server = smtp_server()
    with transaction.atomic():
        mail = queue_test_mail(purpose="event_opt_in")
    interrupt(mail)
    run_worker()
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.FAILED
    assert "interrupted" in mail.last_error
    assert server.received == []


@pytest.mark.parametrize(
    ("purpose", "status"),
    [
        ("password_reset", OutgoingMail.Status.SENT),
        ("status_reminder", OutgoingMail.Status.INTERRUPTED),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_a_delivery_given_up_by_the_reclaim_leaves_no_mail_sending(
    smtp_server, settings, purpose, status
):
    """The worker died during this delivery more often than TEILHABE_WORKER_MAX_RECLAIMS:
    the task is failed, and the mail follows its guarantee instead of staying SENDING."""
    settings.TEILHABE_WORKER_MAX_RECLAIMS = 1
    server = smtp_server()
    with transaction.atomic():
        mail = queue_test_mail(purpose=purpose)
    result = interrupt(mail)
    abandon(DBTaskResult.objects.filter(pk=result.pk), worker_ids=["first", "second"])
    assert reclaim_abandoned() == (0, 1)
    run_worker()
    mail.refresh_from_db()
    assert mail.status == status
    assert server.recipients() == ({mail.to: 1} if status == OutgoingMail.Status.SENT else {})


# --- Sending a failed or interrupted mail again (the office's mail log) --------------


@pytest.mark.parametrize("status", [OutgoingMail.Status.FAILED, OutgoingMail.Status.INTERRUPTED])
@pytest.mark.django_db(transaction=True)
def test_retry_mail_sends_a_failed_or_interrupted_mail_once(smtp_server, status):
    server = smtp_server()
    with transaction.atomic():
        mail = queue_test_mail(purpose="event_reminder")
    OutgoingMail.objects.filter(pk=mail.pk).update(status=status, attempts=5)
    DBTaskResult.objects.all().delete()
    retry_mail(mail)
    with pytest.raises(MailError):  # pressed twice: queued once
        retry_mail(mail)
    run_worker()
    run_worker()
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert server.recipients() == {"person@example.org": 1}


@pytest.mark.django_db(transaction=True)
def test_a_retried_mail_that_fails_again_is_failed_at_once(smtp_server, settings):
    settings.TEILHABE_MAIL_MAX_ATTEMPTS = 2
    smtp_server(refuse=10)
    with transaction.atomic():
        mail = queue_test_mail()
    run_worker()
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (OutgoingMail.Status.FAILED, 2)
    retry_mail(mail)
    run_worker()
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (OutgoingMail.Status.FAILED, 3)


@pytest.mark.parametrize(
    "status", [OutgoingMail.Status.QUEUED, OutgoingMail.Status.SENDING, OutgoingMail.Status.SENT]
)
@pytest.mark.django_db
def test_retry_mail_refuses_a_mail_that_is_not_failed_or_interrupted(status):
    mail = queue_test_mail()
    OutgoingMail.objects.filter(pk=mail.pk).update(status=status)
    tasks_before = DBTaskResult.objects.count()
    with pytest.raises(MailError) as refused:
        retry_mail(mail)
    assert str(refused.value) == (
        "Nur eine fehlgeschlagene oder unterbrochene Mail kann erneut gesendet werden."
    )
    mail.refresh_from_db()
    assert mail.status == status
    assert DBTaskResult.objects.count() == tasks_before


@pytest.mark.django_db
def test_only_the_current_attempt_records_its_outcome():
    """An attempt taken for dead (its task re-run elsewhere) that finishes after all
    must not overwrite a later attempt; if the mail was only marked interrupted, what
    really happened is recorded."""
    mail = queue_test_mail(purpose="event_opt_in")
    OutgoingMail.objects.filter(pk=mail.pk).update(status=OutgoingMail.Status.SENDING, attempts=2)
    stale = OutgoingMail.objects.get(pk=mail.pk)
    stale.attempts = 1
    assert _record(stale) == "outcome of a superseded attempt"
    assert OutgoingMail.objects.get(pk=mail.pk).status == OutgoingMail.Status.SENDING

    OutgoingMail.objects.filter(pk=mail.pk).update(status=OutgoingMail.Status.INTERRUPTED)
    current = OutgoingMail.objects.get(pk=mail.pk)
    assert _record(current) == OutgoingMail.Status.SENT
    assert OutgoingMail.objects.get(pk=mail.pk).sent_at is not None


def test_every_purpose_the_code_queues_has_a_name_in_the_mail_log():
    """The office's mail log names and filters mails by purpose: a purpose without a
    label would show as its code."""
    import re
    from pathlib import Path

    from teilhabe.mail.models import AT_LEAST_ONCE_PURPOSES, PURPOSE_LABELS

    root = Path(__file__).resolve().parents[2] / "teilhabe"
    used = set()
    for path in root.rglob("*.py"):
        used |= set(re.findall(r'purpose="([a-z_]+)"', path.read_text()))
    assert used, "no purposes found: the pattern is out of date"
    assert used - set(PURPOSE_LABELS) == set()
    assert AT_LEAST_ONCE_PURPOSES <= set(PURPOSE_LABELS)
