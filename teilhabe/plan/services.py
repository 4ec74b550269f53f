"""Workflows of the action plan: filing and withdrawing a status report, reminding
departments whose reports are overdue, and revising a cycle into the next one."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.models import Role
from teilhabe.mail.services import queue_mail
from teilhabe.tenants.models import Municipality

from .models import (
    UNFINISHED,
    ConceptCycle,
    CyclePhase,
    Goal,
    Measure,
    OpenItem,
    Phase,
    StatusReport,
)


class PlanError(Exception):
    """A workflow step that must not happen; ``message`` is for the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class ReportError(PlanError):
    """A status report that must not be filed or withdrawn."""


def latest_report_of(measure, excluding=None):
    """The measure's newest report that is not withdrawn: its current status (or what
    it would be without the report ``excluding``)."""
    reports = StatusReport.objects.standing().filter(measure=measure)
    if excluding is not None:
        reports = reports.exclude(pk=excluding.pk)
    return reports.order_by("-reported_on", "-created_at", "-id").first()


def _lock_measure(measure):
    """The measure's row, locked until the end of the transaction: every change of its
    reports runs under this lock, so ``latest_report`` always ends up the newest."""
    return Measure.objects.select_for_update().get(pk=measure.pk)


def _refresh_latest_report(measure):
    measure.latest_report = latest_report_of(measure)
    measure.save(update_fields=["latest_report"])


@transaction.atomic
def file_status_report(*, measure, author, data, department=None, submission_key=None):
    """Add a status report and make it the measure's latest if it is the newest by date.
    Returns ``(report, created)``.

    The measure row is locked so that two reports filed at once cannot leave
    ``latest_report`` pointing at the older one, and so that the same form sent twice
    (same ``submission_key``) files one report: the second gets the first back with
    ``created`` False. A measure of a reported or superseded cycle takes no report."""
    measure = _lock_measure(measure)
    if submission_key is not None:
        filed = StatusReport.objects.filter(measure=measure, submission_key=submission_key)
        if filed := filed.first():
            return filed, False
    cycle = ConceptCycle.objects.only("phase").get(pk=measure.cycle_id)
    if not cycle.takes_reports:
        raise ReportError(
            _("This measure belongs to a closed plan period: it takes no new status reports.")
        )
    report = StatusReport(
        municipality_id=measure.municipality_id,
        measure=measure,
        author=author,
        author_department=department,
        submission_key=submission_key,
        **data,
    )
    report.full_clean()
    report.save()
    _refresh_latest_report(measure)
    return report, True


@transaction.atomic
def withdraw_status_report(report, *, by, reason):
    """Withdraw a wrong report: it stays in the history, marked, with who withdrew it
    and why; the measure's status is again its newest report that stands. Under the
    measure's lock, like filing, so a report filed at the same moment is not lost."""
    reason = (reason or "").strip()
    if not reason:
        raise ReportError(_("Please say why the report is withdrawn."))
    measure = _lock_measure(report.measure)
    report = StatusReport.objects.get(pk=report.pk)
    if report.is_withdrawn:
        raise ReportError(_("This report has already been withdrawn."))
    report.withdrawn_at = timezone.now()
    report.withdrawn_by = by
    report.withdrawal_reason = reason
    report.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    _refresh_latest_report(measure)
    return report


