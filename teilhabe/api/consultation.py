"""Consultation endpoints: published consultations with their published drafts'
metadata (version, title, what is new, date, the languages of the original files;
the text is on the pages), and the public demands of a cycle with their source and
published answer, and the public measures and goals the answer led to.

What the public sees is the consultation's own rule (``Demand.objects.public()``,
``Answer.State.PUBLISHED``, ``consultation.selectors.public_measures``): a draft or
proposed answer, a statement not handed in, a comment not published, a hidden event
never show, nor who wrote a comment."""

from datetime import date
from typing import Literal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from teilhabe.consultation import selectors
from teilhabe.consultation.models import Answer, Consultation, Demand, Draft
from teilhabe.directory.models import Organisation
from teilhabe.events.models import Event
from teilhabe.plan.models import FieldOfAction, Goal
from teilhabe.tenants.scoping import active_municipality

from .plan import public_cycle
from .schemas import Day, Slug, Translated, choice, errors

router = Router(tags=["consultation"])


class DraftOut(Schema):
    version: int
    title: Translated
    summary: Translated = Field(..., description="What is new in this version")
    published_on: date | None
    file_languages: list[str] = Field(
        ..., description="Languages in which the original document can be downloaded"
    )

    @staticmethod
    def resolve_file_languages(obj):
        return [f.language for f in obj.files.all()]


class ConsultationOut(Schema):
    slug: str
    cycle: str = Field(..., alias="cycle.slug")
    title: Translated
    description: Translated
    starts_on: date = Field(..., description="Comments taken from this day")
    ends_on: date = Field(..., description="... until this day")
    access: str
    moderation: str
    events: list[str] = Field(..., description="Short names of its public events")
    is_sample: bool

    @staticmethod
    def resolve_events(obj):
        return [event.slug for event in obj.events.all()]


class ConsultationDetailOut(ConsultationOut):
    drafts: list[DraftOut]

    @staticmethod
    def resolve_drafts(obj):
        return list(obj.drafts.all())


class OrganisationRef(Schema):
    slug: str
    name: str


class SourceOut(Schema):
    kind: str = Field(..., description="statement, comment or station")
    title: Translated = Field(
        ..., description="The statement's title, the section's heading or the station's title"
    )
    organisations: list[OrganisationRef] = Field(
        ..., description="A statement's signing organisations (published ones)"
    )
    submitted_on: date | None = Field(None, description="When a statement was handed in")
    draft_version: int | None = Field(None, description="The draft a comment is about")
    event: str | None = Field(None, description="The event of a station")


class MeasureRef(Schema):
    cycle: str = Field(..., alias="cycle.slug")
    code: str
    title: Translated
    status: str


class AnswerOut(Schema):
    outcome: str
    reason: Translated
    department: str | None
    answered_on: date
    goals: list[str] = Field(..., description="Codes of public goals of the cycle")
    measures: list[MeasureRef]

    @staticmethod
    def resolve_department(obj):
        return str(obj.department) if obj.department else None

    @staticmethod
    def resolve_goals(obj):
        return [goal.code for goal in obj.goals.all()]

    @staticmethod
    def resolve_measures(obj):
        return list(obj.measures.all())


class DemandOut(Schema):
    number: int
    cycle: str = Field(..., alias="cycle.slug")
    consultation: str | None = None
    text: Translated
    source: SourceOut
    fields: list[int] = Field(..., description="Numbers of its public fields of action")
    tags: list[str]
    answer: AnswerOut | None = Field(None, description="The published answer, if any")
    created_at: date

    @staticmethod
    def resolve_consultation(obj):
        consultation = obj.consultation
        if consultation is None or not consultation.is_published:
            return None
        return consultation.slug

    @staticmethod
    def resolve_source(obj):
        if obj.statement_id:
            statement = obj.statement
            return {
                "kind": obj.source,
                "title": statement.title,
                "organisations": list(statement.organisations.all()),
                "submitted_on": statement.submitted_on,
            }
        if obj.comment_id:
            section = obj.comment.section
            return {
                "kind": obj.source,
                "title": section.heading,
                "organisations": [],
                "draft_version": section.draft.version,
            }
        station = obj.station
        return {
            "kind": obj.source,
            "title": station.title,
            "organisations": [],
            "event": station.item.event.slug,
        }

    @staticmethod
    def resolve_fields(obj):
        return [field.number for field in obj.fields.all()]

    @staticmethod
    def resolve_tags(obj):
        return [tag.slug for tag in obj.tags.all()]

    @staticmethod
    def resolve_answer(obj):
        return selectors.published_answer(obj)

    @staticmethod
    def resolve_created_at(obj):
        return obj.created_at.date()


