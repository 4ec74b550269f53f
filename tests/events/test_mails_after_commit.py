"""The mails of registering and confirming are written by the worker after the request
committed (teilhabe.events.notifications.write_mail): in the registrant's language with
the calendar file, never for a registration that rolled back, once however often or in
how many workers the task runs, and not when the registration has moved on. The seat
transaction's commit waits for the disk after the lock, not inside it
(teilhabe.events.locking)."""

import email
import email.policy
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from teilhabe.events import notifications, services
from teilhabe.events.models import Registration
from teilhabe.mail.models import OutgoingMail
from tests.events.factories import EventFactory
from tests.worker.helpers import abandon
from tests.worker.test_kill import WAIT, start_worker  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db(transaction=True)

S = Registration.Status


def run_worker():
    call_command("worker", batch=True, interval=0, verbosity=0)


def mails_of(registration):
    return sorted(
        OutgoingMail.objects.filter(to=registration.email).values_list("purpose", flat=True)
    )


def write_mail_tasks():
    return DBTaskResult.objects.filter(task_path=notifications.write_mail.module_path)


@pytest.fixture
def event(municipality):
    return EventFactory(municipality=municipality, title="Sprachcafé", capacity=1)


def test_the_request_writes_no_mail_only_its_task(event):
    registration = services.register(event, {"name": "Ana", "email": "ana@example.org"})
    assert not OutgoingMail.objects.exists()
    (task,) = write_mail_tasks()
    assert task.args_kwargs["args"] == [registration.pk, "opt_in"]
    run_worker()
    services.confirm(registration)
    assert mails_of(registration) == ["event_opt_in"]
    assert write_mail_tasks().count() == 2
    run_worker()
    assert mails_of(registration) == ["event_confirmed", "event_opt_in"]


def test_the_worker_writes_in_the_registrants_language_with_the_calendar_file(event, settings):
    registration = services.register(
        event, {"name": "Olena", "email": "olena@example.org"}, language="uk"
    )
    run_worker()
    services.confirm(registration)
    run_worker()
    opt_in, confirmed = sorted(mail.outbox, key=lambda m: "ics" in str(m.attachments))
    assert opt_in.extra_headers["Content-Language"] == "uk"
    assert opt_in.subject == "Будь ласка, підтвердьте свою реєстрацію"
    assert f"{settings.TEILHABE_BASE_URL}/uk/" in opt_in.body  # the link opens in Ukrainian
    assert confirmed.extra_headers["Content-Language"] == "uk"
    ((filename, calendar, mimetype),) = confirmed.attachments
    assert (filename, mimetype) == (f"{event.slug}.ics", "text/calendar")
    assert "BEGIN:VEVENT" in calendar and "Sprachcafé" in calendar


def test_a_registration_that_rolls_back_sends_nothing(event):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.register(event, {"name": "Ana", "email": "ana@example.org"})
        raise RuntimeError("the request failed after registering")
    assert not Registration.objects.exists()
    assert not write_mail_tasks().exists()
    run_worker()
    assert not OutgoingMail.objects.exists() and mail.outbox == []


def test_a_task_run_again_after_its_worker_died_writes_no_mail_twice(event):
    """The worker was killed after the mail was written and committed, before the task
    was marked done: the task runs again and finds the mail written."""
    registration = services.register(event, {"name": "Ana", "email": "ana@example.org"})
    run_worker()
    assert len(mail.outbox) == 1
    assert abandon(write_mail_tasks()) == 1
    run_worker()  # takes the abandoned task back and runs it again
    assert [t.return_value for t in write_mail_tasks()] == ["already written"]
    assert mails_of(registration) == ["event_opt_in"]
    assert len(mail.outbox) == 1


