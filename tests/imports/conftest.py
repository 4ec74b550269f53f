"""The imports' shared fixtures: Dresden's plan with a measure, departments and an
organisation, and beside it Leipzig's with the same codes; Dresden's office."""

import pytest

from tests import factories
from tests.plan.factories import ConceptCycleFactory, GoalFactory, MeasureFactory


@pytest.fixture
def plan(municipality, other_municipality):
    cycle = ConceptCycleFactory(municipality=municipality, title="Aktionsplan", slug="ik")
    social = factories.DepartmentFactory(municipality=municipality, number="50", name="Sozialamt")
    factories.DepartmentFactory(municipality=municipality, number="", name="Kulturbüro")
    factories.OrganisationFactory(municipality=municipality, name="Ausländerrat", slug="ar")
    goal = GoalFactory(field__cycle=cycle, field__number=1, field__title="Sprache", code="1.1")
    MeasureFactory(goal=goal, code="1.1.1", title="Sprachcafés", lead_departments=[social])
    # Leipzig: a cycle of the same slug, a measure of the same code, a department 99.
    leipzig_cycle = ConceptCycleFactory(municipality=other_municipality, slug="ik")
    leipzig_office = factories.DepartmentFactory(
        municipality=other_municipality, number="99", name="Amt L"
    )
    factories.OrganisationFactory(municipality=other_municipality, slug="leipziger-verein")
    # Departments named here: one the factory numbers might collide with 50 or 99.
    MeasureFactory(
        goal__field__cycle=leipzig_cycle,
        code="1.1.1",
        title="Leipzig bleibt",
        lead_departments=[leipzig_office],
    )
    return cycle


@pytest.fixture
def office(municipality):
    return factories.RoleFactory(municipality=municipality).user
