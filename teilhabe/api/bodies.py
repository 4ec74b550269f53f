"""Body endpoints: the public bodies of a municipality (working groups, the coordination
group, the advisory council) with their members and their public meetings: exactly
what the body's public page shows, read through the page's own selectors
(``teilhabe.bodies.selectors``), always as the public sees it, whoever asks.

So an internal body or meeting is not found (404), as on the pages; a member person's
name appears only with their consent (otherwise the page's words, "2 persons"); an
unpublished member organisation is only counted; e-mail addresses and attendance are
never part of an answer."""

from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone, translation
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from teilhabe.bodies import selectors
from teilhabe.bodies.models import AgendaItem, Body
from teilhabe.languages.content import SOURCE_LANGUAGE, installed_languages
from teilhabe.plan.models import ConceptCycle
from teilhabe.tenants.scoping import active_municipality

from .plan import DepartmentRef
from .schemas import Slug, Translated, choice, errors

router = Router(tags=["bodies"])


def _public():
    """The reader the selectors are asked for: the public, whoever sends the request.
    (A new one each time: the permission predicates may note things on a user.)"""
    return AnonymousUser()


# --- Schemas ------------------------------------------------------------------------------


class BodyOut(Schema):
    slug: str
    kind: str
    name: Translated
    short_name: str
    description: Translated
    starts_on: date
    ends_on: date | None = Field(None, description="Empty while the body works")
    managed_by: DepartmentRef | None = Field(None, description="The department that runs it")
    members: int = Field(..., description="Its current members (as the list of bodies counts)")
    is_sample: bool


class MemberOut(Schema):
    kind: str = Field(..., description="organisation, department or person")
    name: str = Field(..., description="The name the body's page shows")
    organisation: str | None = Field(
        None, description="The organisation's short name in the directory (published ones)"
    )
    department: int | None = Field(None, description="The department's id")
    role: str
    note: Translated
    starts_on: date
    ends_on: date | None

    @staticmethod
    def resolve_kind(obj):
        return obj.member_kind

    @staticmethod
    def resolve_name(obj):
        return obj.shown_name

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug if obj.shown_url else None

    @staticmethod
    def resolve_department(obj):
        return obj.department_id


def _counted(singular, plural, number):
    """The page's words for members it only counts, in every language."""
    texts = {}
    for language in installed_languages():
        with translation.override(language):
            texts[language] = translation.ngettext(singular, plural, number) % {"counter": number}
    return texts


class MemberListOut(Schema):
    """Named members (chairs first, then by name), and those the public page only counts:
    organisations not published in the directory, persons who did not agree to show
    their name."""

    named: list[MemberOut]
    unnamed_organisations: int
    unnamed_persons: int
    unnamed: list[Translated] = Field(
        ..., description='The page\'s words for the counted ones, e.g. "2 persons"'
    )

    @staticmethod
    def resolve_named(obj):
        return obj.rows

    @staticmethod
    def resolve_unnamed(obj):
        # The same words (and translations) as bodies/includes/member_list.html.
        words = []
        if obj.unnamed_organisations:
            words.append(
                _counted(
                    "%(counter)s further organisation",
                    "%(counter)s further organisations",
                    obj.unnamed_organisations,
                )
            )
        if obj.unnamed_persons:
            words.append(_counted("%(counter)s person", "%(counter)s persons", obj.unnamed_persons))
        return words


class MinutesOut(Schema):
    name: str = Field(..., alias="original_name")
    size: int = Field(..., description="Bytes")
    content_type: str
    url: str = Field(..., description="Its download address on this site")

    @staticmethod
    def resolve_url(obj):
        meeting = obj.meeting
        with translation.override(SOURCE_LANGUAGE):
            return reverse(
                "bodies:minutes",
                kwargs={
                    "municipality": meeting.municipality.slug,
                    "slug": meeting.body.slug,
                    "pk": meeting.pk,
                    "file": obj.pk,
                },
            )


