"""Confirm before it hurts: cancelling a registration (office or person), cancelling the
event, a seat by hand or beyond the capacity, and the reminder each have a confirmation
step. Its GET says who gets a mail and changes nothing; only the POST of the
confirmation form acts (the one-click POSTs of old lead to the confirmation page);
another municipality's office can do none of it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.models import Role
from teilhabe.events import services
from teilhabe.events.models import Event, Registration
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.events.factories import EventFactory, RegistrationFactory

S = Registration.Status


def url(event, name, **extra):
    with translation.override("en"):
        return reverse(
            f"events:{name}",
            kwargs={"municipality": event.municipality.slug, "slug": event.slug, **extra},
        )


def is_personal_page(location, registration, name):
    """``location`` is the page ``name`` of ``registration``'s personal link. Tokens
    carry the second they were signed in, so two links to one page may differ."""
    from django.urls import resolve

    match = resolve(location)
    token_of = services.registration_from_token(match.kwargs["token"])
    return match.view_name == f"events:{name}" and token_of == registration


def personal_url(registration, name):
    with translation.override("en"):
        return reverse(
            f"events:{name}",
            kwargs={
                "municipality": registration.event.municipality.slug,
                "token": services.personal_token(registration),
            },
        )


def office_of(municipality):
    return factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user


def deliver():
    """Send what is queued; the recipients of everything sent so far."""
    call_command("worker", batch=True, interval=0, verbosity=0)
    return sorted(m.to[0] for m in mail.outbox)


def purposes():
    return sorted(OutgoingMail.objects.values_list("to", "purpose"))


def snapshot(event):
    """Everything the actions could change: registrations, the event, the outbox."""
    event.refresh_from_db()
    return (
        sorted(event.registrations.values_list("pk", "status", "cancelled_at")),
        event.status,
        event.reminder_sent_at,
        OutgoingMail.objects.count(),
    )


@pytest.fixture
def full_event(municipality):
    """One seat, held by Zeynep; Bao waits."""
    event = EventFactory(municipality=municipality, capacity=1, slug="werkstatt")
    RegistrationFactory(event=event, name="Zeynep Sitz", email="zeynep@example.org")
    RegistrationFactory(
        event=event,
        name="Bao Wartend",
        email="bao@example.org",
        status=S.WAITING,
        waiting_since=timezone.now(),
    )
    return event


def person(event, name):
    return event.registrations.get(name=name)


# --- Cancelling a registration (office) -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_office_cancels_a_registration_only_after_confirming(client, municipality, full_event):
    client.force_login(office_of(municipality))
    zeynep, bao = person(full_event, "Zeynep Sitz"), person(full_event, "Bao Wartend")
    confirm_page = url(full_event, "cancel_registration", pk=zeynep.pk)
    before = snapshot(full_event)

    listing = client.get(url(full_event, "participants")).content.decode()
    assert f'href="{confirm_page}"' in listing
    page = client.get(confirm_page)
    assert page.status_code == 200
    what = page.content.decode().split('id="what-happens"')[1].split("</div>")[0]
    assert "zeynep@example.org" in what  # who gets the cancellation mail
    assert "Bao Wartend" in what  # who moves up and gets a mail
    assert snapshot(full_event) == before

    # The one-click form of old only leads to the confirmation page.
    old = client.post(
        url(full_event, "participants"), {"action": "cancel", "registration": zeynep.pk}
    )
    assert old.status_code == 302 and old["Location"] == confirm_page
    assert client.post(confirm_page, {}).status_code == 400
    assert client.post(confirm_page, {"confirm": "no"}).status_code == 400
    assert snapshot(full_event) == before

    assert client.post(confirm_page, {"confirm": "yes"}).status_code == 302
    zeynep.refresh_from_db()
    bao.refresh_from_db()
    assert (zeynep.status, bao.status) == (S.CANCELLED, S.CONFIRMED)
    assert deliver() == ["bao@example.org", "zeynep@example.org"]
    assert purposes() == [
        ("bao@example.org", "event_promoted"),
        ("zeynep@example.org", "event_cancelled"),
    ]
    # Cancelled now: its confirmation page is gone, a second POST changes nothing.
    assert client.post(confirm_page, {"confirm": "yes"}).status_code == 404


def test_cancelling_beyond_the_capacity_frees_no_seat_and_the_page_says_so(
    client, municipality, full_event
):
    """Two hold seats for one (a seat given by hand): cancelling one moves nobody up."""
    services.promote_by_hand(person(full_event, "Bao Wartend"))
    RegistrationFactory(event=full_event, name="Chen Wartend", status=S.WAITING)
    client.force_login(office_of(municipality))
    zeynep = person(full_event, "Zeynep Sitz")
    page = client.get(url(full_event, "cancel_registration", pk=zeynep.pk)).content.decode()
    assert 'id="moves-up"' not in page and "Chen Wartend" not in page
    assert client.post(url(full_event, "cancel_registration", pk=zeynep.pk), {"confirm": "yes"})
    assert person(full_event, "Chen Wartend").status == S.WAITING


# --- A seat by hand and beyond the capacity ----------------------------------------------


def test_giving_a_seat_beyond_the_capacity_says_so_and_needs_confirming(
    client, municipality, full_event
):
    client.force_login(office_of(municipality))
    bao = person(full_event, "Bao Wartend")
    confirm_page = url(full_event, "promote", pk=bao.pk)
    before = snapshot(full_event)
    page = client.get(confirm_page).content.decode()
    what = page.split('id="what-happens"')[1]
    assert "beyond the capacity" in what and "2 seats will be taken" in what
    assert "bao@example.org" in what
    old_form = {"action": "promote", "registration": bao.pk}
    old = client.post(url(full_event, "participants"), old_form)
    assert old.status_code == 302 and old["Location"] == confirm_page
    assert client.post(confirm_page).status_code == 400
    assert snapshot(full_event) == before

    assert client.post(confirm_page, {"confirm": "yes"}).status_code == 302
    assert person(full_event, "Bao Wartend").status == S.CONFIRMED
    assert services.seats_taken(full_event) == 2
    assert list(OutgoingMail.objects.values_list("to", "purpose")) == [
        ("bao@example.org", "event_promoted")
    ]


def test_reserving_a_seat_when_full_has_a_second_step(client, municipality, full_event):
    client.force_login(office_of(municipality))
    page = url(full_event, "participants")
    data = {"action": "add", "neu-name": "Dana Extra", "neu-email": "dana@example.org"}
    before = snapshot(full_event)
    step = client.post(page, data)
    assert step.status_code == 200
    text = step.content.decode()
    assert "beyond the capacity" in text and "dana@example.org" in text
    assert 'name="confirm"' in text and 'name="neu-name" value="Dana Extra"' in text
    assert snapshot(full_event) == before

    assert client.post(page, {**data, "confirm": "yes"}).status_code == 302
    dana = person(full_event, "Dana Extra")
    assert dana.status == S.CONFIRMED and dana.is_reserved
    assert services.seats_taken(full_event) == 2
    assert list(OutgoingMail.objects.values_list("to", "purpose")) == [
        ("dana@example.org", "event_confirmed")
    ]


def test_reserving_a_free_seat_needs_no_second_step(client, municipality, full_event):
    full_event.capacity = 5
    full_event.save()
    client.force_login(office_of(municipality))
    data = {"action": "add", "neu-name": "Dana Extra", "neu-email": "dana@example.org"}
    assert client.post(url(full_event, "participants"), data).status_code == 302
    assert person(full_event, "Dana Extra").status == S.CONFIRMED


# --- Cancelling one's own registration ------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_person_cancels_only_after_confirming(client, municipality, full_event):
    zeynep = person(full_event, "Zeynep Sitz")
    confirm_page = personal_url(zeynep, "personal_cancel")
    before = snapshot(full_event)
    personal = client.get(personal_url(zeynep, "personal")).content.decode()
    links = re.findall(r'href="([^"]+/absagen/)"', personal)
    assert len(links) == 1 and is_personal_page(links[0], zeynep, "personal_cancel")
    page = client.get(confirm_page)
    assert page.status_code == 200
    assert "zeynep@example.org" in page.content.decode().split('id="what-happens"')[1]
    old = client.post(personal_url(zeynep, "personal"), {"action": "cancel"})
    assert old.status_code == 302
    assert is_personal_page(old["Location"], zeynep, "personal_cancel")
    assert client.post(confirm_page).status_code == 400
    assert snapshot(full_event) == before

    response = client.post(confirm_page, {"confirm": "yes"})
    assert response.status_code == 302
    assert is_personal_page(response["Location"], zeynep, "personal")
    assert person(full_event, "Zeynep Sitz").status == S.CANCELLED
    assert person(full_event, "Bao Wartend").status == S.CONFIRMED
    assert deliver() == ["bao@example.org", "zeynep@example.org"]
    # Cancelled: the page goes back to the personal page and nothing happens again.
    assert client.get(confirm_page).status_code == 302
    client.post(confirm_page, {"confirm": "yes"})
    assert OutgoingMail.objects.count() == 2


# --- Cancelling the event ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_cancelling_the_event_asks_for_a_reason_that_goes_into_the_mail(client):
    municipality = factories.MunicipalityFactory(name="Dresden", slug="dresden")
    event = EventFactory(municipality=municipality, capacity=1, slug="werkstatt")
    RegistrationFactory(event=event, email="sitz@example.org")
    RegistrationFactory(event=event, email="warte@example.org", status=S.WAITING)
    RegistrationFactory(event=event, email="offen@example.org", status=S.PENDING)
    RegistrationFactory(event=event, email="weg@example.org", status=S.CANCELLED)
    client.force_login(office_of(municipality))
    page = url(event, "manage")
    before = snapshot(event)

    step = client.get(page, {"absagen": "1"}).content.decode()
    what = step.split('id="what-happens"')[1].split("</div>")[0]
    assert "3 people are registered or waiting and will get an e-mail" in what
    assert "Confirmed: 1, on the waiting list: 1, not yet confirmed by e-mail: 1" in what
    assert 'name="reason"' in step
    no_reason = client.post(page, {"action": "cancel_event", "confirm": "on", "reason": "  "})
    assert no_reason.status_code == 400
    assert "Please give a reason" in no_reason.content.decode()
    assert snapshot(event) == before

    reason = "Die Referentin ist erkrankt; wir laden zu einem neuen Termin ein."
    data = {"action": "cancel_event", "confirm": "on", "reason": reason}
    assert client.post(page, data).status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED and event.cancellation_reason == reason
    deliver()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "offen@example.org",
        "sitz@example.org",
        "warte@example.org",
    ]
    assert all(reason in m.body for m in mail.outbox)
    # Cancelling again tells nobody twice.
    assert client.post(page, data).status_code == 302
    deliver()
    assert len(mail.outbox) == 3


def test_cancel_event_service_refuses_an_empty_reason(municipality):
    event = EventFactory(municipality=municipality)
    RegistrationFactory(event=event)
    with pytest.raises(services.RegistrationError) as error:
        services.cancel_event(event, " ")
    assert error.value.code == "reason"
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED and not OutgoingMail.objects.exists()


# --- The reminder --------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_reminder_is_sent_after_confirming_and_once_per_click(client):
    municipality = factories.MunicipalityFactory(name="Dresden", slug="dresden")
    event = EventFactory(municipality=municipality, capacity=5, slug="werkstatt")
    RegistrationFactory(event=event, email="eins@example.org")
    RegistrationFactory(event=event, email="zwei@example.org")
    RegistrationFactory(event=event, email="warte@example.org", status=S.WAITING)
    RegistrationFactory(event=event, email="offen@example.org", status=S.PENDING)
    client.force_login(office_of(municipality))
    confirm_page = url(event, "remind")
    before = snapshot(event)

    assert f'href="{confirm_page}"' in client.get(url(event, "manage")).content.decode()
    page = client.get(confirm_page).content.decode()
    what = page.split('id="what-happens"')[1]
    assert "2 people with a confirmed seat each get a reminder mail" in what
    assert client.post(confirm_page, {}).status_code == 400
    assert snapshot(event) == before

    form = {"confirm": "yes", "last_sent": ""}
    assert client.post(confirm_page, form).status_code == 302
    # A second click (or the back button) on the same form sends nothing again.
    assert client.post(confirm_page, form).status_code == 302
    assert deliver() == ["eins@example.org", "zwei@example.org"]
    assert {purpose for _to, purpose in purposes()} == {"event_reminder"}
    event.refresh_from_db()
    assert event.reminder_sent_at is not None
    # Sent before: the page says so, and sending again is a new, confirmed decision.
    page = client.get(confirm_page).content.decode()
    assert "A reminder already went out" in page
    again = {"confirm": "yes", "last_sent": event.reminder_sent_at.isoformat()}
    assert client.post(confirm_page, again).status_code == 302
    assert len(deliver()) == 4


def test_no_reminder_for_a_cancelled_or_started_event(client, municipality):
    client.force_login(office_of(municipality))
    cancelled = EventFactory(municipality=municipality, status=Event.Status.CANCELLED)
    now = timezone.now()
    started = EventFactory(
        municipality=municipality,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )
    for event in (cancelled, started):
        RegistrationFactory(event=event)
        assert 'id="remind-link"' not in client.get(url(event, "manage")).content.decode()
        response = client.post(url(event, "remind"), {"confirm": "yes"}, follow=True)
        assert "Reminders go only to a published event" in response.content.decode()
    assert not OutgoingMail.objects.exists()


# --- Nobody else ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["foreign_office", "moderator", "anonymous"])
def test_others_can_neither_see_nor_do_any_of_it(
    client, municipality, other_municipality, full_event, who
):
    if who == "foreign_office":
        client.force_login(office_of(other_municipality))
    elif who == "moderator":
        client.force_login(
            factories.RoleFactory(municipality=municipality, kind=Role.Kind.MODERATOR).user
        )
    zeynep, bao = person(full_event, "Zeynep Sitz"), person(full_event, "Bao Wartend")
    before = snapshot(full_event)
    pages = [
        (url(full_event, "cancel_registration", pk=zeynep.pk), {"confirm": "yes"}),
        (url(full_event, "promote", pk=bao.pk), {"confirm": "yes"}),
        (url(full_event, "remind"), {"confirm": "yes", "last_sent": ""}),
        (
            url(full_event, "manage"),
            {"action": "cancel_event", "confirm": "on", "reason": "Weil"},
        ),
        (
            url(full_event, "participants"),
            {"action": "add", "neu-name": "X", "neu-email": "x@example.org", "confirm": "yes"},
        ),
    ]
    for page, data in pages:
        shown = client.get(page)
        done = client.post(page, data)
        if who == "anonymous":
            assert shown.status_code == done.status_code == 302
            assert "next=" in shown["Location"] and "next=" in done["Location"]
        else:
            assert shown.status_code in (403, 404) and done.status_code in (403, 404), page
            assert "zeynep@example.org" not in shown.content.decode()
    assert snapshot(full_event) == before
