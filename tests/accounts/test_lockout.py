"""Log-in lock-out (django-axes with teilhabe.accounts.lockout): per account and per
client address, the message in the visitor's language, one mail to the account holder,
the cool-off, and simultaneous wrong log-ins. SQLite and PostgreSQL."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.db.models import F, Sum
from django.http import HttpRequest
from django.urls import reverse

from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.factories import PASSWORD
from tests.simultaneous import Browser, post_at_once

LIMIT = 5
LOGIN = "/konto/anmelden/"
LOCKED_DE = "zu viele fehlgeschlagene Anmeldungen"
LOCKED_EN = "There were too many failed log-ins"
WRONG_DE = "stimmen nicht"


@pytest.fixture(autouse=True)
def lockout_settings(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def log_in(client, email, password, prefix="", address="127.0.0.1"):
    return client.post(
        f"{prefix}{LOGIN}", {"username": email, "password": password}, REMOTE_ADDR=address
    )


def logged_in(client):
    return "_auth_user_id" in client.session


def lockout_mails():
    return list(OutgoingMail.objects.filter(purpose="login_locked"))


def without_csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.django_db
def test_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused(client):
    user = factories.UserFactory(email="erika@example.org", full_name="Erika Muster")
    for _ in range(LIMIT - 1):
        response = log_in(client, "erika@example.org", "falsch")
        assert response.status_code == 200
        assert WRONG_DE in response.content.decode()
    assert lockout_mails() == []

    response = log_in(client, "erika@example.org", "falsch")  # the limit is reached
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED_DE in page
    assert "15 Minuten" in page

    response = log_in(client, "erika@example.org", PASSWORD)
    assert response.status_code == 429
    assert LOCKED_DE in response.content.decode()
    assert not logged_in(client)

    (mail,) = lockout_mails()
    assert mail.to == user.email
    assert mail.language == "de"
    assert mail.subject == "Ihr Konto ist vorübergehend gesperrt"
    assert mail.body_text.startswith("Guten Tag Erika,")
    assert "15 Minuten" in mail.body_text
    assert "http://testserver/konto/passwort-vergessen/" in mail.body_text


@pytest.mark.django_db
def test_lockout_message_and_mail_in_english(client):
    factories.UserFactory(email="erika@example.org", full_name="Erika Muster")
    for _ in range(LIMIT):
        response = log_in(client, "erika@example.org", "wrong", prefix="/en")
    assert response.status_code == 429
    response = log_in(client, "erika@example.org", PASSWORD, prefix="/en")
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED_EN in page
    assert "blocked for 15 minutes" in page
    assert not logged_in(client)
    (mail,) = lockout_mails()
    assert mail.language == "en"
    assert mail.subject == "Your account is locked for a while"
    assert "blocked for 15 minutes" in mail.body_text
    assert "http://testserver/en/konto/passwort-vergessen/" in mail.body_text


@pytest.mark.django_db
def test_the_address_spelt_differently_is_the_same_account(client):
    factories.UserFactory(email="erika@example.org")
    for spelling in ["Erika@Example.org", " ERIKA@example.org", "erika@example.org"] * 2:
        log_in(client, spelling, "falsch", address="10.0.0.1")
    # Five failures from one address would lock the address too; the right password
    # from another address shows that the account itself is locked.
    response = log_in(client, "erika@example.org", PASSWORD, address="10.0.0.2")
    assert response.status_code == 429
    assert len(lockout_mails()) == 1


@pytest.mark.django_db
def test_the_page_does_not_tell_whether_the_account_exists(client):
    factories.UserFactory(email="erika@example.org")
    for _ in range(LIMIT):
        log_in(client, "erika@example.org", "falsch", address="10.0.0.1")
        log_in(client, "niemand@example.org", "falsch", address="10.0.0.2")
    existing = log_in(client, "erika@example.org", "falsch", address="10.0.0.1")
    unknown = log_in(client, "niemand@example.org", "falsch", address="10.0.0.2")
    assert existing.status_code == unknown.status_code == 429
    assert without_csrf(existing.content.decode()) == without_csrf(unknown.content.decode())
    assert [mail.to for mail in lockout_mails()] == ["erika@example.org"]


@pytest.mark.django_db
def test_many_accounts_from_one_address_lock_the_address(client):
    users = [factories.UserFactory(email=f"person{n}@example.org") for n in range(LIMIT + 1)]
    for user in users[:LIMIT]:
        response = log_in(client, user.email, "falsch", address="192.0.2.7")
    assert response.status_code == 429
    # The next account's right password from that address is refused ...
    response = log_in(client, users[LIMIT].email, PASSWORD, address="192.0.2.7")
    assert response.status_code == 429
    assert LOCKED_DE in response.content.decode()
    assert not logged_in(client)
    # ... from another address it works: it is the address that is locked.
    response = log_in(client, users[LIMIT].email, PASSWORD, address="192.0.2.8")
    assert response.status_code == 302
    assert logged_in(client)
    # No account had its own failures up to the limit: nobody is mailed.
    assert lockout_mails() == []


@pytest.mark.django_db
def test_after_the_cool_off_the_right_password_works(client, settings):
    factories.UserFactory(email="erika@example.org")
    for _ in range(LIMIT):
        log_in(client, "erika@example.org", "falsch")
    assert log_in(client, "erika@example.org", PASSWORD).status_code == 429
    # Fourteen minutes later: still locked.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=14))
    assert log_in(client, "erika@example.org", PASSWORD).status_code == 429
    assert not logged_in(client)
    # The cool-off (15 minutes since the last failure) has passed: the old failures no
    # longer count, a person has the full number of tries again.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=2))
    for _ in range(LIMIT - 1):
        response = log_in(client, "erika@example.org", "falsch")
        assert response.status_code == 200
    response = log_in(client, "erika@example.org", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


@pytest.mark.django_db
def test_one_mail_per_lockout_and_a_new_one_for_the_next(client):
    factories.UserFactory(email="erika@example.org")
    for _ in range(LIMIT + 3):
        log_in(client, "erika@example.org", "falsch")
    assert log_in(client, "erika@example.org", PASSWORD).status_code == 429
    assert len(lockout_mails()) == 1
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    for _ in range(LIMIT + 1):
        log_in(client, "erika@example.org", "falsch")
    assert len(lockout_mails()) == 2


@pytest.mark.django_db
def test_no_mail_to_an_inactive_account(client):
    factories.UserFactory(email="erika@example.org", is_active=False)
    for _ in range(LIMIT):
        response = log_in(client, "erika@example.org", "falsch")
    assert response.status_code == 429
    assert lockout_mails() == []


@pytest.mark.django_db
def test_force_login_client_login_and_a_success_after_failures_still_work(client):
    user = factories.UserFactory(email="erika@example.org")
    for _ in range(LIMIT - 1):
        log_in(client, "erika@example.org", "falsch")
    assert log_in(client, "erika@example.org", PASSWORD).status_code == 302
    # A successful log-in does not count as a failure.
    total = AccessAttempt.objects.aggregate(total=Sum("failures_since_start"))["total"]
    assert total == LIMIT - 1
    client.logout()
    client.force_login(user)
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    # Tests that log in with a password pass a request, which axes needs.
    client.logout()
    assert client.login(request=HttpRequest(), username="erika@example.org", password=PASSWORD)
    assert client.get(reverse("accounts:dashboard")).status_code == 200


# --- Simultaneous wrong log-ins -------------------------------------------------------------

PEOPLE = 20


@pytest.mark.django_db(transaction=True)
def test_simultaneous_wrong_logins_try_no_more_passwords_than_the_limit(live_server):
    """Twenty wrong passwords for one account at the same moment. Without the place
    taken before the password check, several attempts pass axes' count before any
    failure is written, and more than the limit of passwords get tried."""
    factories.UserFactory(email="erika@example.org")
    split = urlsplit(live_server.url)
    answers = post_at_once(
        split.hostname,
        split.port,
        LOGIN,
        PEOPLE,
        lambda n: {"username": "erika@example.org", "password": f"falsch-{n}"},
    )
    statuses = [status for status, _ in answers]
    assert set(statuses) <= {200, 429}
    assert statuses.count(429) >= PEOPLE - LIMIT + 1
    # Only attempts whose password was checked count as failures (attempts refused
    # while locked out are not recorded): exactly the limit.
    total = AccessAttempt.objects.aggregate(total=Sum("failures_since_start"))["total"]
    assert total == LIMIT
    assert len(lockout_mails()) == 1

    browser = Browser(split.hostname, split.port)
    try:
        csrf = browser.csrf_token(LOGIN)
        status, page = browser.request(
            "POST",
            LOGIN,
            {"csrfmiddlewaretoken": csrf, "username": "erika@example.org", "password": PASSWORD},
        )
    finally:
        browser.close()
    assert status == 429
    assert LOCKED_DE in page
    assert len(lockout_mails()) == 1


@pytest.mark.django_db
def test_failed_log_ins_are_forgotten_once_their_cool_off_is_over(client):
    """Client addresses and e-mail addresses of failed log-ins are personal data: the
    hourly clean-up deletes them once they no longer lock anyone out."""
    from teilhabe.accounts.tasks import forget_old_login_attempts
    from teilhabe.worker.schedule import SCHEDULE

    assert ("teilhabe.accounts.tasks.forget_old_login_attempts", "%Y-%m-%dT%H") in SCHEDULE
    log_in(client, "alt@example.org", "falsch", address="10.0.0.1")
    log_in(client, "neu@example.org", "falsch", address="10.0.0.2")
    # Nobody tries to log in any more (axes cleans up only when someone does).
    AccessAttempt.objects.filter(username="alt@example.org").update(
        attempt_time=F("attempt_time") - timedelta(minutes=16)
    )
    assert forget_old_login_attempts.call() == 1
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [
        ("neu@example.org", "10.0.0.2")
    ]
