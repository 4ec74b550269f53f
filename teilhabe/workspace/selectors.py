"""Reads of the workspace ("Mein Bereich"): one section per role a person holds, in
each municipality. Every section reads with a fixed number of queries, whatever the
number of events, measures, organisations or mails: counts are grouped in the
database and lists are cut to a few rows with a link to the full page."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from teilhabe.accounts.models import Role
from teilhabe.bodies import workspace as bodies
from teilhabe.consultation import workspace as consultation
from teilhabe.directory.models import Organisation, ProfileChange, RepresentationClaim
from teilhabe.events.models import Event, Registration
from teilhabe.mail.models import OutgoingMail
from teilhabe.plan.models import ConceptCycle, Measure
from teilhabe.plan.services import stale_measures
from teilhabe.tenants.models import Municipality

UPCOMING_EVENTS = 10
PAST_EVENTS = 5
ORGANISATIONS = 20
MAIL_PROBLEMS = (OutgoingMail.Status.FAILED, OutgoingMail.Status.INTERRUPTED)


@dataclass
class Section:
    role: Role
    data: dict = field(default_factory=dict)

    @property
    def municipality(self):
        return self.role.municipality

    @property
    def template(self):
        return f"workspace/includes/{self.role.kind}.html"


def roles_of(user):
    """The user's roles in active municipalities, by municipality and kind."""
    return list(
        user.roles.filter(municipality__in=Municipality.objects.active())
        .select_related("municipality")
        .prefetch_related("departments", "organisations")
        .order_by("municipality__name", "kind")
    )


def _with_counts(events):
    """``events`` annotated with seats taken, waiting list and unconfirmed registrations
    (counts only: no names)."""

    def count(status):
        return Count("registrations", filter=Q(registrations__status=status))

    return events.select_related("municipality").annotate(
        taken=count(Registration.Status.CONFIRMED),
        waiting=count(Registration.Status.WAITING),
        pending=count(Registration.Status.PENDING),
    )


def _upcoming_and_past(events, now):
    return {
        "upcoming": list(events.upcoming(now).order_by("starts_at")[:UPCOMING_EVENTS]),
        "past": list(events.past(now).order_by("-starts_at")[:PAST_EVENTS]),
    }


def events_with_counts(municipality, now=None):
    """Upcoming and recent past events of the municipality, each with its seats taken,
    waiting list and unconfirmed registrations (one grouped query per list)."""
    events = _with_counts(Event.objects.for_municipality(municipality))
    return _upcoming_and_past(events, now or timezone.now())


def cycles_with_overdue(municipality):
    """The municipality's concept cycles with their number of overdue measures."""
    overdue = dict(
        stale_measures(municipality)
        .order_by()
        .values_list("cycle")
        .annotate(n=Count("id", distinct=True))
        .values_list("cycle", "n")
    )
    cycles = list(
        ConceptCycle.objects.for_municipality(municipality)
        .select_related("municipality")
        .order_by("-starts_on")
    )
    for cycle in cycles:
        cycle.overdue = overdue.get(cycle.pk, 0)
    return cycles


def office_section(role):
    municipality = role.municipality
    unverified = Organisation.objects.for_municipality(municipality).filter(is_verified=False)
    return {
        **events_with_counts(municipality),
        "cycles": cycles_with_overdue(municipality),
        "unverified": list(unverified.select_related("municipality")[:ORGANISATIONS]),
        "unverified_count": unverified.count(),
        "profile_changes": list(
            ProfileChange.objects.for_municipality(municipality)
            .pending()
            .select_related("organisation", "proposed_by", "municipality")
        ),
        "claims": list(
            RepresentationClaim.objects.for_municipality(municipality)
            .pending()
            .select_related("organisation", "municipality")
        ),
        "failed_mails": OutgoingMail.objects.filter(
            municipality=municipality, status__in=MAIL_PROBLEMS
        ).count(),
        **moderator_section(role),
        "demands": consultation.office_demands(municipality),
        "bodies": bodies.office_bodies(municipality),
    }


def moderator_section(role):
    """Consultation: how many comments wait for a moderator."""
    from teilhabe.consultation.comments import waiting_count

    return {"comments_waiting": waiting_count(role.municipality)}


def _measures(queryset):
    return queryset.select_related("cycle", "latest_report", "municipality").order_by(
        "cycle", "code"
    )


def editor_section(role):
    """The running measures the role's departments lead, overdue ones marked."""
    municipality = role.municipality
    departments = [d.pk for d in role.edited_departments()]
    measures = list(
        _measures(
            Measure.objects.for_municipality(municipality)
            .running()
            .filter(lead_departments__in=departments)
            .distinct()
        )
    )
    overdue = set(
        stale_measures(municipality)
        .filter(pk__in=[m.pk for m in measures])
        .values_list("pk", flat=True)
    )
    for measure in measures:
        measure.is_overdue = measure.pk in overdue
    return {
        "measures": measures,
        "answers": consultation.editor_answers(role),
        "bodies": bodies.managed_bodies(role),
    }


def representative_section(role):
    """The organisations the role represents, their waiting profile changes, the events
    they organise with the office (registration counts only: names stay with the
    office) and the running measures they are partners of."""
    organisations = [
        o for o in role.organisations.all() if o.municipality_id == role.municipality_id
    ]
    ids = [o.pk for o in organisations]
    pending = set(
        ProfileChange.objects.pending()
        .filter(organisation__in=ids)
        .values_list("organisation", flat=True)
    )
    for organisation in organisations:
        organisation.municipality = role.municipality
        organisation.has_pending_change = organisation.pk in pending
    measures = list(
        _measures(
            Measure.objects.for_municipality(role.municipality)
            .running()
            .filter(partner_organisations__in=ids)
            .distinct()
        )
    )
    events = _with_counts(
        Event.objects.for_municipality(role.municipality)
        .exclude(status=Event.Status.DRAFT)
        # A subquery, not a join: two of our organisations on one event must not
        # double its counts.
        .filter(pk__in=Event.objects.filter(organisers__in=ids).values("pk"))
    )
    return {
        "organisations": organisations,
        "measures": measures,
        "events": _upcoming_and_past(events, timezone.now()),
        "statements": consultation.representative_statements(role, ids),
    }


READERS = {
    Role.Kind.OFFICE_ADMIN: office_section,
    Role.Kind.DEPARTMENT_EDITOR: editor_section,
    Role.Kind.ORGANISATION_REPRESENTATIVE: representative_section,
    Role.Kind.MODERATOR: moderator_section,
}


def workspace(user):
    """One section per role: [Section]. A moderator's section has links and a count."""
    sections = []
    for role in roles_of(user):
        reader = READERS.get(role.kind)
        sections.append(Section(role, reader(role) if reader else {}))
    return sections
