"""A municipality's public data beside data the public must never see, for the API's
read tests: ``build(municipality, n)`` adds ``n`` of each public object (and the
hidden ones once) to the cycle ``ik-2021``; calling it again adds ``n`` more.

Hidden (every test checks that its marker text never appears): an unpublished cycle,
a draft field of action with its goal, measure, indicator and funding line, a draft
goal, a draft measure, an unpublished organisation as partner, an organisation's
internal notes, a draft event, an unpublished consultation, an unpublished draft, a
demand from a statement not handed in, a draft answer, an online event's access
data, a station's results before its event; an internal body, a public body's internal
meeting, a member person's name without their consent and their e-mail address, an
unpublished member organisation, who attended a public meeting."""

from datetime import date, timedelta

from django.utils import timezone

from teilhabe.bodies.models import Body
from teilhabe.consultation.models import Answer, Statement
from teilhabe.events.models import Event, Speaker
from teilhabe.plan.models import ConceptCycle
from tests import factories
from tests.bodies.factories import (
    BodyFactory,
    MeetingFactory,
    MinutesFileFactory,
    PersonFactory,
    join,
)
from tests.consultation.factories import (
    AnswerFactory,
    CommentFactory,
    ConsultationFactory,
    DraftFactory,
    SectionFactory,
    StatementFactory,
    make_demand,
)
from tests.events.factories import EventFactory, ProgrammeItemFactory, StationFactory
from tests.plan.factories import (
    ConceptCycleFactory,
    CyclePhaseFactory,
    FieldOfActionFactory,
    FundingLineFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    OpenItemFactory,
    StatusReportFactory,
)

SECRET = "GEHEIM"  # in every hidden object's text


def cycle_of(municipality):
    cycle = ConceptCycle.objects.filter(municipality=municipality, slug="ik-2021").first()
    if cycle is None:
        cycle = ConceptCycleFactory(
            municipality=municipality, slug="ik-2021", title="Integrationskonzept 2021"
        )
        CyclePhaseFactory(cycle=cycle, note="Entwurf in drei Werkstätten")
        _hidden(municipality, cycle)
    return cycle


def _hidden(municipality, cycle):
    hidden = ConceptCycleFactory(
        municipality=municipality, slug="ik-2027", title=f"{SECRET} Zyklus", is_published=False
    )
    MeasureFactory(goal=GoalFactory(field=FieldOfActionFactory(cycle=hidden)), code="9.9.9")
    draft_field = FieldOfActionFactory(
        cycle=cycle, number=99, slug="entwurf", title=f"{SECRET} Feld", is_draft=True
    )
    draft_goal = GoalFactory(field=draft_field, code="99.1", title=f"{SECRET} Ziel")
    MeasureFactory(goal=draft_goal, code="99.1.1", title=f"{SECRET} Maßnahme im Feld")
    StatusReportFactory(measure=cycle.measures.get(code="99.1.1"), text=f"{SECRET} Bericht")
    IndicatorFactory(cycle=cycle, field=draft_field, title=f"{SECRET} Indikator")
    FundingLineFactory(cycle=cycle, field=draft_field, title=f"{SECRET} Förderung")
    EventFactory(
        municipality=municipality,
        slug="entwurf",
        title=f"{SECRET} Veranstaltung",
        status=Event.Status.DRAFT,
    )
    ConsultationFactory(
        cycle=cycle, slug="geheim", title=f"{SECRET} Beteiligung", is_published=False
    )
    draft_statement = StatementFactory(
        cycle=cycle, title=f"{SECRET} Papier", status=Statement.Status.DRAFT
    )
    make_demand(statement=draft_statement, text=f"{SECRET} Forderung")
    internal = BodyFactory(
        municipality=municipality, slug="intern", name=f"{SECRET} Gremium", is_public=False
    )
    join(internal, factories.OrganisationFactory(municipality=municipality))
    MeetingFactory(body=internal, place=f"{SECRET} Raum", is_public=True)


