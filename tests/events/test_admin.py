"""The admin is no side door around the event workflows: seats and status change
through the services there too (the waiting list moves up, people are told, nobody
falls below the seats already taken, cancelling is refused)."""

import pytest
from django.db.models.signals import post_save
from django.urls import reverse

from teilhabe.accounts.models import Role
from teilhabe.events import services
from teilhabe.events.models import Event, Registration
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.admin_forms import change_form_data
from tests.events.factories import EventFactory, RegistrationFactory

WAITING = Registration.Status.WAITING
CONFIRMED = Registration.Status.CONFIRMED


@pytest.fixture
def office_client(client, municipality):
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    client.force_login(office)
    return client


@pytest.fixture
def full_event(municipality):
    event = EventFactory(municipality=municipality, title="Werkstatt Arbeit", capacity=2)
    RegistrationFactory.create_batch(2, event=event)
    waiting = RegistrationFactory(event=event, status=WAITING, name="Erste auf der Liste")
    return event, waiting


def post_change(client, event, **changes):
    url = reverse("admin:events_event_change", args=[event.pk])
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, change_form_data(page, **changes))


def test_more_seats_in_the_admin_move_the_waiting_list_up(office_client, full_event):
    event, waiting = full_event
    response = post_change(office_client, event, capacity="3")
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == CONFIRMED
    assert OutgoingMail.objects.filter(to=waiting.email, purpose="event_promoted").count() == 1
    assert Event.objects.get(pk=event.pk).capacity == 3


def test_fewer_seats_than_taken_are_refused_and_nothing_is_saved(office_client, full_event):
    event, _waiting = full_event
    response = post_change(office_client, event, capacity="1", title="Neuer Titel")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "2 Personen haben bereits einen Platz" in errors["capacity"][0]
    event.refresh_from_db()
    assert (event.capacity, event.title["de"]) == (2, "Werkstatt Arbeit")


def test_the_lock_refuses_what_the_form_let_through(office_client, municipality):
    """Someone takes a seat between the form's check and the save: the service refuses
    under the event lock, everything rolls back and the office is told."""
    event = EventFactory(municipality=municipality, title="Werkstatt Arbeit", capacity=3)
    RegistrationFactory.create_batch(2, event=event)

    def seat_taken_meanwhile(sender, instance, update_fields=None, **kwargs):
        if instance.pk == event.pk and update_fields and "capacity" not in update_fields:
            RegistrationFactory(event=event, name="Schneller")

    post_save.connect(seat_taken_meanwhile, sender=Event)
    try:
        response = post_change(office_client, event, capacity="2", title="Neuer Titel")
    finally:
        post_save.disconnect(seat_taken_meanwhile, sender=Event)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.capacity, event.title["de"]) == (3, "Werkstatt Arbeit")
    assert not Registration.objects.filter(name="Schneller").exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("3 Personen haben bereits einen Platz" in m for m in messages)


def test_cancelling_is_not_done_in_the_admin(office_client, full_event):
    event, _waiting = full_event
    response = post_change(office_client, event, status=Event.Status.CANCELLED)
    assert response.status_code == 200
    assert "Verwaltungsseite" in response.context["adminform"].form.errors["status"][0]
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED
    assert not OutgoingMail.objects.exists()


def test_an_event_with_registrations_is_not_hidden_again(office_client, full_event):
    event, _waiting = full_event
    response = post_change(office_client, event, status=Event.Status.DRAFT)
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


def test_a_draft_is_published_in_the_admin(office_client, municipality):
    event = EventFactory(municipality=municipality, status=Event.Status.DRAFT)
    response = post_change(office_client, event, status=Event.Status.PUBLISHED)
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


def test_status_rules_hold_in_the_service(municipality):
    cancelled = EventFactory(municipality=municipality, status=Event.Status.CANCELLED)
    with pytest.raises(services.RegistrationError) as refused:
        services.change_status(cancelled, Event.Status.PUBLISHED)
    assert refused.value.code == "cancelled"
    published = EventFactory(municipality=municipality)
    with pytest.raises(services.RegistrationError) as refused:
        services.change_status(published, Event.Status.CANCELLED)
    assert refused.value.code == "cancel_elsewhere"
    assert services.change_status(published, Event.Status.DRAFT).status == Event.Status.DRAFT
