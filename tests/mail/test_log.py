"""The office's mail log: its municipality's mails only, filters, a fixed number of
queries, sending a failed or interrupted mail again after a confirmation (once, however
often it is asked: test_retry_races.py), and the retention rule (a deleted mail is gone
from the log)."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.models import Role
from teilhabe.mail.models import OutgoingMail
from teilhabe.mail.tasks import purge_sent_mail
from tests.conftest import make_user_with_role

Status = OutgoingMail.Status


def log_url(municipality, **query):
    url = reverse("mail:log", kwargs={"municipality": municipality.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def retry_url(mail):
    return reverse("mail:retry", kwargs={"municipality": mail.municipality.slug, "pk": mail.pk})


def make_mail(municipality, to="anna@example.org", purpose="event_reminder", **fields):
    return OutgoingMail.objects.create(
        municipality=municipality,
        purpose=purpose,
        to=to,
        subject="Erinnerung",
        body_text="Hallo",
        **fields,
    )


def office(municipality):
    return make_user_with_role(municipality, Role.Kind.OFFICE_ADMIN)


def test_the_office_sees_its_mails_with_state_and_error(client, municipality, other_municipality):
    make_mail(municipality, to="anna@example.org", status=Status.SENT, attempts=1)
    make_mail(
        municipality,
        to="bert@example.org",
        purpose="event_invitation",
        status=Status.FAILED,
        attempts=5,
        last_error="SMTPRecipientsRefused: bert",
    )
    make_mail(other_municipality, to="leipzig@example.org")
    client.force_login(office(municipality))
    page = client.get(log_url(municipality)).content.decode()
    assert "anna@example.org" in page and "bert@example.org" in page
    assert "SMTPRecipientsRefused: bert" in page
    assert "Einladung" in page  # the purpose's label
    assert "leipzig@example.org" not in page
    # Only the failed mail can be sent again.
    assert page.count('href="/dresden/postausgang/') == 1


def test_filters_by_state_and_purpose(client, municipality):
    make_mail(municipality, to="sent@example.org", status=Status.SENT)
    make_mail(municipality, to="failed@example.org", status=Status.FAILED)
    make_mail(municipality, to="invited@example.org", purpose="event_invitation")
    client.force_login(office(municipality))
    page = client.get(log_url(municipality, status="failed")).content.decode()
    assert "failed@example.org" in page
    assert "sent@example.org" not in page and "invited@example.org" not in page
    page = client.get(log_url(municipality, purpose="event_invitation")).content.decode()
    assert "invited@example.org" in page
    assert "sent@example.org" not in page and "failed@example.org" not in page
    # An unknown value is an error in the user's language and filters nothing.
    response = client.get(log_url(municipality, status="lost"))
    assert "gültige Auswahl" in response.content.decode()
    assert response.context["paginator"].count == 3


def test_the_log_runs_a_fixed_number_of_queries(client, municipality):
    client.force_login(office(municipality))
    make_mail(municipality, status=Status.FAILED)
    client.get(log_url(municipality))  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(log_url(municipality)).status_code == 200
    for number in range(30):
        make_mail(municipality, to=f"p{number}@example.org", status=Status.INTERRUPTED)
    with CaptureQueriesContext(connection) as many:
        assert client.get(log_url(municipality)).status_code == 200
    assert len(many) == len(few)


def test_another_municipalitys_office_sees_and_retries_nothing(
    client, municipality, other_municipality
):
    mail = make_mail(municipality, status=Status.FAILED)
    client.force_login(office(other_municipality))
    assert client.get(log_url(municipality)).status_code == 403
    # Through its own municipality's address, our mail does not exist.
    foreign = reverse("mail:retry", kwargs={"municipality": other_municipality.slug, "pk": mail.pk})
    assert client.get(foreign).status_code == 404
    assert client.post(foreign).status_code == 404
    assert client.post(retry_url(mail)).status_code == 403
    mail.refresh_from_db()
    assert mail.status == Status.FAILED


def test_a_moderator_sees_no_mail_log(client, municipality):
    client.force_login(make_user_with_role(municipality, Role.Kind.MODERATOR))
    assert client.get(log_url(municipality)).status_code == 403


def test_retrying_asks_first_then_queues_the_mail(client, municipality):
    mail = make_mail(municipality, status=Status.INTERRUPTED, attempts=1)
    client.force_login(office(municipality))
    page = client.get(retry_url(mail)).content.decode()
    assert "zweite Kopie" in page
    mail.refresh_from_db()
    assert mail.status == Status.INTERRUPTED  # the GET changed nothing
    response = client.post(retry_url(mail), follow=True)
    assert "erneut gesendet" in response.content.decode()
    mail.refresh_from_db()
    assert mail.status == Status.QUEUED
    # A mail that is not failed or interrupted is refused with a message.
    response = client.post(retry_url(mail), follow=True)
    assert "Nur eine fehlgeschlagene" in response.content.decode()


def test_a_mail_deleted_after_the_retention_period_is_gone_from_the_log(
    client, municipality, settings
):
    old = make_mail(municipality, to="old@example.org", status=Status.SENT)
    OutgoingMail.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.TEILHABE_MAIL_RETENTION_DAYS + 1)
    )
    make_mail(municipality, to="new@example.org", status=Status.SENT)
    client.force_login(office(municipality))
    assert "old@example.org" in client.get(log_url(municipality)).content.decode()
    purge_sent_mail.call()
    page = client.get(log_url(municipality)).content.decode()
    assert "old@example.org" not in page
    assert "new@example.org" in page