def stale_measures(municipality, days=None, today=None):
    """Unfinished measures of running cycles (``MeasureQuerySet.running``) whose last
    report is older than ``days`` (TEILHABE_STATUS_REPORT_DAYS) or that have none."""
    days = days if days is not None else settings.TEILHABE_STATUS_REPORT_DAYS
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=days)
    return (
        Measure.objects.for_municipality(municipality)
        .running()
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


def reminder_preview(municipality):
    """What the confirmation page says before reminders go out: each recipient with the
    number of their overdue measures, and when reminders were last sent."""
    recipients = reminder_recipients(municipality, list(stale_measures(municipality)))
    return {
        "recipients": sorted((address, len(measures)) for address, measures in recipients.items()),
        "sent_at": municipality.status_reminders_sent_at,
    }


def queue_status_reminders(municipality, *, last_sent, now=None):
    """Queue the reminder task (the worker writes one mail per recipient) and note when.
    ``last_sent`` is the time of the last reminders the office saw on the confirmation
    page: if reminders went out since (a second click, a colleague at the same moment),
    nothing is queued and False is returned. The municipality's row is locked for the
    check, so two confirmations at once queue one task."""
    from teilhabe.worker.services import enqueue

    from . import tasks

    with transaction.atomic():
        municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
        if municipality.status_reminders_sent_at != last_sent:
            return False
        enqueue(tasks.send_status_reminders, municipality.pk)
        municipality.status_reminders_sent_at = now or timezone.now()
        municipality.save(update_fields=["status_reminders_sent_at"])
        return True


def _copy(obj, **changes):
    """A new unsaved row with ``obj``'s field values and ``changes`` (no many-to-many)."""
    values = {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if not f.primary_key and f.name not in changes and f.attname not in changes
    }
    return type(obj)(**values, **changes)


class RevisionError(PlanError):
    """A revision that must not start."""


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


def revision_summary(cycle):
    """What ``start_revision`` would copy from ``cycle``, for its confirmation page:
    ``{"fields": n, "goals": n, "carried": n, "finished": n}`` in three queries."""
    carried = finished = 0
    for measure in Measure.objects.filter(cycle=cycle).select_related("latest_report"):
        if measure.is_finished:
            finished += 1
        else:
            carried += 1
    return {
        "fields": cycle.fields.count(),
        "goals": Goal.objects.filter(field__cycle=cycle).count(),
        "carried": carried,
        "finished": finished,
    }


# --- Phases of a cycle ------------------------------------------------------------------

PHASE_ORDER = list(Phase)


class PhaseError(PlanError):
    """A phase change that must not happen."""


def next_phases(cycle):
    """The phases a cycle may move to: the ones after its current phase, in order."""
    return PHASE_ORDER[PHASE_ORDER.index(cycle.phase) + 1 :]


def needs_council_decision(cycle, phase):
    """Moving to the adopted phase or past it records the council's decision, unless the
    cycle already has one."""
    adopted = PHASE_ORDER.index(Phase.ADOPTED)
    return PHASE_ORDER.index(phase) >= adopted and not (
        cycle.council_decision_number and cycle.council_decision_date
    )


def validate_phase_change(cycle, phase, *, council_decision_number="", council_decision_date=None):
    """Refuse (PhaseError) a move that breaks the order of phases or reaches the adopted
    phase without the council decision. Asked before the confirmation page and again,
    under the lock, by ``change_phase``."""
    if phase not in next_phases(cycle):
        raise PhaseError(
            _("A cycle in the phase “%(current)s” cannot move to “%(phase)s”.")
            % {"current": cycle.get_phase_display(), "phase": Phase(phase).label}
        )
    if needs_council_decision(cycle, phase):
        if not (council_decision_number or "").strip() or council_decision_date is None:
            raise PhaseError(_("Please give the number and the date of the council decision."))
    if council_decision_date is not None and council_decision_date > timezone.localdate():
        raise PhaseError(_("The council decision cannot be dated in the future."))


@transaction.atomic
def change_phase(cycle, phase, *, council_decision_number="", council_decision_date=None):
    """Move ``cycle`` to a later ``phase`` today: the open step of its timeline ends
    today and a new one starts. Phases only move forward (a plan is not un-adopted);
    reaching the adopted phase records the council decision (number and date, not in
    the future). The row is locked, so two changes sent at once make one step."""
    cycle = ConceptCycle.objects.select_for_update().get(pk=cycle.pk)
    validate_phase_change(
        cycle,
        phase,
        council_decision_number=council_decision_number,
        council_decision_date=council_decision_date,
    )
    today = timezone.localdate()
    if needs_council_decision(cycle, phase):
        cycle.council_decision_number = council_decision_number.strip()
        cycle.council_decision_date = council_decision_date
    CyclePhase.objects.filter(cycle=cycle, ends_on__isnull=True, starts_on__lte=today).update(
        ends_on=today
    )
    CyclePhase.objects.create(cycle=cycle, phase=phase, starts_on=today)
    cycle.phase = phase
    cycle.save(update_fields=["phase", "council_decision_number", "council_decision_date"])
    return cycle


@transaction.atomic
def publish_cycle(cycle):
    """Make an unpublished cycle (the draft a revision starts) public. What is still
    marked as a draft inside it stays hidden until that mark is removed."""
    cycle = ConceptCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.is_published:
        raise PlanError(_("This cycle is already published."))
    cycle.is_published = True
    cycle.save(update_fields=["is_published"])
    return cycle


@transaction.atomic
def save_plan_object(form, formsets=()):
    """Save an object of the plan with its yearly rows: all or nothing."""
    obj = form.save()
    for formset in formsets:
        formset.instance = obj
        formset.save()
    return obj


def delete_open_item(item):
    """Delete a need for action; the measure that took it up stays as it is."""
    OpenItem.objects.filter(pk=item.pk).delete()


def draft_summary(cycle):
    """How many fields, goals and measures of ``cycle`` are still marked as drafts."""
    return {
        "fields": cycle.fields.filter(is_draft=True).count(),
        "goals": Goal.objects.filter(field__cycle=cycle, is_draft=True).count(),
        "measures": cycle.measures.filter(is_draft=True).count(),
    }
