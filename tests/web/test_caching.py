"""The content version (teilhabe.web.caching): every save, delete or change of relations
that can change a public page bumps its municipality's version after the commit, never
before and never on rollback; another municipality's version stays."""

import datetime
import time

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction

from teilhabe.bodies.models import AgendaItem
from teilhabe.directory.models import ActivityField, Language, UmbrellaMembership
from teilhabe.events.models import Registration, Speaker
from teilhabe.plan.models import FundingAmount, IndicatorValue, TargetGroup
from teilhabe.reports.models import Report
from teilhabe.tenants.scoping import municipality_lookup
from teilhabe.web import caching
from teilhabe.web.caching import content_modified, content_version
from tests import factories
from tests.bodies import factories as body_factories
from tests.consultation import factories as consultation_factories
from tests.events import factories as event_factories
from tests.plan import factories as plan_factories


def test_every_model_of_a_municipality_is_listed_as_public_or_not():
    listed = set(caching.PUBLIC_MODELS) | set(caching.NOT_PUBLIC_MODELS)
    assert not set(caching.PUBLIC_MODELS) & set(caching.NOT_PUBLIC_MODELS)
    ours = [
        model
        for model in apps.get_models()
        if model.__module__.startswith("teilhabe.")
        and (
            getattr(model, "is_shared_vocabulary", False)
            or any(f.name == "municipality" for f in model._meta.fields)
            or hasattr(model, "municipality_path")
            or model._meta.label == "tenants.Municipality"
        )
    ]
    assert len(ours) > 25
    unlisted = {model._meta.label for model in ours} - listed
    assert not unlisted, f"say whether these show on public pages: {unlisted}"
    for label in caching.PUBLIC_MODELS:
        municipality_lookup(apps.get_model(label))  # states its municipality


@pytest.fixture
def municipality(db, django_capture_on_commit_callbacks):
    # Made "committed": the test transaction never commits, so its bump is run here.
    with django_capture_on_commit_callbacks(execute=True):
        return factories.MunicipalityFactory(name="Dresden", slug="dresden")


