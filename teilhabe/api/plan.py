"""Action plan endpoints: public reads of published cycles with their fields of action,
goals, measures (with the history of their status reports), status reports,
indicators (with yearly values), funding lines (with yearly amounts) and needs for
action. What is public is the portal's rule (``public_when`` in plan/models.py);
indicators and funding lines of a draft field of action are hidden as on the pages.

Every list runs a fixed number of queries whatever the size of the plan
(tests/api/test_queries.py)."""

from datetime import date, datetime

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from teilhabe.directory.models import Organisation
from teilhabe.plan.models import (
    ConceptCycle,
    CyclePhase,
    FieldOfAction,
    FundingLine,
    Goal,
    Indicator,
    Measure,
    OpenItem,
    Phase,
    Status,
    StatusReport,
)
from teilhabe.tenants.scoping import active_municipality

from .schemas import Code, Day, Slug, Text, Translated, choice, errors

router = Router(tags=["plan"])


def field_number():
    """The ``field`` filter: a field of action's number."""
    return Field(None, ge=1, le=999, description="A field of action's number")


# --- Schemas ------------------------------------------------------------------------------


class CycleOut(Schema):
    slug: str
    title: Translated
    starts_on: date
    ends_on: date
    phase: str
    council_decision_number: str
    council_decision_date: date | None
    predecessor: str | None = Field(None, alias="predecessor.slug")
    is_sample: bool


class PhaseOut(Schema):
    phase: str
    starts_on: date
    ends_on: date | None
    note: Translated


class CycleDetailOut(CycleOut):
    short_title: str
    summary: Translated
    phases: list[PhaseOut]

    @staticmethod
    def resolve_phases(obj):
        return list(obj.phases.all())


class FieldOut(Schema):
    number: int
    slug: str
    title: Translated
    situation: Translated
    developments: Translated
    challenges: Translated


class GoalOut(Schema):
    code: str
    field: int = Field(..., alias="field.number")
    title: Translated
    description: Translated


class FieldDetailOut(FieldOut):
    goals: list[GoalOut]

    @staticmethod
    def resolve_goals(obj):
        return list(obj.goals.all())


class StatusReportOut(Schema):
    reported_on: date
    status: str
    progress: int
    text: str
    evidence_url: str
    is_highlight: bool
    withdrawn: bool = Field(
        ..., alias="is_withdrawn", description="Withdrawn reports do not count as the status"
    )
    withdrawn_at: datetime | None
    withdrawal_reason: str


class CycleStatusReportOut(StatusReportOut):
    measure: str = Field(..., alias="measure.code", description="The measure's code")
    department: str | None = Field(None, description="The reporting department")

    @staticmethod
    def resolve_department(obj):
        return str(obj.author_department) if obj.author_department else None


class DepartmentRef(Schema):
    id: int
    number: str
    name: Translated


class OrganisationRef(Schema):
    slug: str
    name: str


class MeasureOut(Schema):
    code: str
    title: Translated
    description: Translated
    field: int = Field(..., alias="goal.field.number")
    goal: str = Field(..., alias="goal.code")
    lead_departments: list[str]
    lead_department_ids: list[int]
    status: str
    progress: int
    reported_on: date | None = Field(
        None, alias="latest_report.reported_on", description="Date of the latest report"
    )
    starts_on: date | None
    ends_on: date | None
    budget: float | None
    funding_source: str
    priority: str
    predecessor: str | None = None
    is_sample: bool

    @staticmethod
    def resolve_lead_departments(obj):
        return [str(d) for d in obj.lead_departments.all()]

    @staticmethod
    def resolve_lead_department_ids(obj):
        return [d.pk for d in obj.lead_departments.all()]

    @staticmethod
    def resolve_predecessor(obj):
        """``cycle/code`` of the measure this one carries over, if the public may see it."""
        predecessor = obj.predecessor
        if predecessor is None or not predecessor.is_public():
            return None
        return f"{predecessor.cycle.slug}/{predecessor.code}"


class MeasureDetailOut(MeasureOut):
    partner_departments: list[DepartmentRef]
    partner_organisations: list[OrganisationRef]
    target_groups: list[str]
    reports: list[StatusReportOut]

    @staticmethod
    def resolve_partner_departments(obj):
        return list(obj.partner_departments.all())

    @staticmethod
    def resolve_partner_organisations(obj):
        return list(obj.partner_organisations.all())

    @staticmethod
    def resolve_target_groups(obj):
        return [group.code for group in obj.target_groups.all()]

    @staticmethod
    def resolve_reports(obj):
        return list(obj.reports.all())


class IndicatorValueOut(Schema):
    year: int
    value: float
    note: str


class IndicatorOut(Schema):
    id: int
    title: Translated
    description: Translated
    field: int | None = Field(None, alias="field.number")
    unit: str
    baseline: float | None
    baseline_year: int | None
    target: float | None
    target_year: int | None
    values: list[IndicatorValueOut]
    is_sample: bool

    @staticmethod
    def resolve_values(obj):
        return list(obj.values.all())


