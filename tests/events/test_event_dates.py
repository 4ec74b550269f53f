"""An event's date and time in the reader's language: the catalogue's date pattern,
start and end, one date for a one-day event and both for a longer one."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from teilhabe.events.models import Event
from teilhabe.events.templatetags.event_dates import event_period

BERLIN = ZoneInfo("Europe/Berlin")


def event(starts, ends):
    return Event(starts_at=starts.replace(tzinfo=BERLIN), ends_at=ends.replace(tzinfo=BERLIN))


ONE_DAY = event(datetime(2027, 3, 20, 10, 0), datetime(2027, 3, 20, 16, 0))
TWO_DAYS = event(datetime(2027, 3, 20, 10, 0), datetime(2027, 3, 21, 13, 30))


@pytest.mark.parametrize(
    "language, one_day, two_days",
    [
        (
            "en",
            "Saturday, 20 March 2027, 10:00–16:00",
            "Saturday, 20 March 2027, 10:00 – Sunday, 21 March 2027, 13:30",
        ),
        (
            "de",
            "Samstag, 20. März 2027, 10:00–16:00",
            "Samstag, 20. März 2027, 10:00 – Sonntag, 21. März 2027, 13:30",
        ),
        (
            "ar",
            "السبت، 20 مارس 2027، 10:00–16:00",
            "السبت، 20 مارس 2027، 10:00 – الأحد، 21 مارس 2027، 13:30",
        ),
    ],
)
def test_event_period_in_the_readers_language(language, one_day, two_days):
    with translation.override(language):
        assert event_period(ONE_DAY) == one_day
        assert event_period(TWO_DAYS) == two_days


def test_the_event_page_shows_the_period_in_english(client, municipality):
    from django.urls import reverse

    from tests.events.factories import EventFactory

    shown = EventFactory(
        municipality=municipality,
        starts_at=ONE_DAY.starts_at,
        ends_at=ONE_DAY.ends_at,
    )
    with translation.override("en"):
        url = reverse("events:event", kwargs={"municipality": "dresden", "slug": shown.slug})
    page = client.get(url).content.decode()
    assert "Saturday, 20 March 2027, 10:00–16:00" in page


def test_one_moment_reads_like_the_period():
    from teilhabe.events.templatetags.event_dates import date_time

    with translation.override("en"):
        assert date_time(ONE_DAY.starts_at) == "Saturday, 20 March 2027, 10:00"
    with translation.override("de"):
        assert date_time(ONE_DAY.starts_at) == "Samstag, 20. März 2027, 10:00"
    assert date_time(None) == ""


@pytest.mark.parametrize(
    "path",
    ["teilnehmende/", "verwalten/", "programm/", "bearbeiten/", "duplizieren/", "einladungen/"],
)
def test_staff_pages_show_the_period_in_english(client, municipality, path):
    """The office reads event times as the public does, not in Django's
    DATETIME_FORMAT ("March 20, 2027, 10 a.m.")."""
    from teilhabe.accounts.models import Role
    from tests.conftest import make_user_with_role
    from tests.events.factories import EventFactory, InvitationFactory

    shown = EventFactory(
        municipality=municipality,
        slug="werkstatt",
        starts_at=ONE_DAY.starts_at,
        ends_at=ONE_DAY.ends_at,
        invitation_only=True,
    )
    InvitationFactory(event=shown, expires_at=TWO_DAYS.ends_at)
    client.force_login(make_user_with_role(municipality, Role.Kind.OFFICE_ADMIN))
    page = client.get(f"/en/dresden/veranstaltungen/werkstatt/{path}").content.decode()
    if path == "einladungen/":  # the invitation's expiry
        assert "Sunday, 21 March 2027, 13:30" in page
    else:
        assert "Saturday, 20 March 2027, 10:00–16:00" in page
    assert "March 20, 2027" not in page
    assert "March 21, 2027" not in page