@pytest.fixture
def other_municipality(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return factories.MunicipalityFactory(name="Leipzig", slug="leipzig")


def make_measure(municipality):
    cycle = plan_factories.ConceptCycleFactory(municipality=municipality)
    field = plan_factories.FieldOfActionFactory(municipality=municipality, cycle=cycle)
    goal = plan_factories.GoalFactory(municipality=municipality, field=field)
    return plan_factories.MeasureFactory(municipality=municipality, goal=goal)


def make_item(municipality):
    event = event_factories.EventFactory(municipality=municipality)
    return event_factories.ProgrammeItemFactory(event=event)


def make_indicator(municipality):
    cycle = plan_factories.ConceptCycleFactory(municipality=municipality)
    return plan_factories.IndicatorFactory(municipality=municipality, cycle=cycle)


def make_funding_line(municipality):
    cycle = plan_factories.ConceptCycleFactory(municipality=municipality)
    department = factories.DepartmentFactory(municipality=municipality)
    return plan_factories.FundingLineFactory(
        municipality=municipality, cycle=cycle, department=department
    )


def make_section(municipality):
    cycle = plan_factories.ConceptCycleFactory(municipality=municipality)
    return consultation_factories.SectionFactory(draft__consultation__cycle=cycle)


def make_statement(municipality):
    cycle = plan_factories.ConceptCycleFactory(municipality=municipality)
    return consultation_factories.StatementFactory(cycle=cycle)


# Per public model: how to make one in ``municipality``; the site's models ignore it.
MAKERS = {
    "tenants.Municipality": lambda m: factories.MunicipalityFactory(slug="chemnitz"),
    "directory.Department": lambda m: factories.DepartmentFactory(municipality=m),
    "directory.Organisation": lambda m: factories.OrganisationFactory(municipality=m),
    "directory.UmbrellaMembership": lambda m: UmbrellaMembership.objects.create(
        member=factories.OrganisationFactory(municipality=m),
        umbrella=factories.OrganisationFactory(municipality=m),
    ),
    "directory.ActivityField": lambda m: ActivityField.objects.get_or_create(code="sport")[0],
    "directory.Language": lambda m: Language.objects.create(code="xx", name="X", name_en="X"),
    "plan.ConceptCycle": lambda m: plan_factories.ConceptCycleFactory(municipality=m),
    "plan.CyclePhase": lambda m: plan_factories.CyclePhaseFactory(
        cycle=plan_factories.ConceptCycleFactory(municipality=m)
    ),
    "plan.FieldOfAction": lambda m: plan_factories.FieldOfActionFactory(
        municipality=m, cycle=plan_factories.ConceptCycleFactory(municipality=m)
    ),
    "plan.Goal": lambda m: make_measure(m).goal,
    "plan.Measure": make_measure,
    "plan.StatusReport": lambda m: plan_factories.StatusReportFactory(
        municipality=m, measure=make_measure(m)
    ),
    "plan.Indicator": make_indicator,
    "plan.IndicatorValue": lambda m: IndicatorValue.objects.create(
        indicator=make_indicator(m), year=2024, value=1
    ),
    "plan.FundingLine": make_funding_line,
    "plan.FundingAmount": lambda m: FundingAmount.objects.create(
        line=make_funding_line(m), year=2024, amount=100
    ),
    "plan.OpenItem": lambda m: plan_factories.OpenItemFactory(
        municipality=m, cycle=plan_factories.ConceptCycleFactory(municipality=m)
    ),
    "plan.TargetGroup": lambda m: TargetGroup.objects.get_or_create(code="youth")[0],
    "events.EventSeries": lambda m: event_factories.EventSeriesFactory(municipality=m),
    "events.Venue": lambda m: event_factories.VenueFactory(municipality=m),
    "events.AudienceGroup": lambda m: event_factories.AudienceGroupFactory(municipality=m),
    "events.Event": lambda m: event_factories.EventFactory(municipality=m),
    "events.Registration": lambda m: event_factories.RegistrationFactory(
        event=event_factories.EventFactory(municipality=m),
        status=Registration.Status.CONFIRMED,
    ),
    "events.ProgrammeItem": make_item,
    "events.Speaker": lambda m: Speaker.objects.create(item=make_item(m), name="Anna"),
    "events.Station": lambda m: event_factories.StationFactory(item=make_item(m)),
    "consultation.Consultation": lambda m: consultation_factories.ConsultationFactory(
        cycle=plan_factories.ConceptCycleFactory(municipality=m)
    ),
    "consultation.Draft": lambda m: make_section(m).draft,
    "consultation.DraftFile": lambda m: consultation_factories.DraftFileFactory(
        draft=make_section(m).draft
    ),
    "consultation.Section": lambda m: make_section(m),
    "consultation.Comment": lambda m: consultation_factories.CommentFactory(
        section=make_section(m)
    ),
    "consultation.Statement": lambda m: make_statement(m),
    "consultation.StatementFile": lambda m: consultation_factories.StatementFileFactory(
        statement=make_statement(m)
    ),
    "consultation.DemandTag": lambda m: consultation_factories.DemandTagFactory(municipality=m),
    "consultation.Demand": lambda m: consultation_factories.make_demand(
        statement=make_statement(m)
    ),
    "consultation.Answer": lambda m: consultation_factories.AnswerFactory(
        demand=consultation_factories.make_demand(statement=make_statement(m))
    ),
    "bodies.Body": lambda m: body_factories.BodyFactory(municipality=m),
    "bodies.Membership": lambda m: body_factories.join(
        body_factories.BodyFactory(municipality=m), factories.OrganisationFactory(municipality=m)
    ),
    "bodies.Person": lambda m: body_factories.PersonFactory(municipality=m),
    "bodies.Meeting": lambda m: body_factories.MeetingFactory(
        body=body_factories.BodyFactory(municipality=m)
    ),
    "bodies.AgendaItem": lambda m: AgendaItem.objects.create(
        meeting=body_factories.MeetingFactory(body=body_factories.BodyFactory(municipality=m)),
        position=0,
        title="Begrüßung",
    ),
    "bodies.MinutesFile": lambda m: body_factories.MinutesFileFactory(
        meeting=body_factories.MeetingFactory(body=body_factories.BodyFactory(municipality=m))
    ),
    "reports.Report": lambda m: Report.objects.create(
        municipality=m,
        cycle=plan_factories.ConceptCycleFactory(municipality=m),
        starts_on=datetime.date(2021, 1, 1),
        ends_on=datetime.date(2021, 12, 31),
        language="de",
    ),
}


def test_every_public_model_is_tried_below():
    assert set(MAKERS) == set(caching.PUBLIC_MODELS)


def made(label, municipality, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return MAKERS[label](municipality)


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(MAKERS))
def test_a_save_bumps_the_version_after_the_commit(
    label, municipality, other_municipality, django_capture_on_commit_callbacks
):
    obj = made(label, municipality, django_capture_on_commit_callbacks)
    site_wide = caching.scope_of(obj) == caching.SITE
    before, other_before = content_version(municipality.pk), content_version(other_municipality.pk)

    with django_capture_on_commit_callbacks() as callbacks:
        obj.save()
        assert content_version(municipality.pk) == before  # not before the commit
    assert len(callbacks) == 1
    callbacks[0]()

    assert content_version(municipality.pk) != before
    # Another municipality's pages stay cached, unless the site's content changed.
    assert (content_version(other_municipality.pk) != other_before) is site_wide


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(MAKERS))
def test_a_delete_bumps_the_version_after_the_commit(
    label, municipality, other_municipality, django_capture_on_commit_callbacks
):
    obj = made(label, municipality, django_capture_on_commit_callbacks)
    before, other_before = content_version(municipality.pk), content_version(other_municipality.pk)
    site_wide = caching.scope_of(obj) == caching.SITE

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            obj.delete()
            assert content_version(municipality.pk) == before

    assert content_version(municipality.pk) != before
    assert (content_version(other_municipality.pk) != other_before) is site_wide


