""" "Find my registration" and registering again: a person gets their personal links
again by mail; the page reads the same whether or not the address is registered (and
past the per-address limit); the per-client limit gives the 429 page. Registering again
while unconfirmed sends the opt-in again; registered and confirmed, the link."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.events import services
from teilhabe.events.models import Event, Registration
from teilhabe.mail.models import OutgoingMail
from tests.events.factories import EventFactory, RegistrationFactory

S = Registration.Status


@pytest.fixture(autouse=True)
def limits(settings, rate_limit_clock):
    settings.TEILHABE_RATE_LIMIT_PER_MINUTE = 0
    settings.TEILHABE_EVENT_LINK_MAILS_PER_HOUR = 3


def find_url(municipality, prefix=""):
    with translation.override("de"):
        path = reverse("events:find_registration", kwargs={"municipality": municipality.slug})
    return prefix + path


def ask(client, municipality, email, address="127.0.0.1"):
    return client.post(find_url(municipality), {"email": email}, REMOTE_ADDR=address)


def page_text(response, *emails):
    """The page without its CSRF token and the addresses typed in."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    for email in emails:
        text = text.replace(email, "EMAIL")
    return text


def link_mails(to=None):
    mails = OutgoingMail.objects.filter(purpose="event_personal_links")
    return mails.filter(to=to) if to else mails


@pytest.fixture
def amal(municipality, other_municipality):
    """Amal's registrations: two for upcoming events here (one unconfirmed, in English),
    and some that must not be sent: a past event, a cancelled registration, a draft,
    another municipality's event."""
    now = timezone.now()
    soon = EventFactory(municipality=municipality, title="Werkstatt Wohnen")
    later = EventFactory(municipality=municipality, title="Konferenz Arbeit")
    past = EventFactory(
        municipality=municipality,
        title="Vergangen",
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3) + timedelta(hours=2),
    )
    left = EventFactory(municipality=municipality, title="Storniert")
    draft = EventFactory(municipality=municipality, title="Entwurf", status=Event.Status.DRAFT)
    elsewhere = EventFactory(municipality=other_municipality, title="Leipziger Runde")
    email = "amal@example.org"
    RegistrationFactory(event=soon, email=email)
    RegistrationFactory(event=later, email=email, status=S.PENDING, language="en")
    RegistrationFactory(event=past, email=email)
    RegistrationFactory(event=left, email=email, status=S.CANCELLED)
    RegistrationFactory(event=draft, email=email)
    RegistrationFactory(event=elsewhere, email=email)
    return {"soon": soon, "later": later}


def test_the_page_is_linked_from_the_event_and_the_registration_sent_page(client, municipality):
    event = EventFactory(municipality=municipality)
    target = f'href="{find_url(municipality)}"'
    assert target in client.get(event.get_absolute_url()).content.decode()
    with translation.override("de"):
        register = reverse(
            "events:register", kwargs={"municipality": municipality.slug, "slug": event.slug}
        )
    sent = client.post(register, {"name": "Amal", "email": "amal@example.org", "consent": "on"})
    assert target in sent.content.decode()
    page = client.get(find_url(municipality))
    assert page.status_code == 200 and 'name="email"' in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_links_of_upcoming_registrations_come_by_mail(client, municipality, amal):
    response = ask(client, municipality, " Amal@Example.org ")
    assert response.status_code == 200
    assert 'id="find-registration-sent"' in response.content.decode()
    call_command("worker", batch=True, interval=0, verbosity=0)
    # (The worker's schedule also asks for feedback on the past event.)
    (message,) = [m for m in mail.outbox if "Wie war" not in m.subject]
    assert message.to == ["amal@example.org"]
    # In the language of the latest registration (English), with both links.
    assert message.subject == "Your registrations"
    assert "Werkstatt Wohnen" in message.body and "Konferenz Arbeit" in message.body
    for title in ("Vergangen", "Storniert", "Entwurf", "Leipziger Runde"):
        assert title not in message.body
    links = re.findall(r"https?://\S+/anmeldung/[^/\s]+/", message.body)
    assert len(links) == 2
    for link in links:
        path = "/" + link.split("/", 3)[3]
        assert client.get(path).status_code == 200


