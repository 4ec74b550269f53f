"""Action plan endpoints: public reads of published cycles and measures, and status
reports filed by the departments that lead a measure."""

from datetime import date

import ninja
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from teilhabe.accounts.rules import edited_department_ids
from teilhabe.plan import services
from teilhabe.plan.models import ConceptCycle, Measure, Status

from .directory import _municipality

router = Router(tags=["plan"])


class CycleOut(Schema):
    slug: str
    title: str
    title_en: str
    title_simple: str
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


class MeasureOut(Schema):
    code: str
    title: str
    title_en: str
    title_simple: str
    description: str
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
        return f"{obj.predecessor.cycle.slug}/{obj.predecessor.code}" if obj.predecessor else None


class MeasureDetailOut(MeasureOut):
    reports: list[StatusReportOut]

    @staticmethod
    def resolve_reports(obj):
        return list(obj.reports.all())


class StatusReportIn(Schema):
    reported_on: date
    status: Status
    progress: int = Field(..., ge=0, le=100)
    text: str = Field(..., min_length=1)
    evidence_url: str = ""
    is_highlight: bool = False
    department: str | None = Field(
        None, description="Number or name of the reporting lead department (default: the first)"
    )


def _published_cycle(municipality, slug):
    return get_object_or_404(
        ConceptCycle.objects.for_municipality(municipality).filter(is_published=True), slug=slug
    )


def _measures(cycle):
    return (
        Measure.objects.filter(cycle=cycle, is_draft=False)
        .select_related("goal__field", "latest_report", "predecessor__cycle")
        .prefetch_related("lead_departments")
        .order_by("code")
    )


@router.get("/{municipality}/cycles", response=list[CycleOut])
def list_cycles(request, municipality: str):
    return (
        ConceptCycle.objects.for_municipality(_municipality(municipality))
        .filter(is_published=True)
        .select_related("predecessor")
    )


@router.get("/{municipality}/cycles/{cycle}/measures", response=list[MeasureOut])
@paginate
def list_measures(request, municipality: str, cycle: str):
    return _measures(_published_cycle(_municipality(municipality), cycle))


@router.get("/{municipality}/cycles/{cycle}/measures/{code}", response=MeasureDetailOut)
def get_measure(request, municipality: str, cycle: str, code: str):
    measures = _measures(_published_cycle(_municipality(municipality), cycle))
    return get_object_or_404(measures.prefetch_related("reports"), code=code)


@router.post(
    "/{municipality}/cycles/{cycle}/measures/{code}/reports",
    response={201: StatusReportOut},
    auth=django_auth,
)
def file_report(request, municipality: str, cycle: str, code: str, payload: StatusReportIn):
    place = _municipality(municipality)
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
    data = payload.dict(exclude={"department"})
    report = services.file_status_report(
        measure=measure, author=request.user, department=department, data=data
    )
    return ninja.Status(201, report)


def _reporting_department(user, measure, wanted):
    leads = list(measure.lead_departments.all())
    if not user.has_perm("plan.manage_plan", measure):
        own = edited_department_ids(user)
        leads = [d for d in leads if d.pk in own]
    if wanted:
        leads = [d for d in leads if wanted in (d.number, d.name)]
    if not leads:
        from django.core.exceptions import ValidationError

        raise ValidationError(
            {"department": ["Not a lead department of this measure you report for."]}
        )
    return leads[0]
