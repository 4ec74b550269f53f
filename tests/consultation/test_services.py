"""Demands and answers: numbering (also at the same moment), sources and links of one
municipality only, merging duplicates, the states of an answer."""

from datetime import date

import pytest

from teilhabe.consultation import services
from teilhabe.consultation.models import Answer, Demand
from tests import factories
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)
from tests.simultaneous import run_at_once

from .factories import CommentFactory, StatementFactory, make_demand


@pytest.fixture
def cycle(municipality):
    return ConceptCycleFactory(municipality=municipality, slug="ik")


def test_demands_are_numbered_per_cycle(cycle, municipality):
    statement = StatementFactory(cycle=cycle)
    first = make_demand(statement=statement)
    second = make_demand(statement=statement, text={"de": "Zweite", "en": "Second"})
    other = make_demand(cycle=ConceptCycleFactory(municipality=municipality))
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert second.text.text("en") == "Second"
    assert second.source == Demand.Source.STATEMENT


@pytest.mark.django_db(transaction=True)
def test_demands_added_at_the_same_moment_get_different_numbers(cycle):
    statement = StatementFactory(cycle=cycle)
    demands = run_at_once(
        [
            lambda n=n: services.add_demand(cycle=cycle, statement=statement, text=f"F {n}")
            for n in range(6)
        ]
    )
    assert sorted(d.number for d in demands) == [1, 2, 3, 4, 5, 6]


def test_a_demand_has_exactly_one_source(cycle):
    statement = StatementFactory(cycle=cycle)
    comment = CommentFactory()
    with pytest.raises(services.ConsultationError):
        services.add_demand(cycle=cycle, text="x")
    with pytest.raises(services.ConsultationError):
        services.add_demand(cycle=cycle, text="x", statement=statement, comment=comment)
    assert not Demand.objects.exists()


def test_a_demand_links_nothing_of_another_municipality(cycle, other_municipality):
    foreign_statement = StatementFactory(cycle=ConceptCycleFactory(municipality=other_municipality))
    with pytest.raises(services.ConsultationError):
        services.add_demand(cycle=cycle, text="x", statement=foreign_statement)
    statement = StatementFactory(cycle=cycle)
    foreign_field = FieldOfActionFactory(cycle__municipality=other_municipality)
    with pytest.raises(services.ConsultationError):
        services.add_demand(cycle=cycle, text="x", statement=statement, fields=[foreign_field])
    other_cycles_field = FieldOfActionFactory(cycle__municipality=cycle.municipality)
    with pytest.raises(services.ConsultationError):
        services.add_demand(cycle=cycle, text="x", statement=statement, fields=[other_cycles_field])
    with pytest.raises(services.ConsultationError):
        services.add_demand(cycle=cycle, text={"en": "English only"}, statement=statement)
    assert not Demand.objects.exists()


def test_merging_points_duplicates_to_the_one_kept(cycle):
    field = FieldOfActionFactory(cycle=cycle)
    keep = make_demand(cycle=cycle)
    twin = make_demand(cycle=cycle, fields=[field])
    older_twin = make_demand(cycle=cycle)
    services.merge_demands(twin, [older_twin])
    services.merge_demands(keep, [twin])
    assert set(keep.duplicates.all()) == {twin, older_twin}
    assert list(keep.fields.all()) == [field]
    with pytest.raises(services.ConsultationError):
        services.merge_demands(twin, [make_demand(cycle=cycle)])  # twin itself merged
    with pytest.raises(services.ConsultationError):
        services.merge_demands(keep, [keep])


def test_a_duplicate_with_a_published_answer_is_not_merged(cycle):
    keep, answered = make_demand(cycle=cycle), make_demand(cycle=cycle)
    answer = services.save_answer(
        answered,
        user=None,
        outcome=Answer.Outcome.NOTED,
        reason="Zur Kenntnis.",
        answered_on=date(2021, 9, 1),
    )
    services.publish_answer(answer, user=None)
    with pytest.raises(services.ConsultationError):
        services.merge_demands(keep, [answered])
    answered.refresh_from_db()
    assert answered.merged_into is None


def test_an_answer_goes_from_draft_or_proposal_to_published(cycle, municipality):
    demand = make_demand(cycle=cycle)
    department = factories.DepartmentFactory(municipality=municipality)
    measure = MeasureFactory(goal=GoalFactory(field=FieldOfActionFactory(cycle=cycle)))
    editor = factories.UserFactory()
    proposed = services.save_answer(
        demand,
        user=editor,
        outcome=Answer.Outcome.ADOPTED,
        reason="Wird umgesetzt.",
        answered_on=date(2021, 9, 1),
        department=department,
        measures=[measure],
        propose=True,
    )
    assert proposed.state == Answer.State.PROPOSED
    assert not Answer.objects.public().exists()
    office = factories.UserFactory()
    published = services.publish_answer(proposed, user=office)
    assert (published.state, published.approved_by) == (Answer.State.PUBLISHED, office)
    assert list(Answer.objects.public()) == [published]
    assert list(measure.answers.all()) == [published]
    # Published, it is no longer the editor's to change.
    with pytest.raises(services.ConsultationError):
        services.save_answer(
            demand,
            user=editor,
            outcome=Answer.Outcome.PARTLY,
            reason="Teilweise.",
            answered_on=date(2021, 9, 2),
            propose=True,
        )
    assert list(Answer.objects.public()) == [published]
    services.withdraw_answer(published)
    assert Answer.objects.get().state == Answer.State.DRAFT


def test_an_answer_links_no_goal_measure_or_department_of_another_municipality(
    cycle, other_municipality
):
    demand = make_demand(cycle=cycle)
    foreign_measure = MeasureFactory(goal__field__cycle__municipality=other_municipality)
    foreign_goal = GoalFactory(field__cycle__municipality=other_municipality)
    foreign_department = factories.DepartmentFactory(municipality=other_municipality)
    for links in (
        {"measures": [foreign_measure]},
        {"goals": [foreign_goal]},
        {"department": foreign_department},
    ):
        with pytest.raises(services.ConsultationError):
            services.save_answer(
                demand,
                user=None,
                outcome=Answer.Outcome.ADOPTED,
                reason="x",
                answered_on=date(2021, 9, 1),
                **links,
            )
    assert not Answer.objects.exists()


def test_a_merged_demand_is_not_answered(cycle):
    keep, twin = make_demand(cycle=cycle), make_demand(cycle=cycle)
    services.merge_demands(keep, [twin])
    twin.refresh_from_db()
    with pytest.raises(services.ConsultationError):
        services.save_answer(
            twin, user=None, outcome=Answer.Outcome.NOTED, reason="x", answered_on=date(2021, 9, 1)
        )
