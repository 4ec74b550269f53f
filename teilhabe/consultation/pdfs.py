"""The consideration table as a PDF, laid out by the worker.

WeasyPrint lays out some 30 demands a second on the benchmark machine: a table of
2,000 demands takes over a minute, longer than a request may. So a request for the PDF
(``request_pdf``) finds or makes a ``ConsiderationPdf`` for its consultation, filters,
language and content version and, when it makes one, enqueues ``tasks.make_pdf`` in the
same transaction; the reader's page shows its state until the file is there and then
offers it. Two readers asking for the same table at once share one row (the unique
key) and one task. A PDF that failed is shown as failed with a way to try again; one
whose worker died mid-way counts as failed after ``STALE_AFTER``."""

import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.worker import jobs
from teilhabe.worker.services import enqueue

from . import exports, selectors
from .filters import table_filters
from .models import ConsiderationPdf

Status = ConsiderationPdf.Status
# The largest table the worker lays out (about three minutes); a larger one is
# exported as CSV or XLSX, or filtered first.
MAX_DEMANDS = 5000
STALE_AFTER = timedelta(minutes=15)
KEEP_FOR = timedelta(days=1)


def pdf_key(consultation, filters, language, version):
    text = json.dumps([consultation.pk, filters, language, str(version)], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def request_pdf(consultation, filters, *, language, version):
    """The PDF of ``consultation``'s table with ``filters`` (``form.chosen()``) in
    ``language`` for content ``version``, and whether this call asked for it: found, or
    made and its task enqueued with it."""
    key = pdf_key(consultation, filters, language, version)
    found = ConsiderationPdf.objects.filter(consultation=consultation, key=key).first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            pdf = ConsiderationPdf.objects.create(
                municipality_id=consultation.municipality_id,
                consultation=consultation,
                key=key,
                language=language,
                filters=filters,
            )
            _enqueue(pdf)
    except IntegrityError:  # another reader asked for the same table at the same moment
        return ConsiderationPdf.objects.get(consultation=consultation, key=key), False
    return pdf, True


def _enqueue(pdf):
    from .tasks import make_pdf

    enqueue(make_pdf, pdf.pk)


def state(pdf, now=None):
    """The PDF's status as readers see it: a PDF whose worker stopped mid-way failed."""
    return Status(jobs.state(pdf, STALE_AFTER, now))


def try_again(pdf):
    """A failed PDF queued anew (once, however many readers ask at the same moment)."""
    with transaction.atomic():
        pdf = ConsiderationPdf.objects.select_for_update().get(pk=pdf.pk)
        if state(pdf) != Status.FAILED:
            return pdf
        pdf.status = Status.QUEUED
        pdf.error = ""
        pdf.started_at = None
        pdf.save(update_fields=["status", "error", "started_at"])
        _enqueue(pdf)
    return pdf


def _demand_url(municipality):
    base = settings.TEILHABE_BASE_URL

    def url(demand):
        path = reverse(
            "consultation:demand",
            kwargs={
                "municipality": municipality.slug,
                "cycle": demand.cycle.slug,
                "number": demand.number,
            },
        )
        return base + path

    return url


def render(pdf):
    """The PDF's bytes and the number of demands in it (in the PDF's language)."""
    consultation = pdf.consultation
    municipality = consultation.municipality
    with translation.override(pdf.language):
        form = table_filters(consultation, pdf.filters)
        demands = selectors.consideration_demands(consultation, **form.filters())
        count = demands.count()
        if count > MAX_DEMANDS:
            raise ValueError(f"{count} demands, more than the {MAX_DEMANDS} a PDF holds")
        content = exports.as_pdf(
            demands,
            _demand_url(municipality),
            {
                "consultation": consultation,
                "municipality": municipality,
                "filters": form.chosen_labels(),
                "exported_on": timezone.localdate(),
            },
        )
    return content, count


def make(pdf_id):
    """Lay out the PDF ``pdf_id`` unless another run did or does (the worker's task)."""
    pdf = jobs.claim(ConsiderationPdf.objects.select_related("consultation__municipality"), pdf_id)
    if pdf is None:
        return "nothing to do"
    try:
        content, count = render(pdf)
    except Exception as error:
        jobs.fail(pdf, error)
        raise
    pdf.file.save("table.pdf", ContentFile(content), save=False)
    pdf.status = Status.DONE
    pdf.demand_count = count
    pdf.finished_at = timezone.now()
    pdf.save(update_fields=["file", "status", "demand_count", "finished_at"])
    return f"{count} demands"


def delete_old(now=None):
    """PDFs asked for more than ``KEEP_FOR`` ago go, with their files."""
    old = ConsiderationPdf.objects.filter(requested_at__lt=(now or timezone.now()) - KEEP_FOR)
    return jobs.delete_with_files(old)