def add_body(municipality, cycle, field, department, partner, hidden_partner):
    """A public body with a member of every kind, a public meeting (with its agenda,
    minutes and attendance) and an internal one."""
    body = BodyFactory(
        municipality=municipality,
        kind=Body.Kind.EXPERT_GROUP,
        short_name=f"FAG {Body.objects.filter(municipality=municipality).count()}",
        managed_by=department,
    )
    body.cycles.add(cycle)
    body.fields.add(field)
    join(body, partner, role="chair")
    join(body, hidden_partner)
    join(body, department, role="deputy")
    join(body, PersonFactory(municipality=municipality, name="Anna Offen", name_is_public=True))
    hidden_person = join(
        body,
        PersonFactory(
            municipality=municipality, name=f"{SECRET} Person", email="intern@example.org"
        ),
    )
    join(body, factories.OrganisationFactory(municipality=municipality), ends_on=date(2022, 12, 31))
    public = MeetingFactory(body=body, is_public=True, place="Rathaus")
    public.agenda.create(position=0, title="Bericht der Arbeitsgruppe")
    MinutesFileFactory(meeting=public)
    public.attendees.add(hidden_person)
    internal = MeetingFactory(body=body, is_public=False, place=f"{SECRET} Raum")
    internal.agenda.create(position=0, title=f"{SECRET} Punkt")
    return body


def build(municipality, n=1):
    """Add ``n`` public objects of each kind (and their hidden neighbours)."""
    cycle = cycle_of(municipality)
    field = FieldOfActionFactory(cycle=cycle, number=cycle.fields.exclude(number=99).count() + 1)
    department = factories.DepartmentFactory(municipality=municipality)
    partner = factories.OrganisationFactory(municipality=municipality)
    hidden_partner = factories.OrganisationFactory(
        municipality=municipality,
        name=f"{SECRET} Verein {cycle.fields.count()}",
        is_published=False,
    )
    consultation = ConsultationFactory(cycle=cycle)
    draft = DraftFactory(consultation=consultation, title="Analyse")
    DraftFactory(consultation=consultation, title=f"{SECRET} Entwurf", is_published=False)
    section = SectionFactory(draft=draft)
    now = timezone.now()
    for _ in range(n):
        goal = GoalFactory(field=field)
        GoalFactory(field=field, title=f"{SECRET} Entwurfsziel", is_draft=True)
        measure = MeasureFactory(
            goal=goal,
            lead_departments=[department, factories.DepartmentFactory(municipality=municipality)],
            partner_departments=[department],
            partner_organisations=[partner, hidden_partner],
            target_groups=["women"],
        )
        StatusReportFactory(measure=measure, author_department=department, is_highlight=True)
        StatusReportFactory(measure=measure, reported_on=date(2023, 5, 1))
        MeasureFactory(goal=goal, title=f"{SECRET} Maßnahmenentwurf", is_draft=True)
        IndicatorFactory(cycle=cycle, field=field, values={2021: 10, 2022: 12})
        FundingLineFactory(cycle=cycle, department=department, amounts={2021: 36800, 2022: 40400})
        OpenItemFactory(cycle=cycle, taken_up_by=measure)
        event = EventFactory(
            municipality=municipality,
            cycle=cycle,
            starts_at=now - timedelta(days=3),
            ends_at=now - timedelta(days=3) + timedelta(hours=3),
            join_url=f"https://meet.example/{SECRET}",
            passcode=SECRET,
        )
        item = ProgrammeItemFactory(event=event)
        Speaker.objects.create(item=item, name="Amira K.", organisation=hidden_partner)
        station = StationFactory(item=item, results="Mehr Wohnungen für Familien.")
        upcoming = EventFactory(municipality=municipality)
        StationFactory(
            item=ProgrammeItemFactory(event=upcoming), results=f"{SECRET} Ergebnis vorab"
        )
        consultation.events.add(event)
        statement = StatementFactory(
            cycle=cycle, consultation=consultation, organisations=[partner, hidden_partner]
        )
        answered = make_demand(
            statement=statement, consultation=consultation, text="Mehr Sprachkurse."
        )
        answered.fields.set([field])
        answer = AnswerFactory(demand=answered, municipality=municipality, department=department)
        answer.measures.set([measure, cycle.measures.get(code="99.1.1")])
        answer.goals.set([goal])
        pending = make_demand(
            comment=CommentFactory(section=section),
            consultation=consultation,
            text="Mehr Beratung.",
        )
        AnswerFactory(
            demand=pending,
            municipality=municipality,
            state=Answer.State.DRAFT,
            reason=f"{SECRET} Antwortentwurf",
        )
        make_demand(station=station, cycle=cycle, text="Mehr Wohnungen.")
        add_body(municipality, cycle, field, department, partner, hidden_partner)
    return cycle
