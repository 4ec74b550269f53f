"""Action plan changes for staff, with an API token or the site's session: filing a
status report (the office or an editor of a lead department), creating and changing
measures (the office; an editor of a lead department changes texts, dates, partners
and money, as on the page), publishing a cycle (the office).

The pages' own permissions and workflows do the work: ``user.has_perm`` with the
plan's rules, the measure form of the office's pages (``plan.forms.MeasureForm``: its
choices are the municipality's, so another municipality's department or organisation
is "not one of the available choices"), ``web.services.save_checked`` and the plan's
services. A refusal is a JSON reason: 403 (not allowed), 404 (no such object in this
municipality), 422 (the values)."""

from decimal import Decimal
from typing import Annotated
from uuid import UUID

import ninja
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BooleanField, ModelChoiceField, ModelMultipleChoiceField
from django.shortcuts import get_object_or_404
from ninja import Field
from pydantic import StringConstraints

from teilhabe.accounts.rules import edited_department_ids
from teilhabe.directory.models import Organisation
from teilhabe.languages.forms import TranslatedFormField, merge_form_texts
from teilhabe.plan import forms as plan_forms
from teilhabe.plan import services
from teilhabe.plan.models import ConceptCycle, Goal, Measure, Status, TargetGroup
from teilhabe.tenants.scoping import active_municipality
from teilhabe.web.services import save_checked

from .auth import STAFF

# The plan's router: an address with reads and changes must be one route (django-ninja
# answers a second router's method on the same address with 405).
from .plan import CycleDetailOut, DepartmentRef, MeasureOut, StatusReportOut, router
from .schemas import Code, Day, Input, Slug, Text, TranslatedInput, choice, errors

WRITE_ERRORS = errors(400, 401, 403, 404, 422, 429)
ID = Annotated[int, Field(ge=1, le=2**31 - 1)]
TargetGroupCode = Annotated[str, StringConstraints(pattern=r"^[a-z_]+$", max_length=30)]


# --- Status reports -----------------------------------------------------------------------


class StatusReportIn(Input):
    reported_on: Day
    status: Status
    progress: int = Field(..., ge=0, le=100)
    text: Text = Field(..., min_length=1, max_length=20000)
    evidence_url: Text = Field("", max_length=200)
    is_highlight: bool = False
    department: Text | None = Field(
        None,
        max_length=200,
        description="Number or name of the reporting lead department (default: the first)",
    )
    submission_key: UUID | None = Field(
        None,
        description="Your key for this report: sent again (a retry), it files nothing new "
        "and answers 200 with the report filed the first time",
    )


@router.post(
    "/{municipality}/cycles/{cycle}/measures/{code}/reports",
    response={201: StatusReportOut, 200: StatusReportOut, **WRITE_ERRORS},
    auth=STAFF,
)
def file_report(request, municipality: Slug, cycle: Slug, code: Code, payload: StatusReportIn):
    """File a status report (the office, or an editor of one of the lead departments)."""
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
        leads = [d for d in leads if wanted in (d.number, str(d.name))]
    if not leads:
        raise ValidationError(
            {"department": ["Not a lead department of this measure you report for."]}
        )
    return leads[0]


# --- Measures -----------------------------------------------------------------------------


class MeasureIn(Input):
    """A measure's values; on a change, only the values sent change (``null`` empties
    a date, the budget or a list). Departments by id (``/departments``), partner
    organisations by short name, target groups by code, the goal by its code."""

    goal: Code | None = Field(None, description="Code of a goal of this cycle (office only)")
    code: Code | None = Field(None, description="e.g. 3.2.1 (office only)")
    title: TranslatedInput | None = None
    description: TranslatedInput | None = None
    lead_departments: list[ID] | None = Field(None, max_length=50, description="(office only)")
    partner_departments: list[ID] | None = Field(None, max_length=50)
    partner_organisations: list[Slug] | None = Field(None, max_length=200)
    target_groups: list[TargetGroupCode] | None = Field(None, max_length=20)
    starts_on: Day | None = None
    ends_on: Day | None = None
    budget: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    funding_source: Text | None = Field(None, max_length=250)
    priority: choice(Measure.Priority) | None = None
    is_draft: bool | None = Field(
        None, description="A draft is not public (office only): false publishes the measure"
    )


class MeasureStaffOut(MeasureOut):
    """A measure as its editors see it: drafts included."""

    is_draft: bool
    partner_departments: list[DepartmentRef]
    partner_organisations: list[str]
    target_groups: list[str]

    @staticmethod
    def resolve_partner_departments(obj):
        return list(obj.partner_departments.all())

    @staticmethod
    def resolve_partner_organisations(obj):
        return [o.slug for o in obj.partner_organisations.all()]

    @staticmethod
    def resolve_target_groups(obj):
        return [group.code for group in obj.target_groups.all()]


def _cycle(place, slug):
    return get_object_or_404(ConceptCycle.objects.for_municipality(place), slug=slug)


def _staff_measure(pk):
    return (
        Measure.objects.select_related("goal__field", "latest_report", "predecessor__cycle")
        .prefetch_related(
            "lead_departments", "partner_departments", "partner_organisations", "target_groups"
        )
        .get(pk=pk)
    )


