"""The demo hangs together on any day: loaded with "now" set to a few different dates
(timezone.now frozen, no wall-clock luck), the 2021–2026 plan is running, some of its
reports are overdue and some fresh, the department editor has measures in it, there are
upcoming open and invitation-only events and a past one with attendance and results;
loading again on the same day changes nothing, and on a later day moves the dated rows
instead of adding to them."""

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.demo import dresden
from teilhabe.demo.loader import load_dresden
from teilhabe.events.models import Event, Registration, Station
from teilhabe.plan import services
from teilhabe.plan.forms import measure_choices_for
from teilhabe.plan.models import ConceptCycle, Measure, Phase, StatusReport
from teilhabe.tenants.models import Municipality

pytestmark = pytest.mark.django_db

EDITOR = next(u["email"] for u in dresden.USERS if u["role"] == "department_editor")


@pytest.fixture
def freeze(monkeypatch):
    """Set the platform's clock (timezone.now, and with it localdate) to ``moment``."""

    def freeze_at(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return freeze_at


def berlin(*args):
    return datetime(*args, tzinfo=dresden.BERLIN)


def assert_demo_hangs_together(now):
    today = timezone.localdate(now)
    dresden_ = Municipality.objects.get(slug="dresden")
    cycle = ConceptCycle.objects.get(municipality=dresden_, slug=dresden.CYCLE_2021)
    assert cycle.phase == Phase.IMPLEMENTATION
    assert list(ConceptCycle.objects.running()) == [cycle]
    implementation = cycle.phases.get(phase=Phase.IMPLEMENTATION)
    assert implementation.starts_on <= today
    assert implementation.ends_on is None or implementation.ends_on >= today

    cutoff = today - timedelta(days=settings.TEILHABE_STATUS_REPORT_DAYS)
    overdue = set(services.stale_measures(dresden_, today=today))
    reported_overdue = [m for m in overdue if m.latest_report]
    fresh = Measure.objects.running().filter(latest_report__reported_on__gte=cutoff)
    assert reported_overdue and any(not m.latest_report for m in overdue)
    assert fresh.exists()
    assert not StatusReport.objects.filter(reported_on__gt=today).exists()

    editor = User.objects.get(email=EDITOR)
    mine = set(measure_choices_for(editor, dresden_))
    assert mine and mine & overdue and mine - overdue
    assert {m for m in mine if not m.latest_report} <= overdue

    events = Event.objects.for_municipality(dresden_).filter(status=Event.Status.PUBLISHED)
    upcoming = events.filter(starts_at__gt=now)
    open_event = upcoming.filter(access=Event.Access.OPEN).first()
    assert open_event is not None and open_event.registration_state() == "open"
    assert upcoming.filter(access=Event.Access.INVITATION).exists()
    attended = events.filter(ends_at__lt=now, registrations__checked_in_at__isnull=False)
    stations = Station.objects.filter(item__event__in=attended)
    assert any(station.results.text("de") for station in stations)


@pytest.mark.parametrize(
    "moment",
    [berlin(2026, 12, 2, 9), berlin(2028, 3, 15, 12), berlin(2031, 7, 1, 23, 30)],
    ids=["today", "near-the-march-event", "years-later"],
)
def test_the_demo_hangs_together_on_any_day(freeze, moment):
    now = freeze(moment)
    load_dresden()
    assert_demo_hangs_together(now)


def test_loading_twice_on_one_day_changes_nothing_and_a_later_day_moves_the_present(freeze):
    now = freeze(berlin(2027, 5, 10, 8))
    load_dresden()
    reports = dict(StatusReport.objects.values_list("pk", "reported_on"))
    registrations = Registration.objects.count()
    again = load_dresden()
    for kind, counts in again.items():
        assert set(counts) <= {"unchanged"}, (kind, counts)
    assert dict(StatusReport.objects.values_list("pk", "reported_on")) == reports

    later = freeze(now + timedelta(days=40))
    load_dresden()
    assert StatusReport.objects.count() == len(reports)  # moved, not added
    moved = {
        pk
        for pk, day in StatusReport.objects.values_list("pk", "reported_on")
        if reports[pk] != day
    }
    aged = [r for m in dresden.MEASURES for r in m.get("reports", []) if "age" in r]
    assert len(moved) == len(aged)
    assert Registration.objects.count() == registrations
    assert_demo_hangs_together(later)


def test_the_present_passed_in_is_the_one_loaded(db):
    """load_dresden(now=...) dates the upcoming events from the moment it is given."""
    now = timezone.now()
    load_dresden(now=now)
    upcoming = Event.objects.filter(is_sample=True, starts_at__gt=now)
    assert upcoming.count() == len(dresden.upcoming_events(now))
    assert all(e.starts_at >= now + timedelta(days=7) for e in upcoming)
