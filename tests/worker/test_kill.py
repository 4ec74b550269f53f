"""A real worker process killed (SIGKILL) in the middle of a batch of mails neither
loses nor duplicates one: the next worker takes the abandoned task back and the mail's
guarantee decides. Real worker processes (``manage.py worker``) on the test's database,
a real SMTP server (aiosmtpd) in the test process that holds the conversation of one
mail, after RCPT TO and before any data, until the test has killed the worker."""

import time

import pytest
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from teilhabe.mail.models import OutgoingMail
from teilhabe.mail.services import queue_mail, retry_mail
from teilhabe.worker.models import WorkerProcess
from tests.worker.processes import worker_processes

S = OutgoingMail.Status
WAIT = 120  # seconds: generous, the machine may be busy


@pytest.fixture
def start_worker(transactional_db, tmp_path):
    """Start ``manage.py worker`` processes on the test database that send through the
    given SMTP port; every one still running is stopped at the end."""
    with worker_processes(tmp_path) as start:
        yield lambda smtp_port: start(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
        )


def wait_until(condition, what):
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"waited {WAIT} s for: {what}"
        time.sleep(0.1)


def queue_batch(count, purpose):
    with transaction.atomic():
        return [
            queue_mail(
                to=f"person{number}@example.org",
                subject="Bitte bestätigen Sie Ihre Anmeldung",
                template="accounts/mail/password_reset",
                purpose=purpose,
                context={"user": None, "uid": "x", "token": "y", "base_url": "http://x"},
            )
            for number in range(1, count + 1)
        ]


def tasks_in(*statuses):
    return DBTaskResult.objects.filter(status__in=statuses).count()


def kill_while_sending(start_worker, server, held_address, sent_before):
    """Start a worker, let it send until the server holds ``held_address``, SIGKILL it
    there. Returns the mail it was sending, as the dead worker left it."""
    first = start_worker(server.port)
    assert server.holding.wait(WAIT), "the worker never reached the held mail"
    first.kill()
    first.wait(timeout=30)
    server.release.set()
    assert len(server.received) == sent_before  # mid-batch: these went out before
    held = OutgoingMail.objects.get(to=held_address)
    # The attempt was recorded (committed) before the SMTP conversation began.
    assert (held.status, held.attempts) == (S.SENDING, 1)
    task = DBTaskResult.objects.get(pk=held.attempt_task_id)
    assert task.status == TaskResultStatus.RUNNING
    assert WorkerProcess.objects.filter(worker_id=task.worker_ids[-1]).exists()
    return held


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_loses_and_duplicates_no_at_least_once_mail(smtp_server, start_worker):
    count = 30
    server = smtp_server(hold="person10@example.org")
    queue_batch(count, purpose="event_opt_in")
    held = kill_while_sending(start_worker, server, "person10@example.org", sent_before=9)

    start_worker(server.port)
    wait_until(lambda: OutgoingMail.objects.filter(status=S.SENT).count() == count, "all sent")
    wait_until(lambda: tasks_in("READY", "RUNNING") == 0, "no task left")

    everyone = {f"person{number}@example.org": 1 for number in range(1, count + 1)}
    assert server.recipients() == everyone  # 0 lost, 0 duplicated
    assert set(server.message_ids().values()) == {1}
    assert len(server.message_ids()) == count
    held.refresh_from_db()
    assert held.attempts == 2
    assert OutgoingMail.objects.exclude(pk=held.pk).filter(attempts=1).count() == count - 1


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_leaves_an_at_most_once_mail_interrupted_for_the_office(
    smtp_server, start_worker
):
    count = 5
    server = smtp_server(hold="person3@example.org")
    queue_batch(count, purpose="event_reminder")
    held = kill_while_sending(start_worker, server, "person3@example.org", sent_before=2)

    start_worker(server.port)
    wait_until(lambda: tasks_in("READY", "RUNNING") == 0, "every task finished")
    held.refresh_from_db()
    assert held.status == S.INTERRUPTED
    assert held.get_status_display() == "unterbrochen – Zustellung ungewiss"
    assert "Attempt 1 (task" in held.last_error
    assert "may or may not have accepted the mail" in held.last_error
    others = OutgoingMail.objects.exclude(pk=held.pk)
    assert set(others.values_list("status", flat=True)) == {S.SENT}
    assert server.recipients()[held.to] == 0  # not sent again by the new worker

    retry_mail(held)  # the office sends it again
    wait_until(lambda: OutgoingMail.objects.get(pk=held.pk).status == S.SENT, "retry sent")
    wait_until(lambda: tasks_in("READY", "RUNNING") == 0, "every task finished")
    everyone = {f"person{number}@example.org": 1 for number in range(1, count + 1)}
    assert server.recipients() == everyone