class FundingAmountOut(Schema):
    year: int
    amount: float = Field(..., description="Euros")
    is_estimate: bool = Field(..., description="Interpolated between known years")


class FundingLineOut(Schema):
    id: int
    title: Translated
    description: Translated
    field: int | None = Field(None, alias="field.number")
    department: DepartmentRef
    amounts: list[FundingAmountOut]
    is_sample: bool

    @staticmethod
    def resolve_amounts(obj):
        return list(obj.amounts.all())


class NeedOut(Schema):
    text: Translated
    order: int
    taken_up_by: str | None = Field(
        None, description="``cycle/code`` of the measure that takes it up, if public"
    )

    @staticmethod
    def resolve_taken_up_by(obj):
        measure = obj.taken_up_by
        if measure is None or not measure.is_public():
            return None
        return f"{measure.cycle.slug}/{measure.code}"


# --- Filters ------------------------------------------------------------------------------


class CycleFilter(Schema):
    phase: choice(Phase) | None = None


class FieldFilter(Schema):
    field: int | None = field_number()


class MeasureFilter(Schema):
    q: Text | None = Field(None, description="Words in the code, title or description")
    field: int | None = field_number()
    department: int | None = Field(None, ge=1, le=2**31 - 1, description="Id of a lead department")
    status: choice(Status) | None = None
    target_group: Text | None = Field(None, max_length=30)
    reported_since: Day | None = Field(
        None, description="Only measures whose latest report is dated on or after this day"
    )


class ReportFilter(Schema):
    field: int | None = field_number()
    status: choice(Status) | None = None
    since: Day | None = Field(None, description="Reports dated on or after this day")
    highlight: bool | None = Field(None, description="Only highlighted reports (or only others)")
    withdrawn: bool | None = Field(None, description="Only withdrawn reports (or only others)")


class FundingFilter(FieldFilter):
    department: int | None = Field(None, ge=1, le=2**31 - 1, description="Granting department id")


# --- Querysets ----------------------------------------------------------------------------


def public_cycle(municipality, slug):
    cycles = ConceptCycle.objects.for_municipality(active_municipality(municipality)).public()
    return get_object_or_404(cycles, slug=slug)


def public_measures(cycle):
    """The measures of ``cycle`` the public may see: the portal's rule."""
    return (
        Measure.objects.public()
        .filter(cycle=cycle)
        .select_related(
            "goal__field", "latest_report", "predecessor__cycle", "predecessor__goal__field"
        )
        .prefetch_related("lead_departments")
        .order_by("code")
    )


def _field_number(queryset, number, lookup="field__number"):
    return queryset if number is None else queryset.filter(**{lookup: number})


def _beside_public_fields(queryset):
    """Indicators and funding lines: of the whole cycle, or of a public field."""
    return queryset.filter(Q(field__isnull=True) | Q(field__is_draft=False))


# --- Endpoints ----------------------------------------------------------------------------


@router.get("/{municipality}/cycles", response={200: list[CycleOut], **errors(404, 422)})
def list_cycles(request, municipality: Slug, filters: Query[CycleFilter]):
    """The published cycles, newest first (a short list: not paginated)."""
    cycles = (
        ConceptCycle.objects.for_municipality(active_municipality(municipality))
        .public()
        .select_related("predecessor")
    )
    if filters.phase:
        cycles = cycles.filter(phase=filters.phase)
    return cycles


@router.get("/{municipality}/cycles/{cycle}", response={200: CycleDetailOut, **errors(404, 422)})
def get_cycle(request, municipality: Slug, cycle: Slug):
    """A cycle with the dated phases of its timeline."""
    cycles = (
        ConceptCycle.objects.for_municipality(active_municipality(municipality))
        .public()
        .select_related("predecessor")
        .prefetch_related(
            Prefetch("phases", queryset=CyclePhase.objects.order_by("starts_on", "pk"))
        )
    )
    return get_object_or_404(cycles, slug=cycle)


@router.get(
    "/{municipality}/cycles/{cycle}/fields", response={200: list[FieldOut], **errors(404, 422)}
)
@paginate
def list_fields(request, municipality: Slug, cycle: Slug):
    """The public fields of action of a cycle, by number."""
    return FieldOfAction.objects.public().filter(cycle=public_cycle(municipality, cycle))


@router.get(
    "/{municipality}/cycles/{cycle}/fields/{field}",
    response={200: FieldDetailOut, **errors(404, 422)},
)
def get_field(request, municipality: Slug, cycle: Slug, field: Slug):
    """A field of action with its analysis and its public goals."""
    goals = Goal.objects.public().select_related("field").order_by("code")
    fields = (
        FieldOfAction.objects.public()
        .filter(cycle=public_cycle(municipality, cycle))
        .prefetch_related(Prefetch("goals", queryset=goals))
    )
    return get_object_or_404(fields, slug=field)


