"""A consultation with a public trail, built with the factories and services: demands
from a position paper, a comment and a world café station, answers (published, draft,
proposed), a merged duplicate, goals and measures with status reports. Shared by the
trail, consideration and export tests and the accessibility sweep."""

from datetime import date
from types import SimpleNamespace

from teilhabe.consultation import services
from teilhabe.consultation.models import Answer
from teilhabe.plan.models import Status
from tests.events.factories import EventFactory, StationFactory
from tests.factories import DepartmentFactory, OrganisationFactory
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
    StatusReportFactory,
)

from .factories import (
    CommentFactory,
    ConsultationFactory,
    DemandTagFactory,
    DraftFactory,
    SectionFactory,
    StatementFactory,
    make_demand,
)


def answer(demand, outcome=Answer.Outcome.ADOPTED, *, publish=True, propose=False, **kwargs):
    kwargs.setdefault("reason", "Die Stadt baut das Angebot aus.")
    kwargs.setdefault("answered_on", date(2021, 11, 11))
    result = services.save_answer(demand, user=None, outcome=outcome, propose=propose, **kwargs)
    if publish and not propose:
        result = services.publish_answer(result, user=None)
    return result


def build_trail(municipality, slug="ik", consultation_slug="analyse", extra=0):
    """The trail of one consultation; ``extra`` more answered demands from the paper.
    Built twice in one municipality, the second's names end in its ``slug``."""
    suffix = "" if slug == "ik" else f"-{slug}"
    cycle = ConceptCycleFactory(
        municipality=municipality,
        slug=slug,
        title={"de": "Integrationskonzept 2021", "en": "Integration concept 2021"},
    )
    consultation = ConsultationFactory(
        cycle=cycle, slug=consultation_slug, title="Beteiligung zur Analyse 2021"
    )
    field = FieldOfActionFactory(cycle=cycle, number=1, slug="sprache", title="Sprache")
    other_field = FieldOfActionFactory(cycle=cycle, number=2, slug="arbeit", title="Arbeit")
    goal = GoalFactory(field=field, code="1.1", title="Mehr Menschen lernen Deutsch")
    department = DepartmentFactory(
        municipality=municipality,
        number=f"S50{suffix}"[:20],
        name=f"Sozialamt{suffix}",
    )
    measure = MeasureFactory(goal=goal, code="1.1.1", title="Sprachcafés in jedem Stadtteil")
    StatusReportFactory(measure=measure, status=Status.IN_PROGRESS, progress=40)
    draft_measure = MeasureFactory(goal=goal, code="1.1.9", title="Geheimer Entwurf", is_draft=True)
    dsm = OrganisationFactory(
        municipality=municipality,
        name=f"Dachverband Migrantenorganisationen{suffix}",
        slug=f"dsm{suffix}",
    )
    partner = OrganisationFactory(
        municipality=municipality, name=f"Kulturverein{suffix}", slug=f"kultur{suffix}"
    )
    paper = StatementFactory(
        cycle=cycle,
        consultation=consultation,
        title="Positionspapier der Migrantenorganisationen",
        submitted_on=date(2021, 3, 17),
        organisations=[dsm, partner],
    )
    section = SectionFactory(
        draft=DraftFactory(consultation=consultation, version=1, title="Analyse"),
        number="2.1",
        heading="Sprache und Bildung",
    )
    comment = CommentFactory(section=section, text="Mehr Kurse am Abend, bitte.")
    event = EventFactory(
        municipality=municipality, title="Integrationskonferenz", slug=f"konf{suffix}"
    )
    station = StationFactory(item__event=event, title="Tisch Arbeit")
    tag = DemandTagFactory(municipality=municipality, name=f"Kurse{suffix}", slug=f"kurse{suffix}")

    adopted = make_demand(
        cycle=cycle,
        statement=paper,
        consultation=consultation,
        text={"de": "Mehr Sprachkurse für Erwachsene.", "en": "More language courses."},
        fields=[field],
        tags=[tag],
    )
    answer(
        adopted,
        department=department,
        reason={"de": "Die Stadt richtet Sprachcafés ein.", "en": "Language cafés."},
        goals=[goal],
        measures=[measure, draft_measure],
    )
    from_comment = make_demand(
        cycle=cycle,
        comment=comment,
        consultation=consultation,
        text="Sprachkurse auch am Abend anbieten.",
        fields=[field],
    )
    answer(from_comment, Answer.Outcome.PARTLY, reason="Teilweise: zwei Abendkurse.")
    from_station = make_demand(
        cycle=cycle,
        station=station,
        consultation=consultation,
        text="Anerkennung ausländischer Abschlüsse beschleunigen.",
        fields=[other_field],
    )
    draft_answered = make_demand(
        cycle=cycle, statement=paper, consultation=consultation, text="Dolmetscherpool aufbauen."
    )
    answer(
        draft_answered,
        Answer.Outcome.NOT_ADOPTED,
        publish=False,
        reason="Geheime Begründung im Entwurf.",
    )
    proposed = make_demand(
        cycle=cycle, statement=paper, consultation=consultation, text="Beratung mehrsprachig."
    )
    answer(proposed, Answer.Outcome.NOTED, propose=True, reason="Vorgeschlagene Begründung.")
    duplicate = make_demand(
        cycle=cycle,
        statement=paper,
        consultation=consultation,
        text="Sprachkurse für Erwachsene ausbauen (doppelt).",
    )
    services.merge_demands(adopted, [duplicate])
    for n in range(extra):
        demand = make_demand(
            cycle=cycle,
            statement=paper,
            consultation=consultation,
            text=f"Weitere Forderung Nummer {n}.",
            fields=[field, other_field],
        )
        answer(demand, Answer.Outcome.NOTED, department=department, measures=[measure])
    return SimpleNamespace(
        municipality=municipality,
        cycle=cycle,
        consultation=consultation,
        field=field,
        other_field=other_field,
        goal=goal,
        measure=measure,
        draft_measure=draft_measure,
        department=department,
        dsm=dsm,
        partner=partner,
        paper=paper,
        comment=comment,
        event=event,
        station=station,
        adopted=adopted,
        from_comment=from_comment,
        from_station=from_station,
        draft_answered=draft_answered,
        proposed=proposed,
        duplicate=duplicate,
    )
