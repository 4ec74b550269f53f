"""The demo loader on an empty database (the other demo modules share one loaded demo
per module: tests/conftest.py's ``dresden_demo``)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from teilhabe.accounts.models import User
from teilhabe.consultation.models import Consultation
from teilhabe.demo import dresden
from teilhabe.demo.loader import load_dresden
from teilhabe.events.models import Event
from teilhabe.reports.models import Report
from teilhabe.tenants.models import Municipality

pytestmark = pytest.mark.django_db


def event(slug):
    return Event.objects.get(municipality__slug="dresden", slug=slug)


def test_command_refused_outside_demo(settings):
    settings.TEILHABE_DEMO = False
    with pytest.raises(CommandError, match="TEILHABE_DEMO"):
        call_command("load_demo", stdout=StringIO())
    assert not Municipality.objects.filter(slug="dresden").exists()
    assert not User.objects.filter(is_demo=True).exists()


def test_events_are_linked_to_the_cycle_only_if_it_exists(db, monkeypatch):
    monkeypatch.setattr(dresden, "CONCEPT_CYCLES", [])
    monkeypatch.setattr(dresden, "FIELDS_OF_ACTION", [])
    monkeypatch.setattr(dresden, "MEASURES", [])
    monkeypatch.setattr(dresden, "INDICATORS", [])
    monkeypatch.setattr(dresden, "FUNDING_LINES", [])
    monkeypatch.setattr(dresden, "OPEN_ITEMS", [])
    load_dresden()
    assert event("beteiligung-2021-07-03").cycle is None
    assert not Consultation.objects.exists()  # it belongs to the 2021 cycle
    assert not Report.objects.exists()  # it reports on the 2009 cycle


def test_load_demo_prints_the_event_counts(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "events:" in text and "7 created" in text
    assert "sample registrations:" in text
    assert "2 of 7 events" in text
