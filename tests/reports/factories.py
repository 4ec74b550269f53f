"""A small plan to report on: two fields of action, measures with highlighted status
reports inside and outside the period, an intercultural opening measure and
indicator, a funding line, a need for action and a public body with members."""

from datetime import date

from teilhabe.accounts.models import Role
from teilhabe.plan.models import Status
from tests.bodies.factories import BodyFactory, PersonFactory, join
from tests.factories import DepartmentFactory, OrganisationFactory, RoleFactory
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    FundingLineFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    OpenItemFactory,
    StatusReportFactory,
)

START, END = date(2021, 1, 1), date(2022, 12, 31)


def build_plan(municipality, measures=2):
    cycle = ConceptCycleFactory(municipality=municipality, slug="2021", title="Konzept 2021")
    office = DepartmentFactory(municipality=municipality, number="S50", name="Sozialamt")
    first = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=1, title="Arbeit"))
    second = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=2, title="Bildung"))
    opening = MeasureFactory(
        goal=first,
        code="1.1.1",
        title="Mehrsprachige Wegweiser",
        intercultural_opening=True,
        lead_departments=[office],
    )
    StatusReportFactory(
        measure=opening,
        reported_on=date(2022, 6, 1),
        status=Status.DONE,
        is_highlight=True,
        text="Wegweiser in sieben Sprachen gedruckt.",
    )
    StatusReportFactory(
        measure=opening,
        reported_on=date(2023, 6, 1),
        status=Status.DONE,
        is_highlight=True,
        text="Nach dem Zeitraum: Neuauflage.",
    )
    for number in range(measures - 1):
        measure = MeasureFactory(
            goal=second, code=f"2.1.{number + 1}", title=f"Sprachkurs {number + 1}"
        )
        StatusReportFactory(
            measure=measure,
            reported_on=date(2021, 3, 1),
            status=Status.IN_PROGRESS,
            is_highlight=True,
            text=f"Kurs {number + 1} läuft.",
        )
    IndicatorFactory(
        cycle=cycle,
        title="Geschulte Beschäftigte",
        intercultural_opening=True,
        values={2021: 100, 2022: 222},
    )
    FundingLineFactory(
        cycle=cycle,
        title="Projektförderung Migrantenvereine",
        department=office,
        amounts={2020: 1000, 2021: 36800, 2022: 40400},
    )
    OpenItemFactory(cycle=cycle, text="Dolmetscherdienst sichern.")
    body = BodyFactory(municipality=municipality, short_name="FAG 1", name="Wirtschaft")
    body.cycles.set([cycle])
    join(body, OrganisationFactory(municipality=municipality, name="Verein der Vietnamesen"))
    join(body, PersonFactory(municipality=municipality, name="Erika Geheim"))
    return cycle


def office_user(municipality):
    return RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