def test_known_and_unknown_addresses_read_the_same(client, municipality, amal):
    known = ask(client, municipality, "amal@example.org")
    unknown = ask(client, municipality, "niemand@example.org")
    assert known.status_code == unknown.status_code == 200
    assert page_text(known, "amal@example.org") == page_text(unknown, "niemand@example.org")
    assert link_mails().count() == 1
    assert not link_mails("niemand@example.org").exists()


def test_another_municipality_sends_nothing_about_this_one(client, other_municipality, amal):
    """Leipzig's page sends only Leipzig's registration."""
    ask(client, other_municipality, "amal@example.org")
    (message,) = link_mails()
    assert "Leipziger Runde" in message.body_text and "Werkstatt Wohnen" not in message.body_text


def test_per_address_limit_sends_no_more_mail_and_reads_the_same(client, municipality, amal):
    answers = [
        ask(client, municipality, spelling, address=f"10.0.0.{n}")
        for n, spelling in enumerate(
            ["amal@example.org", "AMAL@example.org", "Amal@Example.org", "amal@example.org"]
        )
    ]
    assert link_mails().count() == 3
    assert page_text(answers[3], "amal@example.org") == page_text(answers[0], "amal@example.org")
    assert ask(client, municipality, "niemand@example.org").status_code == 200


def test_per_client_limit_gives_the_429_page(client, municipality, settings):
    settings.TEILHABE_RATE_LIMIT_PER_MINUTE = 2
    for n in range(2):
        assert ask(client, municipality, f"p{n}@example.org").status_code == 200
    response = ask(client, municipality, "p3@example.org")
    assert response.status_code == 429
    assert ask(client, municipality, "p4@example.org", address="10.9.9.9").status_code == 200


def test_bad_input_gets_a_clear_error_and_sends_nothing(client, municipality):
    response = ask(client, municipality, "kein-at-zeichen")
    assert response.status_code == 200
    assert 'id="find-registration-sent"' not in response.content.decode()
    assert response.context["form"].errors["email"]
    assert not OutgoingMail.objects.exists()


# --- Registering again --------------------------------------------------------------------


def register(client, event, email, prefix="", address="127.0.0.1"):
    with translation.override("de"):
        path = reverse(
            "events:register", kwargs={"municipality": event.municipality.slug, "slug": event.slug}
        )
    return client.post(
        prefix + path,
        {"name": "Amal Beispiel", "email": email, "consent": "on"},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db(transaction=True)
def test_registering_again_while_unconfirmed_sends_the_opt_in_again(client, municipality):
    event = EventFactory(municipality=municipality)
    first = register(client, event, "amal@example.org", prefix="/en")
    call_command("worker", batch=True, interval=0, verbosity=0)  # writes the first opt-in
    assert 'id="sent-again"' not in first.content.decode()
    again = register(client, event, "Amal@Example.org", prefix="/en")
    assert again.status_code == 200
    assert 'id="sent-again"' in again.content.decode()
    assert "We have sent the link again" in again.content.decode()
    assert Registration.objects.filter(event=event).count() == 1
    opt_ins = OutgoingMail.objects.filter(to="amal@example.org", purpose="event_opt_in")
    assert opt_ins.count() == 2
    # Both mails carry a link that confirms the one registration.
    registration = Registration.objects.get(event=event)
    assert services.personal_token(registration).split(":")[0] in opt_ins.last().body_text


def test_registering_again_when_confirmed_reads_like_a_new_registration(client, municipality):
    event = EventFactory(municipality=municipality)
    RegistrationFactory(event=event, email="amal@example.org")
    again = register(client, event, "amal@example.org")
    fresh = register(client, event, "neu@example.org")
    assert again.status_code == fresh.status_code == 200
    assert page_text(again, "amal@example.org") == page_text(fresh, "neu@example.org")
    assert Registration.objects.filter(event=event, email="amal@example.org").count() == 1
    assert list(
        OutgoingMail.objects.filter(to="amal@example.org").values_list("purpose", flat=True)
    ) == ["event_personal_links"]


def test_registering_again_is_limited_per_address(client, municipality):
    event = EventFactory(municipality=municipality)
    RegistrationFactory(event=event, email="amal@example.org", status=S.PENDING)
    answers = [register(client, event, "amal@example.org", address=f"10.0.0.{n}") for n in range(5)]
    assert {a.status_code for a in answers} == {200}
    assert OutgoingMail.objects.filter(to="amal@example.org").count() == 3