@router.get(
    "/{municipality}/cycles/{cycle}/goals", response={200: list[GoalOut], **errors(404, 422)}
)
@paginate
def list_goals(request, municipality: Slug, cycle: Slug, filters: Query[FieldFilter]):
    """The public goals of a cycle, by code; ``field`` filters by field of action."""
    goals = Goal.objects.public().filter(field__cycle=public_cycle(municipality, cycle))
    return _field_number(goals.select_related("field"), filters.field).order_by(
        "field__number", "code"
    )


@router.get(
    "/{municipality}/cycles/{cycle}/measures",
    response={200: list[MeasureOut], **errors(404, 422)},
)
@paginate
def list_measures(request, municipality: Slug, cycle: Slug, filters: Query[MeasureFilter]):
    """The public measures of a cycle, by code, with their current status."""
    measures = public_measures(public_cycle(municipality, cycle))
    if filters.q:
        measures = measures.search(filters.q)
    measures = _field_number(measures, filters.field, "goal__field__number")
    if filters.department:
        measures = measures.filter(lead_departments=filters.department)
    if filters.status:
        measures = measures.with_status(filters.status)
    if filters.target_group:
        measures = measures.filter(target_groups__code=filters.target_group)
    if filters.reported_since:
        measures = measures.filter(latest_report__reported_on__gte=filters.reported_since)
    if filters.department or filters.target_group:
        # A measure with two matching rows is listed once.
        measures = measures.distinct()
    return measures.order_by("code", "pk")


@router.get(
    "/{municipality}/cycles/{cycle}/measures/{code}",
    response={200: MeasureDetailOut, **errors(404, 422)},
)
def get_measure(request, municipality: Slug, cycle: Slug, code: Code):
    """A measure with its partners, target groups and the whole history of its status
    reports (withdrawn ones marked)."""
    measures = public_measures(public_cycle(municipality, cycle)).prefetch_related(
        "partner_departments",
        "target_groups",
        Prefetch(
            "partner_organisations",
            queryset=Organisation.objects.filter(is_published=True).order_by("name"),
        ),
        "reports",
    )
    return get_object_or_404(measures, code=code)


@router.get(
    "/{municipality}/cycles/{cycle}/reports",
    response={200: list[CycleStatusReportOut], **errors(404, 422)},
)
@paginate
def list_reports(request, municipality: Slug, cycle: Slug, filters: Query[ReportFilter]):
    """The status reports of the cycle's public measures, newest first."""
    measures = Measure.objects.public().filter(cycle=public_cycle(municipality, cycle))
    reports = (
        StatusReport.objects.filter(measure__in=measures)
        .select_related("measure", "author_department")
        .order_by("-reported_on", "-created_at", "-id")
    )
    reports = _field_number(reports, filters.field, "measure__goal__field__number")
    if filters.status:
        reports = reports.filter(status=filters.status)
    if filters.since:
        reports = reports.filter(reported_on__gte=filters.since)
    if filters.highlight is not None:
        reports = reports.filter(is_highlight=filters.highlight)
    if filters.withdrawn is not None:
        reports = reports.filter(withdrawn_at__isnull=not filters.withdrawn)
    return reports


@router.get(
    "/{municipality}/cycles/{cycle}/indicators",
    response={200: list[IndicatorOut], **errors(404, 422)},
)
@paginate
def list_indicators(request, municipality: Slug, cycle: Slug, filters: Query[FieldFilter]):
    """Indicators with their yearly values; ``field`` filters by field of action."""
    indicators = Indicator.objects.filter(cycle=public_cycle(municipality, cycle))
    indicators = _beside_public_fields(indicators).select_related("field")
    return (
        _field_number(indicators, filters.field)
        .prefetch_related("values")
        .order_by("title__de", "pk")
    )


@router.get(
    "/{municipality}/cycles/{cycle}/funding-lines",
    response={200: list[FundingLineOut], **errors(404, 422)},
)
@paginate
def list_funding_lines(request, municipality: Slug, cycle: Slug, filters: Query[FundingFilter]):
    """Funding lines with their yearly amounts (euros)."""
    lines = FundingLine.objects.filter(cycle=public_cycle(municipality, cycle))
    lines = _beside_public_fields(lines).select_related("field", "department")
    if filters.department:
        lines = lines.filter(department=filters.department)
    return (
        _field_number(lines, filters.field).prefetch_related("amounts").order_by("title__de", "pk")
    )


@router.get(
    "/{municipality}/cycles/{cycle}/needs", response={200: list[NeedOut], **errors(404, 422)}
)
@paginate
def list_needs(request, municipality: Slug, cycle: Slug):
    """The needs for action (Handlungsbedarf) the cycle leaves open, in their order."""
    return (
        OpenItem.objects.filter(cycle=public_cycle(municipality, cycle))
        .select_related("taken_up_by__cycle", "taken_up_by__goal__field")
        .order_by("order", "pk")
    )
