"""factory_boy factories of the action plan. Every object takes its municipality from
the object it belongs to, so ``MeasureFactory(goal=goal)`` is enough.

Status reports go through ``services.file_status_report`` so that the measure's
``latest_report`` is kept as in production."""

from datetime import date, timedelta
from decimal import Decimal

import factory

from teilhabe.plan import services
from teilhabe.plan.models import (
    ConceptCycle,
    CyclePhase,
    FieldOfAction,
    FundingAmount,
    FundingLine,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    OpenItem,
    Phase,
    Status,
    StatusReport,
    TargetGroup,
)
from tests.factories import DepartmentFactory, MunicipalityFactory, slugify


class ConceptCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConceptCycle

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Integrationskonzept {2000 + n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "Ziele und Maßnahmen der Integrationsarbeit."
    starts_on = date(2021, 1, 1)
    ends_on = date(2026, 12, 31)
    phase = Phase.IMPLEMENTATION
    council_decision_number = "V0815/21"
    council_decision_date = date(2021, 11, 11)
    is_published = True


class CyclePhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CyclePhase

    cycle = factory.SubFactory(ConceptCycleFactory)
    phase = Phase.DRAFTING
    starts_on = date(2020, 3, 1)
    ends_on = date(2020, 9, 30)


class FieldOfActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfAction

    cycle = factory.SubFactory(ConceptCycleFactory)
    municipality = factory.LazyAttribute(lambda o: o.cycle.municipality)
    number = factory.Sequence(lambda n: n + 1)
    slug = factory.LazyAttribute(lambda o: f"handlungsfeld-{o.number}")
    title = factory.LazyAttribute(lambda o: f"Handlungsfeld Nummer {o.number}")
    situation = "Die Lage heute."
    developments = "Was sich verändert hat."
    challenges = "Was zu tun bleibt."


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    field = factory.SubFactory(FieldOfActionFactory)
    municipality = factory.LazyAttribute(lambda o: o.field.municipality)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.field.number}.{n + 1}")
    title = factory.LazyAttribute(lambda o: f"Ziel {o.code}")


class MeasureFactory(factory.django.DjangoModelFactory):
    """A measure; ``lead_departments`` defaults to one new department,
    ``target_groups`` takes codes (e.g. ``["women"]``)."""

    class Meta:
        model = Measure
        skip_postgeneration_save = True

    goal = factory.SubFactory(GoalFactory)
    cycle = factory.LazyAttribute(lambda o: o.goal.field.cycle)
    municipality = factory.LazyAttribute(lambda o: o.goal.municipality)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.goal.code}.{n + 1}")
    title = factory.LazyAttribute(lambda o: f"Maßnahme {o.code}")
    description = "Was die Stadt tut."
    starts_on = date(2021, 1, 1)
    ends_on = date(2024, 12, 31)
    budget = Decimal("36800.00")
    funding_source = "Haushalt der Stadt"

    @factory.post_generation
    def lead_departments(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [DepartmentFactory(municipality=self.municipality)]
        self.lead_departments.set(extracted)

    @factory.post_generation
    def partner_departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_departments.set(extracted)

    @factory.post_generation
    def partner_organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_organisations.set(extracted)

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            # get_or_create: a transactional test's flush removes the rows the
            # migration loads.
            self.target_groups.set(
                [TargetGroup.objects.get_or_create(code=code)[0] for code in extracted]
            )


class StatusReportFactory(factory.django.DjangoModelFactory):
    """Filed through the service, which also sets ``measure.latest_report``; the
    measure instance passed in is refreshed."""

    class Meta:
        model = StatusReport

    measure = factory.SubFactory(MeasureFactory)
    reported_on = factory.Sequence(lambda n: date(2022, 1, 1) + timedelta(days=n % 1000))
    status = Status.IN_PROGRESS
    progress = factory.LazyAttribute(lambda o: 100 if o.status == Status.DONE else 40)
    text = "Die Arbeit läuft."
    evidence_url = ""
    author = None
    author_department = None

    @classmethod
    def _create(cls, model_class, *args, measure, author=None, author_department=None, **kwargs):
        kwargs.pop("municipality", None)
        report, _created = services.file_status_report(
            measure=measure, author=author, department=author_department, data=kwargs
        )
        measure.refresh_from_db(fields=["latest_report"])
        return report


class IndicatorFactory(factory.django.DjangoModelFactory):
    """``values`` takes ``{year: value}``."""

    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    cycle = factory.SubFactory(ConceptCycleFactory)
    municipality = factory.LazyAttribute(lambda o: o.cycle.municipality)
    field = None
    title = factory.Sequence(lambda n: f"Teilnehmende an Sprachkursen {n}")
    unit = "Personen"
    baseline = Decimal("1200")
    baseline_year = 2020
    target = Decimal("2000")
    target_year = 2026

    @factory.post_generation
    def values(self, create, extracted, **kwargs):
        if create and extracted:
            IndicatorValue.objects.bulk_create(
                IndicatorValue(indicator=self, year=year, value=Decimal(value))
                for year, value in extracted.items()
            )


class FundingLineFactory(factory.django.DjangoModelFactory):
    """``amounts`` takes ``{year: amount}``; ``estimated`` the years that are interpolated."""

    class Meta:
        model = FundingLine
        skip_postgeneration_save = True

    cycle = factory.SubFactory(ConceptCycleFactory)
    municipality = factory.LazyAttribute(lambda o: o.cycle.municipality)
    field = None
    title = factory.Sequence(lambda n: f"Förderung von Migrantenorganisationen {n}")
    department = factory.SubFactory(
        DepartmentFactory, municipality=factory.SelfAttribute("..municipality")
    )

    @factory.post_generation
    def amounts(self, create, extracted, **kwargs):
        if create and extracted:
            estimated = set(kwargs.get("estimated", ()))
            FundingAmount.objects.bulk_create(
                FundingAmount(
                    line=self, year=year, amount=Decimal(amount), is_estimate=year in estimated
                )
                for year, amount in extracted.items()
            )


class OpenItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpenItem

    cycle = factory.SubFactory(ConceptCycleFactory)
    municipality = factory.LazyAttribute(lambda o: o.cycle.municipality)
    text = factory.Sequence(lambda n: f"Handlungsbedarf Nummer {n}")
    order = factory.Sequence(lambda n: n)
