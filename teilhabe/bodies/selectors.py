"""Reads of bodies for the pages, each with a fixed number of queries: the list of
bodies, a body's members (current and former) and meetings, the bodies of an
organisation or a department.

What a reader sees depends on one question, asked once per page: may they see the
body's internal side (``bodies.view_meetings``)? The public sees public bodies, public
meetings of these, organisations that are published, departments, and a person's name
only with the person's consent; everyone else of a body stays a count ("2 persons")."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from .models import Body, Meeting, Membership


@dataclass
class MemberList:
    """The rows of members a page shows, and how many it shows only as a count."""

    rows: list = field(default_factory=list)
    unnamed_persons: int = 0
    unnamed_organisations: int = 0

    def __bool__(self):
        return bool(self.rows or self.unnamed_persons or self.unnamed_organisations)


def visible_body(municipality, slug, user):
    """The body ``slug`` of ``municipality`` if ``user`` may see it (an internal body:
    staff and members only), else 404."""
    body = (
        Body.objects.for_municipality(municipality)
        .select_related("municipality", "managed_by")
        .filter(slug=slug)
        .first()
    )
    if body is None or not (body.is_public or user.has_perm("bodies.view_meetings", body)):
        raise Http404
    return body


def bodies_for(municipality, user):
    """The bodies of the list page (and the API's list), each with its number of current
    members: all for the office, public ones for everyone else (the members see theirs
    on the body's page and in their workspace). A queryset, for the API to filter and
    page."""
    bodies = Body.objects.for_municipality(municipality)
    if not user.has_perm("bodies.manage", municipality):
        bodies = bodies.public()
    today = timezone.localdate()
    current = Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today)
    return (
        bodies.select_related("municipality")
        .annotate(members=Count("memberships", filter=current))
        .order_by("kind", "-starts_on", "short_name", "name__de")
    )


def _row(membership, internal):
    """(name, url) of a member as the reader may see it; None: counted, not named."""
    if membership.organisation_id:
        organisation = membership.organisation
        if organisation.is_published:
            return str(organisation.name), organisation.get_absolute_url()
        return (str(organisation.name), "") if internal else None
    if membership.department_id:
        return str(membership.department), ""
    person = membership.person
    return (person.name, "") if internal or person.name_is_public else None


def member_lists(body, internal):
    """(current, former) MemberLists of ``body``: chairs first, then by name. One query."""
    memberships = (
        Membership.objects.filter(body=body)
        .select_related("organisation__municipality", "department", "person")
        .order_by("starts_on", "pk")
    )
    today = timezone.localdate()
    order = {role: i for i, role in enumerate(Membership.Role.values)}
    kinds = {"organisation": 0, "department": 1, "person": 2}
    current, former = MemberList(), MemberList()
    for membership in memberships:
        target = current if membership.is_current(today) else former
        shown = _row(membership, internal)
        if shown is None:
            if membership.person_id:
                target.unnamed_persons += 1
            else:
                target.unnamed_organisations += 1
            continue
        membership.shown_name, membership.shown_url = shown
        # Its period, where it is not the body's own.
        membership.own_period = (membership.starts_on, membership.ends_on) != (
            body.starts_on,
            body.ends_on,
        )
        target.rows.append(membership)
    for members in (current, former):
        members.rows.sort(
            key=lambda m: (order[m.role], kinds[m.member_kind], m.shown_name.casefold())
        )
    return current, former


def meetings_of(body, internal):
    """The meetings the reader may see, the next ones first, then the past ones."""
    meetings = Meeting.objects.filter(body=body)
    if not internal:
        meetings = meetings.public()
    meetings = list(
        meetings.select_related("municipality", "body__municipality").prefetch_related("minutes")
    )
    now = timezone.now()
    upcoming = sorted((m for m in meetings if m.starts_at >= now), key=lambda m: m.starts_at)
    past = [m for m in meetings if m.starts_at < now]
    return upcoming, past


def body_page(body, user):
    """Everything the body's page shows. Fields of action and cycles: the public ones
    (the office sees its drafts on the plan's pages)."""
    from teilhabe.plan.models import ConceptCycle, FieldOfAction

    internal = user.has_perm("bodies.view_meetings", body)
    current, former = member_lists(body, internal)
    upcoming, past = meetings_of(body, internal)
    return {
        "body": body,
        "internal": internal,
        "can_change": user.has_perm("bodies.change_body", body),
        "ended": body.ends_on is not None and body.ends_on < timezone.localdate(),
        "current": current,
        "former": former,
        "upcoming": upcoming,
        "past": past,
        "fields": list(
            FieldOfAction.objects.public()
            .filter(bodies=body)
            .select_related("cycle", "municipality")
            .order_by("-cycle__starts_on", "number")
        ),
        "cycles": list(
            ConceptCycle.objects.public()
            .filter(bodies=body)
            .select_related("municipality")
            .order_by("-starts_on")
        ),
    }


def visible_meeting(body, pk, user):
    """A meeting of ``body`` the user may see (a public one, or any for staff and
    members), with its agenda, minutes and attendance; else 404."""
    meeting = (
        Meeting.objects.filter(body=body, pk=pk)
        .select_related("municipality", "body__municipality")
        .prefetch_related(
            "agenda",
            "minutes",
            Prefetch(
                "attendees",
                queryset=Membership.objects.select_related("organisation", "department", "person"),
            ),
        )
        .first()
    )
    if meeting is None:
        raise Http404
    public = meeting.is_public and body.is_public
    if not public and not user.has_perm("bodies.view_meetings", body):
        raise Http404
    return meeting


def bodies_of(member, *, internal=False):
    """The memberships of ``member`` (an organisation or a department) with their bodies,
    for its page: public bodies, and internal ones too when ``internal`` (the office, the
    member's own representatives or editors). One query."""
    from teilhabe.directory.models import Organisation

    kind = "organisation" if isinstance(member, Organisation) else "department"
    memberships = Membership.objects.filter(**{kind: member}).select_related("body__municipality")
    if not internal:
        memberships = memberships.filter(body__is_public=True)
    return list(memberships.order_by("-starts_on", "body__short_name", "pk"))


def bodies_of_departments(departments, internal=False):
    """{department id: [membership with body]} for a list of departments. One query."""
    memberships = Membership.objects.filter(department__in=departments).select_related(
        "body__municipality"
    )
    if not internal:
        memberships = memberships.filter(body__is_public=True)
    found = {}
    for membership in memberships.order_by("-starts_on", "body__short_name", "pk"):
        found.setdefault(membership.department_id, []).append(membership)
    return found


def meetings_calendar(body):
    """Every meeting of ``body`` with its agenda, for the members' calendar."""
    return list(
        Meeting.objects.filter(body=body)
        .select_related("municipality", "body__municipality")
        .prefetch_related("agenda")
        .order_by("starts_at")
    )
