"""The office's work on implementation reports: asking for a report (its PDF is laid
out by the worker, ``tasks.make_report``, enqueued in the same transaction), trying a
failed one again, and publishing a finished one as a dated, frozen version.

The worker stores the PDF and the data it came from (``Report.snapshot``) together;
the published version's page and file show them, whatever changes later."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.languages.content import use_municipality
from teilhabe.worker import jobs
from teilhabe.worker.services import enqueue

from . import documents, selectors
from .models import Report

Status = Report.Status
STALE_AFTER = timedelta(minutes=15)
# An unpublished report is a draft for the office: kept this long, then deleted with
# its file (a published one stays for ever).
KEEP_DRAFTS_FOR = timedelta(days=30)


def _enqueue(report):
    from .tasks import make_report

    enqueue(make_report, report.pk)


def request_report(cycle, starts_on, ends_on, language, user):
    """A new report of ``cycle`` for the period in ``language``, its PDF enqueued."""
    if ends_on < starts_on:
        raise ValidationError(_("The period cannot end before it starts."))
    if language not in cycle.municipality.offered_languages():
        raise ValidationError(_("This language is not one of the municipality's languages."))
    with transaction.atomic():
        report = Report.objects.create(
            municipality_id=cycle.municipality_id,
            cycle=cycle,
            starts_on=starts_on,
            ends_on=ends_on,
            language=language,
            requested_by=user,
        )
        _enqueue(report)
    return report


def state(report, now=None):
    """The status as the office sees it: a report whose worker stopped mid-way failed."""
    return Status(jobs.state(report, STALE_AFTER, now))


def try_again(report):
    """A failed report queued anew (once, however many ask at the same moment)."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if state(report) != Status.FAILED:
            return report
        report.status = Status.QUEUED
        report.progress = 0
        report.error = ""
        report.started_at = None
        report.save(update_fields=["status", "progress", "error", "started_at"])
        _enqueue(report)
    return report


def _progress(report_id):
    def tell(percent):
        # An update, not a save: no signal, no new content version for a percentage.
        Report.objects.filter(pk=report_id).update(progress=percent)

    return tell


def render(report, progress=None):
    """The report's data and PDF bytes, in its language, for its municipality."""
    progress = progress or (lambda percent: None)
    cycle = report.cycle
    with use_municipality(cycle.municipality), translation.override(report.language):
        data = selectors.build(cycle, report.starts_on, report.ends_on)
        progress(15)
        content = documents.as_pdf(data, report.language, progress)
    return data, content


def make(report_id):
    """Lay out the report ``report_id`` unless another run did or does (the task)."""
    report = jobs.claim(Report.objects.select_related("cycle__municipality"), report_id, progress=5)
    if report is None:
        return "nothing to do"
    try:
        data, content = render(report, _progress(report.pk))
    except Exception as error:
        jobs.fail(report, error)
        raise
    report.file.save("report.pdf", ContentFile(content), save=False)
    report.snapshot = data
    report.status = Status.DONE
    report.progress = 100
    report.finished_at = timezone.now()
    report.save(update_fields=["file", "snapshot", "status", "progress", "finished_at"])
    return f"{len(content)} bytes"


def publish(report, user):
    """Publishes a finished report: from now on its page and PDF are public, frozen."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.published_at is not None:
            return report
        if report.status != Status.DONE:
            raise ValidationError(_("Only a finished report can be published."))
        report.published_at = timezone.now()
        report.published_by = user
        report.save(update_fields=["published_at", "published_by"])
    return report


def delete_old_drafts(now=None):
    """Unpublished reports asked for more than ``KEEP_DRAFTS_FOR`` ago go, with their
    files (the scheduled task ``tasks.delete_old_drafts``)."""
    cutoff = (now or timezone.now()) - KEEP_DRAFTS_FOR
    old = Report.objects.filter(published_at__isnull=True, requested_at__lt=cutoff)
    return jobs.delete_with_files(old)


def make_now(cycle, starts_on, ends_on, language, user=None, publish_it=False):
    """A report laid out in this process (the demo's loader, the benchmark): no worker."""
    with transaction.atomic():
        report = Report.objects.create(
            municipality_id=cycle.municipality_id,
            cycle=cycle,
            starts_on=starts_on,
            ends_on=ends_on,
            language=language,
            requested_by=user,
        )
    make(report.pk)
    report.refresh_from_db()
    if publish_it:
        report = publish(report, user)
    return report