@pytest.mark.django_db
def test_a_rolled_back_save_bumps_nothing(municipality, django_capture_on_commit_callbacks):
    measure = made("plan.Measure", municipality, django_capture_on_commit_callbacks)
    before = content_version(municipality.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            measure.save()
            raise RuntimeError("rolled back")

    assert callbacks == []
    assert content_version(municipality.pk) == before


@pytest.mark.django_db
def test_many_saves_in_one_transaction_bump_once(municipality, django_capture_on_commit_callbacks):
    measure = made("plan.Measure", municipality, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            for _ in range(3):
                measure.save()
                measure.goal.save()
    assert len(callbacks) == 1


def youth():
    return TargetGroup.objects.get_or_create(code="youth")[0]


# Per change: what it needs (made and committed first), and the change.
RELATION_CHANGES = {
    "add": (
        lambda m: factories.DepartmentFactory(municipality=m),
        lambda measure, department: measure.lead_departments.add(department),
    ),
    "add-vocabulary": (lambda m: youth(), lambda measure, group: measure.target_groups.add(group)),
    "add-from-the-other-side": (
        lambda m: factories.DepartmentFactory(municipality=m),
        lambda measure, department: department.partnered_measures.add(measure),
    ),
    "clear": (
        lambda m: None,
        lambda measure, _nothing: measure.partner_organisations.clear(),
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("change", sorted(RELATION_CHANGES))
def test_a_change_of_relations_bumps_the_version(
    change, municipality, other_municipality, django_capture_on_commit_callbacks
):
    prepare, relate = RELATION_CHANGES[change]
    with django_capture_on_commit_callbacks(execute=True):
        measure = make_measure(municipality)
        related = prepare(municipality)
    before, other_before = content_version(municipality.pk), content_version(other_municipality.pk)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            # No save of the measure itself: only its relations change.
            relate(measure, related)
            assert content_version(municipality.pk) == before
    assert content_version(municipality.pk) != before
    assert content_version(other_municipality.pk) == other_before


@pytest.mark.django_db
def test_an_event_with_another_organiser_bumps_its_municipality(
    municipality, other_municipality, django_capture_on_commit_callbacks
):
    event = made("events.Event", municipality, django_capture_on_commit_callbacks)
    organisation = made("directory.Organisation", municipality, django_capture_on_commit_callbacks)
    before, other_before = content_version(municipality.pk), content_version(other_municipality.pk)
    with django_capture_on_commit_callbacks(execute=True):
        event.organisers.add(organisation)
    assert content_version(municipality.pk) != before
    assert content_version(other_municipality.pk) == other_before


@pytest.mark.django_db
def test_an_unconfirmed_registration_changes_no_public_page(
    municipality, django_capture_on_commit_callbacks
):
    registration = made("events.Registration", municipality, django_capture_on_commit_callbacks)
    registration.status = Registration.Status.PENDING
    with django_capture_on_commit_callbacks() as callbacks:
        registration.save()
    assert callbacks == []
    registration.status = Registration.Status.CONFIRMED
    with django_capture_on_commit_callbacks() as callbacks:
        registration.save()
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_a_cleared_cache_never_brings_back_an_earlier_version(municipality):
    first = content_version(municipality.pk)
    assert content_version(municipality.pk) == first  # kept while the cache holds it
    cache.clear()
    second = content_version(municipality.pk)
    assert second != first
    assert [int(t) for t in second.split(".")] > [int(t) for t in first.split(".")]


@pytest.mark.django_db
def test_the_modification_time_is_the_time_of_the_last_bump(municipality):
    start = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    time.sleep(1.01)
    caching.bump(municipality.pk)
    modified = content_modified(municipality.pk)
    assert start < modified <= datetime.datetime.now(datetime.UTC)


@pytest.mark.django_db
def test_the_version_is_read_in_one_query(municipality, django_assert_num_queries):
    content_version(municipality.pk)
    with django_assert_num_queries(1):
        content_version(municipality.pk)