class ConsultationFilter(Schema):
    cycle: Slug | None = Field(None, description="Short name of a concept cycle")


class DemandFilter(Schema):
    consultation: Slug | None = Field(None, description="Short name of a consultation")
    field: int | None = Field(None, ge=1, le=999, description="A field of action's number")
    outcome: Literal["adopted", "partly", "not_adopted", "noted", "open"] | None = Field(
        None, description="The published answer's outcome, or ``open``: not answered yet"
    )
    source: choice(Demand.Source) | None = None
    tag: Slug | None = None
    answered_since: Day | None = Field(None, description="Answers dated on or after this day")


def _consultations(municipality):
    drafts = Draft.objects.filter(is_published=True).prefetch_related("files").order_by("version")
    return (
        Consultation.objects.for_municipality(municipality)
        .public()
        .select_related("cycle")
        .prefetch_related(
            Prefetch("events", queryset=Event.objects.public().order_by("starts_at", "pk")),
            Prefetch("drafts", queryset=drafts),
        )
        .order_by("-starts_on", "pk")
    )


@router.get(
    "/{municipality}/consultations",
    response={200: list[ConsultationOut], **errors(404, 422)},
)
@paginate
def list_consultations(request, municipality: Slug, filters: Query[ConsultationFilter]):
    """Published consultations, newest first."""
    consultations = _consultations(active_municipality(municipality))
    if filters.cycle:
        consultations = consultations.filter(cycle__slug=filters.cycle)
    return consultations


@router.get(
    "/{municipality}/consultations/{consultation}",
    response={200: ConsultationDetailOut, **errors(404, 422)},
)
def get_consultation(request, municipality: Slug, consultation: Slug):
    """A published consultation with its published drafts."""
    return get_object_or_404(_consultations(active_municipality(municipality)), slug=consultation)


def _demands(cycle):
    return (
        Demand.objects.for_municipality(cycle.municipality_id)
        .public()
        .filter(cycle=cycle)
        .select_related(
            "cycle",
            "consultation",
            "statement",
            "comment__section__draft",
            "station__item__event",
            "answer__department",
        )
        .prefetch_related(
            Prefetch(
                "statement__organisations",
                queryset=Organisation.objects.filter(is_published=True).order_by("name"),
            ),
            Prefetch("fields", queryset=FieldOfAction.objects.public().order_by("number")),
            "tags",
            Prefetch("answer__goals", queryset=Goal.objects.public().order_by("code")),
            Prefetch("answer__measures", queryset=selectors.public_measures()),
        )
        .order_by("number")
    )


@router.get(
    "/{municipality}/cycles/{cycle}/demands",
    response={200: list[DemandOut], **errors(404, 422)},
)
@paginate
def list_demands(request, municipality: Slug, cycle: Slug, filters: Query[DemandFilter]):
    """The public demands of a cycle by number, with their published answers."""
    demands = _demands(public_cycle(municipality, cycle))
    if filters.consultation:
        demands = demands.filter(
            consultation__slug=filters.consultation, consultation__is_published=True
        )
    if filters.field:
        demands = demands.filter(fields__number=filters.field, fields__is_draft=False)
    if filters.outcome == selectors.NOT_ANSWERED:
        demands = demands.exclude(answer__state=Answer.State.PUBLISHED)
    elif filters.outcome:
        demands = demands.filter(
            answer__state=Answer.State.PUBLISHED, answer__outcome=filters.outcome
        )
    if filters.source:
        demands = demands.filter(source=filters.source)
    if filters.tag:
        demands = demands.filter(tags__slug=filters.tag)
    if filters.answered_since:
        demands = demands.filter(
            answer__state=Answer.State.PUBLISHED, answer__answered_on__gte=filters.answered_since
        )
    if filters.field or filters.tag:
        demands = demands.distinct()
    return demands


@router.get(
    "/{municipality}/cycles/{cycle}/demands/{number}",
    response={200: DemandOut, **errors(404, 422)},
)
def get_demand(
    request,
    municipality: Slug,
    cycle: Slug,
    number: int = Path(..., ge=1, le=2**31 - 1),
):
    """A public demand with its source and published answer."""
    return get_object_or_404(_demands(public_cycle(municipality, cycle)), number=number)
