"""The registration workflows in teilhabe.events.services: waiting list order,
promotion, capacity changes, staff seats, expiry, repeated confirmation, unlimited
events and cancelling the whole event (mails through the worker)."""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from teilhabe.events import services
from teilhabe.events.models import Event, Registration
from teilhabe.mail.models import OutgoingMail
from tests.events.factories import EventFactory, RegistrationFactory

# The worker runs in these tests (it writes the mails of registering and confirming):
# it uses its own connections, so every test commits.
pytestmark = pytest.mark.django_db(transaction=True)

CONFIRMED, WAITING, PENDING = (
    Registration.Status.CONFIRMED,
    Registration.Status.WAITING,
    Registration.Status.PENDING,
)


def write_mails():
    """The worker writes the mails of registering and confirming (and sends them)."""
    call_command("worker", batch=True, interval=0, verbosity=0)


def sign_up(event, n, **extra):
    """Register and confirm, the way a person does it: with the link of the opt-in
    mail, which the worker writes after the registration committed."""
    registration = services.register(
        event, {"name": f"Person {n}", "email": f"Person{n}@Example.org", **extra}
    )
    write_mails()
    return services.confirm(registration)


def reload(registration):
    return Registration.objects.get(pk=registration.pk)


def purposes(email):
    """The purposes of the mails to ``email``, once the worker has written them."""
    write_mails()
    return sorted(OutgoingMail.objects.filter(to=email).values_list("purpose", flat=True))


@pytest.fixture
def event(municipality):
    return EventFactory(municipality=municipality, capacity=2)


def test_register_is_pending_until_confirmed_and_sends_the_opt_in(event):
    registration = services.register(event, {"name": "Ana", "email": " Ana@Example.org "})
    assert registration.status == PENDING and registration.email == "ana@example.org"
    assert purposes("ana@example.org") == ["event_opt_in"]
    assert services.seats_taken(event) == 0
    again = services.register(event, {"name": "Ana", "email": "ANA@example.org"})
    assert again.pk == registration.pk and again.sent_again == "opt_in"
    assert purposes("ana@example.org") == ["event_opt_in", "event_opt_in"]


def test_waiting_list_keeps_the_order_of_confirmation(event):
    first, second = sign_up(event, 1), sign_up(event, 2)
    waiting = [sign_up(event, n) for n in range(3, 7)]
    assert {first.status, second.status} == {CONFIRMED}
    assert [r.status for r in waiting] == [WAITING] * 4
    assert [services.waiting_position(r) for r in waiting] == [1, 2, 3, 4]
    assert services.next_waiting(event) == waiting[0]
    assert services.waiting_position(first) is None
    assert purposes("person6@example.org") == ["event_opt_in", "event_waiting"]
    body = OutgoingMail.objects.get(to="person6@example.org", purpose="event_waiting").body_text
    assert re.search(r"(Warteliste|waiting list): 4", body)


def test_cancelling_promotes_the_waiting_list_in_order(event):
    first, second = sign_up(event, 1), sign_up(event, 2)
    third, fourth, fifth = sign_up(event, 3), sign_up(event, 4), sign_up(event, 5)
    write_mails()
    _, promoted = services.cancel(first)
    assert promoted == [third]
    assert reload(first).status == Registration.Status.CANCELLED
    assert reload(third).status == CONFIRMED
    assert purposes("person3@example.org") == ["event_opt_in", "event_promoted", "event_waiting"]
    assert services.waiting_position(reload(fourth)) == 1
    _, promoted = services.cancel(second)
    assert promoted == [fourth]
    assert reload(fifth).status == WAITING and services.waiting_position(reload(fifth)) == 1
    # Leaving the waiting list frees no seat and promotes no one.
    _, promoted = services.cancel(fifth)
    assert promoted == []
    assert services.seats_taken(event) == 2
    # Cancelling twice changes nothing.
    assert services.cancel(first) == (reload(first), [])


def test_raising_the_capacity_promotes_the_next_in_line(event):
    sign_up(event, 1), sign_up(event, 2)
    waiting = [sign_up(event, n) for n in range(3, 7)]
    promoted = services.change_capacity(event, 4)
    assert promoted == waiting[:2]
    assert [reload(r).status for r in waiting] == [CONFIRMED, CONFIRMED, WAITING, WAITING]
    # Unlimited seats: everyone left on the list moves up.
    assert services.change_capacity(event, None) == waiting[2:]
    assert services.seats_left(Event.objects.get(pk=event.pk)) is None
    # Fewer seats than people hold are refused by the service itself, under the lock.
    with pytest.raises(services.RegistrationError) as refused:
        services.change_capacity(event, 5)
    assert refused.value.code == "below_seats_taken"
    assert Event.objects.get(pk=event.pk).capacity is None
    assert services.seats_taken(event) == 6
    # Exactly the seats taken is fine.
    assert services.change_capacity(event, 6) == []
    assert Event.objects.get(pk=event.pk).capacity == 6


