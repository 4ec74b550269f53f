"""Check-in and "did not come" only on the day(s) of the event (Europe/Berlin, from the
start day to the end day): before, the page says when check-in opens; after, that it
is over; the services refuse with a clear error and change nothing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from teilhabe.accounts.models import Role
from teilhabe.events import services
from teilhabe.events.models import Event
from tests import factories
from tests.events.factories import EventFactory, RegistrationFactory

BERLIN = ZoneInfo("Europe/Berlin")


def url(event, name):
    with translation.override("en"):
        return reverse(
            f"events:{name}", kwargs={"municipality": event.municipality.slug, "slug": event.slug}
        )


def event_around(municipality, start_days, end_days=None):
    """An event starting ``start_days`` from now (negative: in the past)."""
    now = timezone.now()
    starts = now + timedelta(days=start_days)
    ends = now + timedelta(days=end_days) if end_days is not None else starts + timedelta(hours=2)
    return EventFactory(municipality=municipality, starts_at=starts, ends_at=ends, capacity=5)


@pytest.fixture
def office(client, municipality):
    user = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    client.force_login(user)
    return user


def test_today_check_in_and_no_show_are_offered_and_work(client, municipality, office):
    now = timezone.now()
    event = EventFactory(
        municipality=municipality,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )
    anna = RegistrationFactory(event=event, name="Anna Ankunft")
    page = client.get(url(event, "check_in")).content.decode()
    assert f'id="check-in-{anna.pk}"' in page and 'id="check-in-closed"' not in page
    assert client.post(url(event, "check_in"), {"registration": anna.pk}).status_code == 302
    anna.refresh_from_db()
    assert anna.checked_in_at is not None
    listing = client.get(url(event, "participants")).content.decode()
    assert 'value="no_show"' in listing
    services.mark_no_show(anna)
    anna.refresh_from_db()
    assert anna.is_no_show


def test_an_event_over_several_days_is_open_on_each(municipality):
    event = event_around(municipality, -1, 1)
    assert event.check_in_state() == "open"
    registration = RegistrationFactory(event=event)
    assert services.check_in(registration).checked_in_at is not None


@pytest.mark.parametrize(("days", "state"), [(2, "before"), (-2, "after")])
def test_before_and_after_the_day_nothing_is_offered_or_accepted(
    client, municipality, office, days, state
):
    event = event_around(municipality, days)
    anna = RegistrationFactory(event=event, name="Anna Ankunft")
    page = client.get(url(event, "check_in"))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="check-in-closed"' in text
    assert f'id="check-in-{anna.pk}"' not in text and 'name="q"' not in text
    with translation.override("en"):
        day = date_format(timezone.localdate(event.starts_at), "DATE_FORMAT")
    expected = (
        f"Check-in opens on {day}" if state == "before" else f"Check-in was possible until {day}"
    )
    assert expected in text, text.split('id="check-in-closed"')[1][:300]
    assert 'value="no_show"' not in client.get(url(event, "participants")).content.decode()

    refused = client.post(url(event, "check_in"), {"registration": anna.pk}, follow=True)
    assert expected in refused.content.decode()
    htmx = client.post(
        url(event, "check_in"), {"registration": anna.pk}, headers={"HX-Request": "true"}
    )
    assert htmx.status_code == 409 and htmx["HX-Refresh"] == "true"
    client.post(url(event, "participants"), {"action": "no_show", "registration": anna.pk})
    anna.refresh_from_db()
    assert anna.checked_in_at is None and not anna.is_no_show

    for action in (services.check_in, services.undo_check_in, services.mark_no_show):
        with pytest.raises(services.RegistrationError) as error:
            action(anna)
        assert error.value.code == f"check_in_{state}"
    anna.refresh_from_db()
    assert anna.checked_in_at is None and not anna.is_no_show


def test_the_day_is_the_day_in_berlin():
    """An event at 00:30 in Berlin is on that day there, while it is still the day
    before in UTC."""
    starts = datetime(2027, 3, 20, 0, 30, tzinfo=BERLIN)
    event = Event(starts_at=starts, ends_at=starts + timedelta(hours=3))
    assert event.check_in_days()[0].isoformat() == "2027-03-20"
    berlin_evening_before = datetime(2027, 3, 19, 23, 0, tzinfo=BERLIN)
    berlin_after_midnight = datetime(2027, 3, 20, 0, 5, tzinfo=BERLIN)
    assert event.check_in_state(berlin_evening_before) == "before"
    assert event.check_in_state(berlin_after_midnight) == "open"
    # Late on the last day it is still open; the next morning it is over.
    assert event.check_in_state(datetime(2027, 3, 20, 23, 55, tzinfo=BERLIN)) == "open"
    assert event.check_in_state(datetime(2027, 3, 21, 0, 5, tzinfo=BERLIN)) == "after"