def _identifiers(changes, place, cycle):
    """Goal code, organisation slugs and target group codes -> primary keys; an unknown
    one is a 422 for its field."""
    problems = {}
    if changes.get("goal") is not None:
        goal = Goal.objects.filter(field__cycle=cycle, code=changes["goal"]).first()
        if goal is None:
            problems["goal"] = ["No goal with this code in this cycle."]
        else:
            changes["goal"] = goal.pk
    lookups = {
        "partner_organisations": (Organisation.objects.for_municipality(place), "slug"),
        "target_groups": (TargetGroup.objects.all(), "code"),
    }
    for name, (queryset, key) in lookups.items():
        wanted = changes.get(name)
        if not wanted:
            continue
        found = dict(queryset.filter(**{f"{key}__in": wanted}).values_list(key, "pk"))
        unknown = sorted(set(wanted) - set(found))
        if unknown:
            problems[name] = [f"Unknown: {', '.join(unknown)}"]
        else:
            changes[name] = [found[value] for value in wanted]
    if problems:
        raise ValidationError(problems)
    return changes


def _form_data(form, changes, languages):
    """The data a person would send with the measure's form: the measure's values with
    ``changes`` in place."""
    data = {}
    for name, field in form.fields.items():
        value = changes[name] if name in changes else form.initial.get(name)
        if isinstance(field, TranslatedFormField):
            if name in changes:
                try:
                    value = merge_form_texts(form.initial.get(name), value or {}, languages)
                except ValidationError as error:
                    raise ValidationError({name: error.messages}) from error
            value = value or {}
            for code in field.languages:
                data[f"{name}_{code}"] = value.get(code, "")
        elif isinstance(field, ModelMultipleChoiceField):
            data[name] = [getattr(item, "pk", item) for item in value or []]
        elif isinstance(field, ModelChoiceField):
            data[name] = "" if value is None else getattr(value, "pk", value)
        elif isinstance(field, BooleanField):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    return data


def _save_measure(request, place, cycle, measure, payload, *, office):
    changes = payload.dict(exclude_unset=True)
    if not office:
        office_only = sorted(set(changes) & set(plan_forms.MeasureForm.OFFICE_ONLY))
        if office_only:
            raise PermissionDenied(
                "Only the office changes these values: " + ", ".join(office_only)
            )
    changes = _identifiers(changes, place, cycle)
    form = plan_forms.MeasureForm(instance=measure, municipality=place, cycle=cycle, office=office)
    data = _form_data(form, changes, place.offered_languages())
    form = plan_forms.MeasureForm(
        data, instance=measure, municipality=place, cycle=cycle, office=office
    )
    saved = save_checked(form) if form.is_valid() else None
    if saved is None:
        raise ValidationError(
            {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        )
    return _staff_measure(saved.pk)


@router.post(
    "/{municipality}/cycles/{cycle}/measures",
    response={201: MeasureStaffOut, **WRITE_ERRORS},
    auth=STAFF,
)
def create_measure(request, municipality: Slug, cycle: Slug, payload: MeasureIn):
    """Create a measure (the office). Needs ``goal``, ``code``, ``title`` (with German)
    and ``lead_departments``; a new measure is public unless ``is_draft``."""
    place = active_municipality(municipality)
    found = _cycle(place, cycle)
    if not request.user.has_perm("plan.manage_plan", found):
        raise PermissionDenied
    measure = Measure(municipality=place, cycle=found)
    return ninja.Status(201, _save_measure(request, place, found, measure, payload, office=True))


@router.patch(
    "/{municipality}/cycles/{cycle}/measures/{code}",
    response={200: MeasureStaffOut, **WRITE_ERRORS},
    auth=STAFF,
)
def update_measure(request, municipality: Slug, cycle: Slug, code: Code, payload: MeasureIn):
    """Change a measure: the office (everything, ``is_draft`` publishes or withdraws it
    from the public), or an editor of a lead department (not its goal, code, lead
    departments or draft mark)."""
    place = active_municipality(municipality)
    found = _cycle(place, cycle)
    measure = get_object_or_404(
        Measure.objects.for_municipality(place)
        .filter(cycle=found)
        .prefetch_related("lead_departments"),
        code=code,
    )
    if not request.user.has_perm("plan.edit_measure", measure):
        raise PermissionDenied
    office = request.user.has_perm("plan.manage_plan", found)
    return _save_measure(request, place, found, measure, payload, office=office)


# --- Cycles -------------------------------------------------------------------------------


@router.post(
    "/{municipality}/cycles/{cycle}/publish",
    response={200: CycleDetailOut, **errors(401, 403, 404, 422, 429)},
    auth=STAFF,
)
def publish_cycle(request, municipality: Slug, cycle: Slug):
    """Publish an unpublished cycle (the office), as its Publish page does: what is
    still marked as a draft inside it stays hidden. Already published: 422."""
    place = active_municipality(municipality)
    found = _cycle(place, cycle)
    if not request.user.has_perm("plan.manage_plan", found):
        raise PermissionDenied
    try:
        services.publish_cycle(found)
    except services.PlanError as error:
        raise ValidationError(str(error.message)) from error
    return ConceptCycle.objects.select_related("predecessor").get(pk=found.pk)
