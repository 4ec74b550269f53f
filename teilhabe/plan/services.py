"""Workflows of the action plan: filing a status report, reminding departments whose
reports are overdue, and revising a cycle into the next one."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.models import Role
from teilhabe.mail.services import queue_mail

from .models import (
    UNFINISHED,
    ConceptCycle,
    CyclePhase,
    Goal,
    Measure,
    Phase,
    StatusReport,
)


def latest_report_of(measure):
    return (
        StatusReport.objects.filter(measure=measure)
        .order_by("-reported_on", "-created_at", "-id")
        .first()
    )


@transaction.atomic
def file_status_report(*, measure, author, data, department=None):
    """Add a status report and make it the measure's latest if it is the newest by date.

    The measure row is locked so that two reports filed at once cannot leave
    ``latest_report`` pointing at the older one."""
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    report = StatusReport(
        municipality_id=measure.municipality_id,
        measure=measure,
        author=author,
        author_department=department,
        **data,
    )
    report.full_clean()
    report.save()
    measure.latest_report = latest_report_of(measure)
    measure.save(update_fields=["latest_report"])
    return report


def stale_measures(municipality, days=None, today=None):
    """Unfinished measures of running cycles whose last report is older than ``days``
    (TEILHABE_STATUS_REPORT_DAYS) or that have none."""
    days = days if days is not None else settings.TEILHABE_STATUS_REPORT_DAYS
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=days)
    return (
        Measure.objects.for_municipality(municipality)
        .filter(is_draft=False, cycle__phase__in=[Phase.ADOPTED, Phase.IMPLEMENTATION])
        .filter(Q(latest_report__isnull=True) | Q(latest_report__status__in=UNFINISHED))
        .filter(Q(latest_report__isnull=True) | Q(latest_report__reported_on__lt=cutoff))
        .select_related("cycle", "latest_report")
        .prefetch_related("lead_departments")
        .order_by("code")
    )


def reminder_recipients(municipality, measures):
    """Map e-mail address -> measures it must report on: the editors of each lead
    department, or the department's contact address where it has no editor."""
    recipients = {}
    editors = {}
    roles = (
        Role.objects.filter(
            municipality=municipality, kind=Role.Kind.DEPARTMENT_EDITOR, user__is_active=True
        )
        .select_related("user")
        .prefetch_related("departments")
    )
    for role in roles:
        for department in role.edited_departments():
            editors.setdefault(department.pk, set()).add(role.user.email)
    for measure in measures:
        for department in measure.lead_departments.all():
            addresses = editors.get(department.pk) or (
                {department.contact_email} if department.contact_email else set()
            )
            for address in addresses:
                recipients.setdefault(address, []).append(measure)
    return recipients


@transaction.atomic
def send_status_reminders(municipality, days=None):
    """Queue one reminder mail per recipient, listing their overdue measures."""
    measures = list(stale_measures(municipality, days))
    recipients = reminder_recipients(municipality, measures)
    for address, their_measures in sorted(recipients.items()):
        queue_mail(
            to=address,
            subject=_("Please report the status of your measures"),
            template="plan/mail/status_reminder",
            purpose="status_reminder",
            municipality=municipality,
            context={
                "measures": their_measures,
                "days": days or settings.TEILHABE_STATUS_REPORT_DAYS,
            },
        )
    return len(recipients)


def _copy(obj, **changes):
    """A new unsaved row with ``obj``'s field values and ``changes`` (no many-to-many)."""
    values = {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if not f.primary_key and f.name not in changes and f.attname not in changes
    }
    return type(obj)(**values, **changes)


class RevisionError(Exception):
    """A revision that must not start; ``message`` is for the office."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@transaction.atomic
def start_revision(cycle, *, title, slug, starts_on, ends_on):
    """Start the next cycle from ``cycle`` (Fortschreibung).

    Fields of action and goals are copied as drafts. Unfinished measures are carried
    over as drafts with a link to their predecessor; finished ones stay where they are.
    A cycle has one successor: the cycle's row is locked before that is checked, so
    two revisions started at once make one new cycle and one clear refusal.
    """
    cycle = ConceptCycle.objects.select_for_update().get(pk=cycle.pk)
    if ConceptCycle.objects.filter(predecessor=cycle).exists():
        raise RevisionError(_("This cycle has already been revised."))
    if ConceptCycle.objects.filter(municipality=cycle.municipality, slug=slug).exists():
        raise RevisionError(_("Another cycle already uses this short name."))
    new_cycle = ConceptCycle.objects.create(
        municipality=cycle.municipality,
        title=title,
        slug=slug,
        predecessor=cycle,
        starts_on=starts_on,
        ends_on=ends_on,
        phase=Phase.PREPARATION,
        is_published=False,
    )
    CyclePhase.objects.create(
        cycle=new_cycle, phase=Phase.PREPARATION, starts_on=timezone.localdate()
    )
    field_map, goal_map = {}, {}
    for field in cycle.fields.all():
        field_map[field.pk] = _copy(field, cycle=new_cycle, is_draft=True)
        field_map[field.pk].save()
    for goal in Goal.objects.filter(field__cycle=cycle):
        goal_map[goal.pk] = _copy(goal, field=field_map[goal.field_id], is_draft=True)
        goal_map[goal.pk].save()
    measures = (
        Measure.objects.filter(cycle=cycle)
        .select_related("latest_report")
        .prefetch_related(
            "lead_departments", "partner_departments", "partner_organisations", "target_groups"
        )
    )
    for measure in measures:
        if measure.is_finished:
            continue
        carried = _copy(
            measure,
            cycle=new_cycle,
            goal=goal_map[measure.goal_id],
            predecessor=measure,
            latest_report=None,
            is_draft=True,
        )
        carried.save()
        carried.lead_departments.set(measure.lead_departments.all())
        carried.partner_departments.set(measure.partner_departments.all())
        carried.partner_organisations.set(measure.partner_organisations.all())
        carried.target_groups.set(measure.target_groups.all())
    return new_cycle