def test_two_workers_never_send_the_same_mail_twice(event, smtp_server, start_worker):  # noqa: F811
    """Every task three times (as if re-run), two real worker processes at once: each
    person gets the one opt-in mail, once."""
    server = smtp_server()
    people = [
        services.register(event, {"name": f"P{n}", "email": f"p{n}@example.org"}) for n in range(20)
    ]
    for registration in people:
        for _ in range(2):
            notifications.write_mail.enqueue(registration.pk, "opt_in")
    start_worker(server.port), start_worker(server.port)
    deadline = time.monotonic() + WAIT
    while write_mail_tasks().exclude(status="SUCCESSFUL").exists() or (
        OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT).exists()
    ):
        assert time.monotonic() < deadline, "the workers did not finish"
        time.sleep(0.1)
    assert OutgoingMail.objects.filter(purpose="event_opt_in").count() == 20
    assert server.recipients() == {r.email: 1 for r in people}
    subjects = {
        email.message_from_bytes(e.original_content, policy=email.policy.default)["Subject"]
        for e in server.received
    }
    assert subjects == {"Bitte bestätigen Sie Ihre Anmeldung"}


def test_no_waiting_list_mail_once_the_person_has_moved_up(event):
    """Promoted (or gone) before the worker wrote the waiting-list mail: the person is
    told of the seat only, not of a waiting-list place they no longer hold."""
    first = services.register(event, {"name": "Ana", "email": "ana@example.org"})
    second = services.register(event, {"name": "Ben", "email": "ben@example.org"})
    run_worker()
    services.confirm(first)
    assert services.confirm(second).status == S.WAITING
    services.cancel(first)  # Ben moves up at once
    run_worker()
    assert mails_of(second) == ["event_opt_in", "event_promoted"]
    assert mails_of(first) == ["event_cancelled", "event_opt_in"]  # no seat mail either
    (waiting_task,) = [t for t in write_mail_tasks() if t.args_kwargs["args"][1] == "waiting"]
    assert waiting_task.return_value == "outdated"


@pytest.mark.postgres  # synchronous_commit is PostgreSQL's
def test_the_seat_decision_is_on_disk_before_the_answer(event):
    """The locking transaction commits without waiting for the disk (the lock is free
    at once) and the caller then waits for it: when ``confirm`` returns, the log is
    flushed past the commit."""
    registration = services.register(event, {"name": "Ana", "email": "ana@example.org"})
    committed_at = []

    def note_the_end_of_the_log():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()")
            committed_at.append(cursor.fetchone()[0])

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"
        # Runs first after the commit, before the lock's own callback.
        transaction.on_commit(note_the_end_of_the_log)
        services.confirm(registration)
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "off"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_flush_lsn() >= %s::pg_lsn", committed_at)
        assert cursor.fetchone()[0] is True


def test_registering_and_confirming_run_a_fixed_number_of_queries(
    client, event, django_assert_num_queries
):
    """The requests of a rush: the registration, with nothing but the earlier-registration
    look-up, the row and the mail's task in its transaction; the confirmation, with
    the lock, the registration, the seat count, the change and the task. The same
    number for the first person and the hundredth."""
    path = f"/{event.municipality.slug}/veranstaltungen/{event.slug}/anmelden/"
    on_postgresql = connection.vendor == "postgresql"
    for number in range(3):
        fields = {"name": f"P{number}", "email": f"p{number}@example.org", "consent": "on"}
        # Municipality, event, its audience groups; BEGIN, earlier registration,
        # insert, task, COMMIT.
        with django_assert_num_queries(8):
            assert client.post(path, fields).status_code == 200
    for registration in Registration.objects.order_by("pk"):
        confirm_path = (
            f"/{event.municipality.slug}/veranstaltungen/anmeldung/"
            f"{services.personal_token(registration)}/bestaetigen/"
        )
        # Municipality, registration; BEGIN, (PostgreSQL: commit without waiting for
        # the disk) lock, registration, seats taken, update, task, COMMIT, (PostgreSQL:
        # wait for the disk); then, after the commit, the seats left changed: the
        # content version's row in the shared cache (count, BEGIN, read, write, COMMIT).
        with django_assert_num_queries(16 if on_postgresql else 14):
            assert client.post(confirm_path).status_code == 302
