"""The people and plan of the working side's tests (statements, the office's demands,
answers): one municipality with a cycle, a field, a goal, a measure, organisations and
one person per role; another municipality with its office and its own measure.
Import ``office_world`` (the fixture ``world``) into a test module to use it."""

from types import SimpleNamespace

import pytest

from teilhabe.accounts.models import Role
from tests import factories
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)


def role(municipality, kind, **kwargs):
    return factories.RoleFactory(municipality=municipality, kind=kind, **kwargs).user


@pytest.fixture(name="world")
def office_world(municipality, other_municipality):
    cycle = ConceptCycleFactory(municipality=municipality, slug="ik")
    field = FieldOfActionFactory(cycle=cycle, number=1, slug="bildung")
    goal = GoalFactory(field=field, code="1.1")
    culture = factories.DepartmentFactory(municipality=municipality, number="K41")
    social = factories.DepartmentFactory(municipality=municipality, number="S50")
    measure = MeasureFactory(goal=goal, code="1.1.1", lead_departments=[culture])
    dsm = factories.OrganisationFactory(municipality=municipality, name="Dachverband DSM")
    cosigner = factories.OrganisationFactory(municipality=municipality, name="Kulturverein")
    hidden = factories.OrganisationFactory(
        municipality=municipality, name="Verborgener Verein", is_published=False
    )
    other_org = factories.OrganisationFactory(municipality=municipality, name="Anderer Verein")
    foreign_cycle = ConceptCycleFactory(municipality=other_municipality, slug="ik")
    foreign_field = FieldOfActionFactory(cycle=foreign_cycle, number=1)
    foreign_measure = MeasureFactory(goal=GoalFactory(field=foreign_field), code="9.9.9")
    foreign_org = factories.OrganisationFactory(municipality=other_municipality, name="Fremd")
    return SimpleNamespace(
        municipality=municipality,
        cycle=cycle,
        field=field,
        goal=goal,
        measure=measure,
        culture=culture,
        social=social,
        dsm=dsm,
        cosigner=cosigner,
        hidden=hidden,
        other_org=other_org,
        foreign_cycle=foreign_cycle,
        foreign_field=foreign_field,
        foreign_measure=foreign_measure,
        foreign_org=foreign_org,
        office=role(municipality, Role.Kind.OFFICE_ADMIN),
        editor=role(municipality, Role.Kind.DEPARTMENT_EDITOR, departments=[culture]),
        # Signs for both organisations of the paper (a representative names only
        # organisations they represent).
        representative=role(
            municipality, Role.Kind.ORGANISATION_REPRESENTATIVE, organisations=[dsm, cosigner]
        ),
        other_representative=role(
            municipality, Role.Kind.ORGANISATION_REPRESENTATIVE, organisations=[other_org]
        ),
        moderator=role(municipality, Role.Kind.MODERATOR),
        foreign_office=role(other_municipality, Role.Kind.OFFICE_ADMIN),
    )
