"""The Atom feed of a cycle: its status reports and timeline steps, never a report of a
measure the public does not see, nor a withdrawn one; linked from the cycle's page and
cached like a public page."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from teilhabe.plan import services
from teilhabe.plan.models import Phase
from tests.plan.factories import (
    ConceptCycleFactory,
    CyclePhaseFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
    StatusReportFactory,
)

ATOM = "{http://www.w3.org/2005/Atom}"
URL = "/dresden/plan/ik-2021/feed.atom"


@pytest.fixture
def cycle(municipality):
    cycle = ConceptCycleFactory(municipality=municipality, slug="ik-2021")
    CyclePhaseFactory(
        cycle=cycle,
        phase=Phase.ADOPTED,
        starts_on=date(2021, 11, 11),
        ends_on=None,
        note="Stadtratsbeschluss",
    )
    field = FieldOfActionFactory(cycle=cycle)
    measure = MeasureFactory(goal=GoalFactory(field=field), code="1.1.1", title="Sprachcafés")
    StatusReportFactory(measure=measure, reported_on=date(2024, 3, 1), text="Zehn Cafés laufen.")
    wrong = StatusReportFactory(measure=measure, reported_on=date(2024, 4, 1), text="FALSCH")
    services.withdraw_status_report(wrong, by=None, reason="Tippfehler")
    draft = MeasureFactory(goal=GoalFactory(field=field), title="Entwurf", is_draft=True)
    StatusReportFactory(measure=draft, text="GEHEIM Entwurfsbericht")
    draft_field = FieldOfActionFactory(cycle=cycle, is_draft=True)
    hidden = MeasureFactory(goal=GoalFactory(field=draft_field))
    StatusReportFactory(measure=hidden, text="GEHEIM im Entwurfsfeld")
    return cycle


def entries(response):
    feed = ET.fromstring(response.content)
    return [
        (e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}summary"))
        for e in feed.iter(f"{ATOM}entry")
    ]


def test_the_feed_lists_public_reports_and_phases_newest_first(client, cycle):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert entries(response) == [
        ("1.1.1 Sprachcafés: in Umsetzung (40 %)", "Zehn Cafés laufen."),
        ("Neue Phase: Vom Stadtrat beschlossen", "Stadtratsbeschluss"),
    ]
    body = response.content.decode()
    assert "GEHEIM" not in body and "FALSCH" not in body
    assert 'href="http://testserver/dresden/plan/ik-2021/massnahmen/1.1.1/"' in body


def test_the_feed_speaks_the_language_of_its_address(client, cycle):
    titles = [title for title, _ in entries(client.get("/en" + URL))]
    assert titles[1] == "New phase: Adopted by the council"


def test_unpublished_and_foreign_cycles_have_no_feed(client, cycle, other_municipality):
    ConceptCycleFactory(municipality=cycle.municipality, slug="ik-2027", is_published=False)
    ConceptCycleFactory(municipality=other_municipality, slug="ik-2030")
    assert client.get("/dresden/plan/ik-2027/feed.atom").status_code == 404
    assert client.get("/dresden/plan/ik-2030/feed.atom").status_code == 404


def test_the_cycle_page_links_the_feed(client, cycle):
    page = client.get("/dresden/plan/ik-2021/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert f'href="{URL}"' in page


def test_the_feed_is_cached_like_a_public_page(client, cycle):
    response = client.get(URL)
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    assert response.has_header("ETag")
    again = client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_published_implementation_report_is_news_an_unpublished_one_is_not(client, cycle):
    from datetime import UTC, datetime

    from teilhabe.reports.models import Report

    def report(published_at):
        return Report.objects.create(
            municipality=cycle.municipality,
            cycle=cycle,
            starts_on=date(2021, 11, 11),
            ends_on=date(2024, 12, 31),
            language="de",
            status=Report.Status.DONE,
            published_at=published_at,
        )

    published = report(datetime(2025, 2, 3, 10, tzinfo=UTC))
    report(None)
    response = client.get(URL)
    assert entries(response)[0] == (
        "Umsetzungsbericht veröffentlicht: 11.11.2021 bis 31.12.2024",
        "Was aus dem Plan im Zeitraum wurde, als Webseite und als PDF.",
    )
    assert len(entries(response)) == 3
    assert f'href="http://testserver{published.get_absolute_url()}"' in response.content.decode()
