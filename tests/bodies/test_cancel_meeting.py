"""Cancelling a meeting of a body: the office is asked first (the page says who gets a
mail; nothing changes on GET), gives a reason, and each current member with an address
gets one mail with a calendar cancellation (the same UID, ``METHOD:CANCEL``). The
meeting stays, marked cancelled, and can no longer be changed; the same confirmation
sent twice at once cancels and mails once (both databases)."""

import re

import pytest
from icalendar import Calendar

from teilhabe.bodies import services
from teilhabe.bodies.calendar import meeting_uid
from teilhabe.bodies.models import Meeting
from teilhabe.mail.models import OutgoingMail
from tests.bodies.conftest import url
from tests.simultaneous import staff_post_at_once

# The world's current members with an address: the chair organisation's internal
# contact, the social department's contact and the person with an account.
REASON = "Der Saal ist wegen eines Wasserschadens gesperrt."


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def cancelled_calendar(mail):
    calendar = Calendar.from_ical(mail.attachments[0]["content"])
    (entry,) = calendar.walk("VEVENT")
    return calendar, entry


@pytest.mark.django_db
def test_the_office_is_asked_first_then_the_members_get_one_cancellation_each(client, world):
    meeting = world.internal
    addresses, _without = services.invitation_list(world.body)
    assert len(addresses) >= 2
    client.force_login(world.office)
    shown = text(client.get(url("meeting", world.body, pk=meeting.pk)))
    cancel_address = url("meeting_cancel", world.body, pk=meeting.pk)
    assert f'href="{cancel_address}"' in shown

    asked = client.get(cancel_address)
    assert asked.status_code == 200
    assert f"{len(addresses)} e-mail addresses each get the cancellation" in text(asked)
    meeting.refresh_from_db()
    assert not meeting.is_cancelled and not OutgoingMail.objects.exists()

    response = client.post(cancel_address, {"reason": REASON, "confirm": "on"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.cancellation_reason == REASON
    mails = list(OutgoingMail.objects.all())
    assert sorted(m.to for m in mails) == sorted(addresses)
    assert {m.purpose for m in mails} == {"body_meeting_cancelled"}
    assert REASON in mails[0].body_text
    calendar, entry = cancelled_calendar(mails[0])
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(entry["STATUS"]) == "CANCELLED" and int(entry["SEQUENCE"]) == 1
    assert str(entry["UID"]) == meeting_uid(meeting)

    page = text(client.get(url("meeting", world.body, pk=meeting.pk)))
    assert "This meeting has been cancelled." in page and REASON in page
    assert f'href="{cancel_address}"' not in page
    body_page = text(client.get(url("body", world.body)))
    assert re.search(r"</a> – <strong>cancelled</strong>", body_page)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, message",
    [
        ({"confirm": "on"}, "Bitte geben Sie einen Grund an"),
        ({"reason": REASON}, "Bitte bestätigen Sie, dass Sie absagen möchten."),
        ({"reason": "x" * 1001, "confirm": "on"}, "höchstens 1000 Zeichen"),
    ],
)
def test_without_a_reason_or_the_confirmation_nothing_happens(client, world, data, message):
    client.force_login(world.office)
    response = client.post(
        url("meeting_cancel", world.body, pk=world.internal.pk, language="de"), data
    )
    assert response.status_code == 400
    assert message in text(response)
    world.internal.refresh_from_db()
    assert not world.internal.is_cancelled and not OutgoingMail.objects.exists()


@pytest.mark.django_db
def test_only_the_bodys_staff_of_its_municipality_can_cancel(client, world):
    address = url("meeting_cancel", world.body, pk=world.internal.pk)
    for user, status in ((world.outsider, 403), (world.moderator, 403)):
        client.force_login(user)
        assert client.get(address).status_code == status
        assert client.post(address, {"reason": REASON, "confirm": "on"}).status_code == status
    client.force_login(world.foreign_office)
    foreign = address.replace(f"/{world.municipality.slug}/", "/leipzig/")
    assert client.post(foreign, {"reason": REASON, "confirm": "on"}).status_code in (403, 404)
    world.internal.refresh_from_db()
    assert not world.internal.is_cancelled and not OutgoingMail.objects.exists()


@pytest.mark.django_db
def test_a_cancelled_meeting_can_no_longer_be_changed_or_attended(world):
    meeting, cancelled = services.cancel_meeting(world.internal, reason=REASON)
    assert cancelled
    again, cancelled_again = services.cancel_meeting(world.internal, reason="Noch einmal")
    assert not cancelled_again and again.cancellation_reason == REASON
    mails = OutgoingMail.objects.count()
    with pytest.raises(services.BodyError, match="abgesagt"):
        services.change_meeting(meeting, starts_at=meeting.starts_at, place="Anderswo")
    with pytest.raises(services.BodyError, match="abgesagt"):
        services.record_attendance(meeting, [world.memberships.chair])
    meeting.refresh_from_db()
    assert meeting.place != "Anderswo" and not meeting.attendees.exists()
    assert OutgoingMail.objects.count() == mails


@pytest.mark.django_db(transaction=True)
def test_the_same_cancellation_sent_twice_at_once_cancels_and_mails_once(live_server, world):
    addresses, _without = services.invitation_list(world.body)
    results = staff_post_at_once(
        live_server.url,
        world.office,
        url("meeting_cancel", world.body, pk=world.internal.pk, language="de"),
        lambda n: {"reason": f"{REASON} ({n})", "confirm": "on"},
    )
    assert [status for status, _page in results] == [302, 302]
    assert Meeting.objects.get(pk=world.internal.pk).is_cancelled
    assert OutgoingMail.objects.count() == len(addresses)
