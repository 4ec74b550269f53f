"""Action plan endpoints: public reads of published cycles and measures, and status
reports filed by the departments that lead a measure."""

from datetime import date, datetime
from uuid import UUID

import ninja
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from teilhabe.accounts.rules import edited_department_ids
from teilhabe.plan import services
from teilhabe.plan.models import ConceptCycle, Measure, Status
from teilhabe.tenants.scoping import active_municipality

from .schemas import Code, Input, Slug, Text, Translated, errors

router = Router(tags=["plan"])


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


class MeasureOut(Schema):
    code: str
    title: Translated
    description: Translated
    field: int = Field(..., alias="goal.field.number")
    goal: str = Field(..., alias="goal.code")
    lead_departments: list[str]
    status: str
    progress: int
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
    def resolve_predecessor(obj):
        """``cycle/code`` of the measure this one carries over, if the public may see it."""
        predecessor = obj.predecessor
        if predecessor is None or not predecessor.is_public():
            return None
        return f"{predecessor.cycle.slug}/{predecessor.code}"


class MeasureDetailOut(MeasureOut):
    reports: list[StatusReportOut]

    @staticmethod
    def resolve_reports(obj):
        return list(obj.reports.all())


class StatusReportIn(Input):
    reported_on: date
    status: Status
    progress: int = Field(..., ge=0, le=100)
    text: Text = Field(..., min_length=1)
    evidence_url: Text = ""
    is_highlight: bool = False
    department: Text | None = Field(
        None, description="Number or name of the reporting lead department (default: the first)"
    )
    submission_key: UUID | None = Field(
        None,
        description="Your key for this report: sent again (a retry), it files nothing new "
        "and answers 200 with the report filed the first time",
    )


def _public_cycle(municipality, slug):
    cycles = ConceptCycle.objects.for_municipality(active_municipality(municipality)).public()
    return get_object_or_404(cycles, slug=slug)


def _public_measures(cycle):
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


@router.get("/{municipality}/cycles", response={200: list[CycleOut], **errors(404, 422)})
def list_cycles(request, municipality: Slug):
    return (
        ConceptCycle.objects.for_municipality(active_municipality(municipality))
        .public()
        .select_related("predecessor")
    )


@router.get(
    "/{municipality}/cycles/{cycle}/measures",
    response={200: list[MeasureOut], **errors(404, 422)},
)
@paginate
def list_measures(request, municipality: Slug, cycle: Slug):
    return _public_measures(_public_cycle(municipality, cycle))


@router.get(
    "/{municipality}/cycles/{cycle}/measures/{code}",
    response={200: MeasureDetailOut, **errors(404, 422)},
)
def get_measure(request, municipality: Slug, cycle: Slug, code: Code):
    measures = _public_measures(_public_cycle(municipality, cycle))
    return get_object_or_404(measures.prefetch_related("reports"), code=code)


@router.post(
    "/{municipality}/cycles/{cycle}/measures/{code}/reports",
    response={201: StatusReportOut, 200: StatusReportOut, **errors(400, 401, 403, 404, 422)},
    auth=django_auth,
)
def file_report(request, municipality: Slug, cycle: Slug, code: Code, payload: StatusReportIn):
    place = active_municipality(municipality)
    measure = get_object_or_404(
        Measure.objects.for_municipality(place)
        .filter(is_draft=False)
        .prefetch_related("lead_departments"),
        cycle__slug=cycle,
        code=code,
    )
    if not request.user.has_perm("plan.report_status", measure):
        raise PermissionDenied
    department = _reporting_department(request.user, measure, payload.department)
    data = payload.dict(exclude={"department", "submission_key"})
    try:
        report, created = services.file_status_report(
            measure=measure,
            author=request.user,
            department=department,
            data=data,
            submission_key=payload.submission_key,
        )
    except services.ReportError as error:
        raise ValidationError(str(error.message)) from error
    return ninja.Status(201 if created else 200, report)


def _reporting_department(user, measure, wanted):
    leads = list(measure.lead_departments.all())
    if not user.has_perm("plan.manage_plan", measure):
        own = edited_department_ids(user)
        leads = [d for d in leads if d.pk in own]
    if wanted:
        leads = [d for d in leads if wanted in (d.number, d.name)]
    if not leads:
        raise ValidationError(
            {"department": ["Not a lead department of this measure you report for."]}
        )
    return leads[0]