class MeetingOut(Schema):
    """A public meeting: when, where, its agenda and minutes (never who attended);
    whether it was cancelled, and why."""

    id: int
    starts_at: datetime
    ends_at: datetime | None
    place: str
    cancelled_at: datetime | None = Field(None, description="Set if the meeting was cancelled")
    cancellation_reason: str = Field(..., description="Why it was cancelled, if it was")
    agenda: list[str] = Field(..., description="The agenda's items in their order")
    minutes: list[MinutesOut]

    @staticmethod
    def resolve_agenda(obj):
        return [item.title for item in obj.agenda.all()]

    @staticmethod
    def resolve_minutes(obj):
        return list(obj.minutes.all())


class FieldRef(Schema):
    cycle: str = Field(..., alias="cycle.slug")
    number: int
    title: Translated


class BodyDetailOut(BodyOut):
    cycles: list[str] = Field(..., description="Short names of its published concept cycles")
    fields: list[FieldRef] = Field(..., description="Its public fields of action")
    current_members: MemberListOut
    former_members: MemberListOut
    meetings: list[MeetingOut] = Field(
        ...,
        description="Its public meetings: the next ones (soonest first), then the past "
        "ones (latest first)",
    )

    @staticmethod
    def resolve_cycles(obj):
        return [cycle.slug for cycle in obj.page["cycles"]]

    @staticmethod
    def resolve_fields(obj):
        return obj.page["fields"]

    @staticmethod
    def resolve_current_members(obj):
        return obj.page["current"]

    @staticmethod
    def resolve_former_members(obj):
        return obj.page["former"]

    @staticmethod
    def resolve_meetings(obj):
        return [*obj.page["upcoming"], *obj.page["past"]]


class BodyFilter(Schema):
    kind: choice(Body.Kind) | None = None
    cycle: Slug | None = Field(None, description="Short name of a published concept cycle")
    active: bool | None = Field(
        None, description="Only bodies still working (or only those whose period has ended)"
    )


# --- Endpoints ----------------------------------------------------------------------------


def _body(municipality, slug):
    """The public body ``slug``, or 404 (the page's rule: ``selectors.visible_body``)."""
    return selectors.visible_body(active_municipality(municipality), slug, _public())


@router.get("/{municipality}/bodies", response={200: list[BodyOut], **errors(404, 422)})
@paginate
def list_bodies(request, municipality: Slug, filters: Query[BodyFilter]):
    """The public bodies by kind, the newest first, with their number of current members."""
    bodies = selectors.bodies_for(active_municipality(municipality), _public()).select_related(
        "managed_by"
    )
    if filters.kind:
        bodies = bodies.filter(kind=filters.kind)
    if filters.cycle:
        cycles = ConceptCycle.objects.public().filter(slug=filters.cycle)
        # A subquery: a join would multiply the rows the member count counts.
        bodies = bodies.filter(pk__in=Body.objects.filter(cycles__in=cycles).values("pk"))
    if filters.active is not None:
        working = Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
        bodies = bodies.filter(working if filters.active else ~working)
    return bodies.order_by("kind", "-starts_on", "short_name", "name__de", "pk")


@router.get("/{municipality}/bodies/{slug}", response={200: BodyDetailOut, **errors(404, 422)})
def get_body(request, municipality: Slug, slug: Slug):
    """A public body with its fields of action and cycles, its members (current and
    former) and its public meetings with their agenda and minutes."""
    body = _body(municipality, slug)
    body.page = selectors.body_page(body, _public())
    current = body.page["current"]
    # As the list counts them: every current member, named or not.
    body.members = len(current.rows) + current.unnamed_persons + current.unnamed_organisations
    prefetch_related_objects(
        [*body.page["upcoming"], *body.page["past"]],
        Prefetch("agenda", queryset=AgendaItem.objects.order_by("position")),
    )
    return body


@router.get(
    "/{municipality}/bodies/{slug}/meetings/{meeting}",
    response={200: MeetingOut, **errors(404, 422)},
)
def get_meeting(
    request,
    municipality: Slug,
    slug: Slug,
    meeting: int = Path(..., ge=1, le=2**31 - 1),
):
    """A public meeting of a public body: its time, place, agenda and minutes."""
    return selectors.visible_meeting(_body(municipality, slug), meeting, _public())