def test_no_promotion_after_the_event_started(event):
    sign_up(event, 1), sign_up(event, 2)
    waiting = sign_up(event, 3)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    assert services.change_capacity(event, 10) == []
    assert reload(waiting).status == WAITING


def test_office_promotes_by_hand_even_beyond_capacity(event):
    sign_up(event, 1), sign_up(event, 2)
    third, fourth = sign_up(event, 3), sign_up(event, 4)
    assert services.promote_by_hand(fourth).status == CONFIRMED
    assert services.seats_taken(event) == 3
    assert services.waiting_position(reload(third)) == 1
    assert "event_promoted" in purposes("person4@example.org")
    with pytest.raises(services.RegistrationError):
        services.promote_by_hand(fourth)


def test_reserved_seat_counts_and_is_refused_when_full(event):
    reserved = services.reserve_seat(event, name="Frau Beirat", email="Beirat@Example.org")
    assert reserved.status == CONFIRMED and reserved.is_reserved
    assert purposes("beirat@example.org") == ["event_confirmed"]
    sign_up(event, 1)
    with pytest.raises(services.RegistrationError) as error:
        services.reserve_seat(event, name="Noch jemand", email="noch@example.org")
    assert error.value.code == "full"
    assert not Registration.objects.filter(email="noch@example.org").exists()
    assert sign_up(event, 2).status == WAITING


def test_unconfirmed_registrations_expire(event, settings):
    settings.TEILHABE_EVENT_OPT_IN_HOURS = 48
    old = services.register(event, {"name": "Alt", "email": "alt@example.org"})
    fresh = services.register(event, {"name": "Neu", "email": "neu@example.org"})
    confirmed = sign_up(event, 1)
    Registration.objects.filter(pk__in=[old.pk, confirmed.pk]).update(
        created_at=timezone.now() - timedelta(hours=49)
    )
    assert services.expire_unconfirmed() == 1
    assert reload(old).status == Registration.Status.EXPIRED
    assert reload(fresh).status == PENDING
    assert reload(confirmed).status == CONFIRMED
    assert services.expire_unconfirmed() == 0
    # An expired registration can neither be confirmed nor block a new one.
    assert services.confirm(old).status == Registration.Status.EXPIRED
    again = services.register(event, {"name": "Alt", "email": "alt@example.org"})
    assert again.status == PENDING


def test_confirming_twice_is_harmless(event):
    registration = services.register(event, {"name": "Ana", "email": "ana@example.org"})
    write_mails()
    first = services.confirm(registration)
    second = services.confirm(registration)
    assert first.status == second.status == CONFIRMED
    assert services.seats_taken(event) == 1
    assert purposes("ana@example.org") == ["event_confirmed", "event_opt_in"]


def test_confirming_after_the_event_was_cancelled_is_refused(event):
    registration = services.register(event, {"name": "Ana", "email": "ana@example.org"})
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    with pytest.raises(services.RegistrationError):
        services.confirm(registration)
    assert reload(registration).status == PENDING


def test_unlimited_capacity_never_waits(municipality):
    event = EventFactory(municipality=municipality, capacity=None)
    people = [sign_up(event, n) for n in range(30)]
    assert {r.status for r in people} == {CONFIRMED}
    assert services.seats_left(event) is None
    assert services.next_waiting(event) is None


def test_registration_is_refused_outside_the_window(municipality):
    closed = EventFactory(
        municipality=municipality, registration_closes_at=timezone.now() - timedelta(hours=1)
    )
    with pytest.raises(services.RegistrationError) as error:
        services.register(closed, {"name": "Ana", "email": "ana@example.org"})
    assert error.value.code == "closed"
    assert not Registration.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_cancelling_the_event_mails_each_active_registrant_once(municipality):
    event = EventFactory(municipality=municipality, capacity=2)
    sign_up(event, 1), sign_up(event, 2), sign_up(event, 3)  # two seats, one waiting
    services.register(event, {"name": "Offen", "email": "offen@example.org"})  # pending
    services.cancel(sign_up(event, 4))  # waiting, then left: no mail
    RegistrationFactory(event=event, status=Registration.Status.EXPIRED, email="weg@example.org")
    call_command("worker", batch=True, interval=0, verbosity=0)
    mail.outbox.clear()

    assert services.cancel_event(event, "Der Saal ist gesperrt.") == 4
    assert Event.objects.get(pk=event.pk).status == Event.Status.CANCELLED
    call_command("worker", batch=True, interval=0, verbosity=0)
    call_command("worker", batch=True, interval=0, verbosity=0)
    recipients = Counter(to for message in mail.outbox for to in message.to)
    assert recipients == {
        "person1@example.org": 1,
        "person2@example.org": 1,
        "person3@example.org": 1,
        "offen@example.org": 1,
    }
    assert OutgoingMail.objects.filter(purpose="event_event_cancelled").count() == 4
    # The registrations of a cancelled event can no longer be confirmed.
    pending = Registration.objects.get(email="offen@example.org")
    with pytest.raises(services.RegistrationError):
        services.confirm(pending)
