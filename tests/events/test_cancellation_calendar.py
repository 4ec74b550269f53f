"""Calendar files of a cancellation: a cancelled registration's file (in its mail and
behind the personal link) withdraws the entry the confirmation added (same UID,
``METHOD:CANCEL``, ``STATUS:CANCELLED``, a higher ``SEQUENCE``); a cancelled event's
personal pages and files say it was cancelled, with the office's reason."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from teilhabe.events import services
from teilhabe.events.models import Registration
from tests.events.factories import EventFactory, RegistrationFactory

S = Registration.Status
SECRETS = ["geheim-raum-4711", "987 654 321", "Kuchen42"]


def personal(registration, name="events:personal"):
    with translation.override("de"):
        return reverse(
            name,
            kwargs={
                "municipality": registration.event.municipality.slug,
                "token": services.personal_token(registration),
            },
        )


def sent_calendar(to):
    """The calendar of the last mail to ``to`` (after the worker sent it)."""
    call_command("worker", batch=True, interval=0, verbosity=0)
    message = [m for m in mail.outbox if m.to == [to]][-1]
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    content = attachment[1]
    return Calendar.from_ical(content if isinstance(content, str) else content.decode())


def the_event(calendar):
    (item,) = calendar.walk("VEVENT")
    return item


@pytest.mark.django_db(transaction=True)
def test_a_cancelled_registration_withdraws_the_confirmed_calendar_entry(client, municipality):
    event = EventFactory(municipality=municipality, online=True, capacity=5)
    registration = services.register(event, {"name": "Amal", "email": "amal@example.org"})
    services.confirm(registration)
    confirmation = sent_calendar("amal@example.org")
    confirmed = the_event(confirmation)
    assert confirmation["METHOD"] == "PUBLISH"
    assert confirmed["STATUS"] == "CONFIRMED"
    assert "geheim-raum-4711" in confirmed["DESCRIPTION"]

    services.cancel(registration)
    cancellation = sent_calendar("amal@example.org")
    cancelled = the_event(cancellation)
    assert cancellation["METHOD"] == "CANCEL"
    assert cancelled["STATUS"] == "CANCELLED"
    assert str(cancelled["UID"]) == str(confirmed["UID"])
    assert int(cancelled["SEQUENCE"]) > int(confirmed["SEQUENCE"])
    assert all(secret not in cancelled["DESCRIPTION"] for secret in SECRETS)

    # The personal link's calendar file says the same.
    response = client.get(personal(registration, "events:personal_ics"))
    assert response.status_code == 200
    own = Calendar.from_ical(response.content.decode())
    assert own["METHOD"] == "CANCEL"
    assert the_event(own)["STATUS"] == "CANCELLED"
    assert str(the_event(own)["UID"]) == str(confirmed["UID"])
    assert all(secret not in response.content.decode() for secret in SECRETS)


def test_each_registration_has_its_own_entry(client, municipality):
    """Registering again after cancelling adds a new entry, which the earlier
    cancellation (of another UID) cannot remove."""
    event = EventFactory(municipality=municipality)
    first = RegistrationFactory(event=event, status=S.CANCELLED, email="a@example.org")
    second = RegistrationFactory(event=event, email="a@example.org")
    uids = set()
    for registration, method in [(first, "CANCEL"), (second, "PUBLISH")]:
        calendar = Calendar.from_ical(
            client.get(personal(registration, "events:personal_ics")).content.decode()
        )
        assert calendar["METHOD"] == method
        uids.add(str(the_event(calendar)["UID"]))
    assert len(uids) == 2


@pytest.mark.django_db(transaction=True)
def test_a_cancelled_event_says_so_on_the_personal_pages_and_in_its_files(client, municipality):
    event = EventFactory(municipality=municipality, online=True, capacity=5)
    registration = RegistrationFactory(event=event, email="amal@example.org")
    reason = "Der Saal ist wegen eines Wasserschadens gesperrt."
    services.cancel_event(event, reason)

    calendar = sent_calendar("amal@example.org")
    assert calendar["METHOD"] == "CANCEL"
    assert the_event(calendar)["STATUS"] == "CANCELLED"
    assert int(the_event(calendar)["SEQUENCE"]) >= 1
    message = [m for m in mail.outbox if m.to == ["amal@example.org"]][-1]
    assert reason in message.body

    page = client.get(personal(registration))
    text = page.content.decode()
    banner = text.split('id="event-cancelled"')[1].split("</div></div>")[0]
    assert "abgesagt" in banner and reason in banner
    # Nothing to change or cancel any more, no access data, and no confirm link.
    assert personal(registration, "events:personal_cancel") not in text
    assert all(secret not in text for secret in SECRETS)
    assert client.get(personal(registration, "events:personal_cancel")).status_code == 302

    ics = client.get(personal(registration, "events:personal_ics")).content.decode()
    own = Calendar.from_ical(ics)
    assert own["METHOD"] == "CANCEL" and the_event(own)["STATUS"] == "CANCELLED"
    assert all(secret not in ics for secret in SECRETS)
