"""Mail goes out only through the outbox task: once after commit, never after a
rollback, and again after a failed attempt. Real worker code, real SMTP client
against a local aiosmtpd server."""

import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import transaction

from teilhabe.mail.models import OutgoingMail
from teilhabe.mail.services import queue_mail
from teilhabe.mail.tasks import deliver_mail, purge_sent_mail


class RecordingHandler:
    """Accepts mail, or refuses the first ``refuse`` messages with a temporary error."""

    def __init__(self, refuse=0):
        self.refuse = refuse
        self.received = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                return "451 Temporary local problem, try again later"
            self.received.append(envelope)
        return "250 Message accepted"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    def start(refuse=0):
        handler = RecordingHandler(refuse=refuse)
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        started.append(controller)
        return handler

    started = []
    yield start
    for controller in started:
        controller.stop()


def run_worker():
    call_command("worker", batch=True, interval=0, verbosity=0)


def queue_test_mail(to="person@example.org"):
    return queue_mail(
        to=to,
        subject="Ihre Anmeldung",
        template="accounts/mail/password_reset",
        purpose="test",
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
    # Running the task again by hand is harmless too.
    deliver_mail.call(mail.pk)
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
def test_old_mails_are_deleted_after_the_retention_period(settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.TEILHABE_MAIL_RETENTION_DAYS = 30
    old = OutgoingMail.objects.create(
        purpose="t", to="a@example.org", subject="s", body_text="b", status=OutgoingMail.Status.SENT
    )
    OutgoingMail.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = OutgoingMail.objects.create(
        purpose="t", to="b@example.org", subject="s", body_text="b", status=OutgoingMail.Status.SENT
    )
    queued = OutgoingMail.objects.create(
        purpose="t", to="c@example.org", subject="s", body_text="b"
    )
    OutgoingMail.objects.filter(pk=queued.pk).update(created_at=timezone.now() - timedelta(days=90))
    assert purge_sent_mail.call() == 1
    assert set(OutgoingMail.objects.values_list("pk", flat=True)) == {recent.pk, queued.pk}
