"""Each text on the translation pages links to the page of the interface where the
office edits it, not to the admin; only what has no page of its own keeps the admin's."""

from datetime import date
from html import escape

import pytest
from django.utils import translation

from teilhabe.accounts.models import Role
from teilhabe.languages import units
from teilhabe.tenants.models import Municipality
from tests import factories
from tests.bodies.factories import BodyFactory, join
from tests.consultation.factories import (
    AnswerFactory,
    ConsultationFactory,
    DemandTagFactory,
    DraftFactory,
    SectionFactory,
    StatementFactory,
    make_demand,
)
from tests.events.factories import (
    AudienceGroupFactory,
    EventFactory,
    EventSeriesFactory,
    ProgrammeItemFactory,
    StationFactory,
)
from tests.plan.factories import (
    ConceptCycleFactory,
    CyclePhaseFactory,
    FieldOfActionFactory,
    FundingLineFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    OpenItemFactory,
)

# Models without a page of their own in the interface.
ADMIN_ONLY = {
    "directory.department",
    "events.audiencegroup",
    "events.eventseries",
    "events.venue",
    "tenants.municipality",
}


@pytest.fixture
def every_text(municipality):
    """One object of every translatable model, each with a German text."""
    Municipality.objects.filter(pk=municipality.pk).update(introduction={"de": "Willkommen."})
    municipality.refresh_from_db()
    cycle = ConceptCycleFactory(municipality=municipality, slug="2021-2026")
    CyclePhaseFactory(
        cycle=cycle, note="Beschluss im Stadtrat.", starts_on=date(2021, 1, 1), ends_on=None
    )
    goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=1), description="Ziel.")
    measure = MeasureFactory(goal=goal, code="1.1.1", description="Was die Stadt tut.")
    IndicatorFactory(cycle=cycle, description="Zählt Menschen.")
    FundingLineFactory(
        cycle=cycle, department=factories.DepartmentFactory(municipality=municipality)
    )
    OpenItemFactory(cycle=cycle, text="Dolmetschen sichern", taken_up_by=measure)
    event = EventFactory(
        municipality=municipality,
        slug="werkstatt",
        series=EventSeriesFactory(municipality=municipality),
        participant_notes="Bitte pünktlich.",
    )
    event.audience_groups.add(AudienceGroupFactory(municipality=municipality))
    ProgrammeItemFactory(event=event)  # so that the station's id is not its item's
    item = ProgrammeItemFactory(event=event, description="Begrüßung und Vorstellung.")
    StationFactory(item=item, title="Tisch Wohnen", results="Mehr Wohnungen.")
    factories.OrganisationFactory(municipality=municipality, description="Ein Verein.")
    consultation = ConsultationFactory(cycle=cycle, slug="analyse", description="Zur Diskussion.")
    section = SectionFactory(
        draft=DraftFactory(consultation=consultation, version=1, summary="Neu: Gesundheit."),
        heading="Sprache und Bildung",
        text="Mehr Sprachkurse.",
    )
    statement = StatementFactory(cycle=cycle, summary="Unsere Forderungen.")
    demand = make_demand(statement=statement, text="Sprachkurse am Abend.")
    AnswerFactory(demand=demand, reason="Wird geprüft.", state="draft")
    DemandTagFactory(municipality=municipality, name="Sprache")
    body = BodyFactory(municipality=municipality, name="Fach-AG", description="Sie berät.")
    join(
        body,
        factories.OrganisationFactory(municipality=municipality),
        note={"de": "für den Beirat"},
    )
    assert section.draft.consultation == consultation
    return municipality


def test_every_text_links_to_the_page_where_the_office_edits_it(client, every_text):
    office = factories.RoleFactory(municipality=every_text, kind=Role.Kind.OFFICE_ADMIN).user
    client.force_login(office)
    with translation.override("de"):
        found = units.units_of(every_text)
    labels = {unit.model.label for unit in found}
    assert labels == {entry.label for entry in units.translatable_models()}, "one of each"
    for unit in found:
        if unit.model.label in ADMIN_ONLY:
            assert unit.edit_url.startswith("/admin/"), unit.edit_url
            continue
        assert "/admin/" not in unit.edit_url, unit.id
        response = client.get(unit.edit_url)
        assert response.status_code == 200, unit.edit_url
        # The page is the one with this text in a field to change.
        assert escape(unit.german) in response.content.decode(), (unit.id, unit.edit_url)
        assert "<form" in response.content.decode()


def test_a_stations_results_link_to_the_results_page(every_text):
    with translation.override("de"):
        found = {(u.model.label, u.field): u.edit_url for u in units.units_of(every_text)}
    assert found[("events.station", "results")] == "/dresden/veranstaltungen/werkstatt/ergebnisse/"
    assert found[("events.station", "title")].startswith(
        "/dresden/veranstaltungen/werkstatt/programm/"
    )
