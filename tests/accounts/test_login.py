import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests import factories
from tests.factories import PASSWORD


@pytest.mark.django_db
def test_login_by_email_case_insensitive(client):
    user = factories.UserFactory(email="erika@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "Erika@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_wrong_password_shows_error_in_german(client):
    factories.UserFactory(email="erika@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "erika@example.org", "password": "falsch"}
    )
    assert response.status_code == 200
    assert "stimmen nicht" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_demo_user_refused_outside_demo_installations(client, settings):
    factories.UserFactory(email="demo@example.org", is_demo=True)
    settings.TEILHABE_DEMO = False
    response = client.post(
        reverse("accounts:login"), {"username": "demo@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    settings.TEILHABE_DEMO = True
    client.post(reverse("accounts:login"), {"username": "demo@example.org", "password": PASSWORD})
    assert "_auth_user_id" in client.session


@pytest.mark.django_db(transaction=True)
def test_password_reset_by_mail_through_the_worker(client):
    user = factories.UserFactory(email="erika@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "erika@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []  # nothing is sent in the request itself
    call_command("worker", batch=True, interval=0, verbosity=0)
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "ein-neues-kennwort-42", "new_password2": "ein-neues-kennwort-42"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("ein-neues-kennwort-42")


@pytest.mark.django_db
def test_password_reset_for_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    from teilhabe.mail.models import OutgoingMail

    assert OutgoingMail.objects.count() == 0


@pytest.mark.django_db
def test_dashboard_needs_login(client):
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
