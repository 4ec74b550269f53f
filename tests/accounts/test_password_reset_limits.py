"""Password reset: at most TEILHABE_PASSWORD_RESET_MAILS_PER_HOUR mails per e-mail
address and hour, the same answer whether or not a mail went out, and a per-minute
limit per client address (the 429 page)."""

import re

import pytest
from django.urls import reverse

from teilhabe.mail.models import OutgoingMail
from tests import factories

RESET = "/konto/passwort-vergessen/"


@pytest.fixture(autouse=True)
def limits(settings, rate_limit_clock):
    settings.TEILHABE_PASSWORD_RESET_MAILS_PER_HOUR = 3
    settings.TEILHABE_RATE_LIMIT_PER_MINUTE = 0


def ask(client, email, address="127.0.0.1", prefix=""):
    return client.post(f"{prefix}{RESET}", {"email": email}, REMOTE_ADDR=address, follow=True)


def reset_mails():
    return OutgoingMail.objects.filter(purpose="password_reset")


def page_text(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


@pytest.mark.django_db
def test_the_fourth_request_in_an_hour_sends_no_mail_and_reads_the_same(client):
    factories.UserFactory(email="erika@example.org")
    answers = [
        ask(client, spelling, address=f"10.0.0.{n}")
        for n, spelling in enumerate(
            ["erika@example.org", "Erika@Example.org", "ERIKA@example.org", "erika@example.org"]
        )
    ]
    assert reset_mails().count() == 3
    assert {a.redirect_chain[-1] for a in answers} == {
        (reverse("accounts:password_reset_done"), 302)
    }
    assert page_text(answers[3]) == page_text(answers[0])
    # Another address is counted on its own.
    factories.UserFactory(email="max@example.org")
    ask(client, "max@example.org")
    assert reset_mails().filter(to="max@example.org").count() == 1


@pytest.mark.django_db
def test_an_unknown_address_reads_the_same_as_a_known_one(client):
    factories.UserFactory(email="erika@example.org")
    known = ask(client, "erika@example.org")
    unknown = ask(client, "niemand@example.org")
    assert reset_mails().count() == 1
    assert page_text(known) == page_text(unknown)


@pytest.mark.django_db
def test_requests_per_client_address_get_the_429_page(client, settings):
    settings.TEILHABE_RATE_LIMIT_PER_MINUTE = 2
    for n in range(2):
        assert ask(client, f"person{n}@example.org").status_code == 200
    response = ask(client, "person3@example.org")
    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()
    response = ask(client, "person4@example.org", prefix="/en")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert ask(client, "person5@example.org", address="10.9.9.9").status_code == 200
