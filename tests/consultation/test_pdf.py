"""The consideration table's PDF, laid out by the worker: the reader's page shows its
state (htmx asks again until it is ready or failed), readers asking for the same table
share one PDF and one task, a failure is shown with a way to try again, a changed
table is a new PDF, and PDFs older than a day are deleted with their files."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from teilhabe.consultation import pdfs
from teilhabe.consultation.models import ConsiderationPdf
from teilhabe.web import caching
from tests.simultaneous import run_at_once

from .trail import build_trail

TASK = "teilhabe.consultation.tasks.make_pdf"


@pytest.fixture
def trail(municipality):
    return build_trail(municipality)


def pdf_url(language="de", query=""):
    with translation.override(language):
        address = reverse(
            "consultation:consideration_pdf",
            kwargs={"municipality": "dresden", "consultation": "analyse"},
        )
    return address + (f"?{query}" if query else "")


def run_worker():
    """The real worker, once through the queue (it closes the test's connection: the
    tests that call it are transactional)."""
    call_command("worker", batch=True, interval=0, verbosity=0)


def tasks():
    return DBTaskResult.objects.filter(task_path=TASK).count()


@pytest.mark.django_db(transaction=True)
def test_the_reader_waits_on_a_page_that_asks_again_then_gets_the_file(client, trail):
    response = client.get(pdf_url("en", "source=statement"))
    assert response.status_code == 202
    assert response["Cache-Control"] == "private, no-store"
    page = response.content.decode()
    assert 'id="pdf-waiting"' in page
    assert "The PDF is waiting for its turn." in page
    assert 'hx-trigger="every 3s"' in page
    assert "Source: Statement or position paper" in page
    assert tasks() == 1

    # Asking again before the worker ran: the same PDF, no second task.
    htmx = client.get(pdf_url("en", "source=statement"), headers={"HX-Request": "true"})
    assert htmx.status_code == 200
    assert "The PDF is waiting for its turn." in htmx.content.decode()
    assert "<html" not in htmx.content.decode()
    assert ConsiderationPdf.objects.count() == 1 and tasks() == 1

    run_worker()
    pdf = ConsiderationPdf.objects.get()
    assert (pdf.status, pdf.demand_count, pdf.language) == ("done", 3, "en")
    assert pdf.filters == {"source": "statement"}

    # htmx's last answer: 286 (stop asking) with the download button.
    htmx = client.get(pdf_url("en", "source=statement"), headers={"HX-Request": "true"})
    assert htmx.status_code == 286
    assert "Download the PDF" in htmx.content.decode()
    response = client.get(pdf_url("en", "source=statement"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="abwaegung-analyse.pdf"'
    assert response.content.startswith(b"%PDF-")


@pytest.mark.django_db(transaction=True)
def test_each_table_language_and_content_version_is_a_pdf_of_its_own(client, trail):
    for address in (pdf_url("de"), pdf_url("en"), pdf_url("de", "source=comment")):
        assert client.get(address).status_code == 202
    assert ConsiderationPdf.objects.count() == 3
    # An invalid filter is left out, as on the page: the unfiltered table's PDF.
    assert client.get(pdf_url("de", "source=nonsense")).status_code == 202
    assert ConsiderationPdf.objects.count() == 3

    run_worker()
    caching.bump(trail.municipality.pk)  # the public content changed
    assert client.get(pdf_url("de")).status_code == 202
    assert ConsiderationPdf.objects.filter(status="queued").count() == 1


def test_the_pdf_links_each_demand_at_the_installations_address(trail, settings):
    settings.TEILHABE_BASE_URL = "http://127.0.0.1:8123"
    pdf, created = pdfs.request_pdf(trail.consultation, {}, language="en", version="1")
    assert created
    captured = {}
    original = pdfs.exports.as_pdf

    def as_pdf(demands, url, context):
        captured["urls"] = [url(d) for d in demands]
        return original(demands, url, context)

    pdfs.exports.as_pdf = as_pdf
    try:
        pdfs.make(pdf.pk)
    finally:
        pdfs.exports.as_pdf = original
    assert captured["urls"][0] == "http://127.0.0.1:8123/en/dresden/beteiligung/forderungen/ik/1/"


@pytest.mark.django_db(transaction=True)
def test_a_failure_is_shown_and_the_reader_can_try_again(client, trail, monkeypatch):
    def broken(pdf):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(pdfs, "render", broken)
    client.get(pdf_url("en"))
    run_worker()
    pdf = ConsiderationPdf.objects.get()
    assert pdf.status == "failed"
    assert pdf.error == "RuntimeError: no fonts"

    response = client.get(pdf_url("en"))
    assert response.status_code == 202
    page = response.content.decode()
    assert "The PDF could not be made." in page
    assert 'hx-trigger="every 3s"' not in page
    assert client.get(pdf_url("en"), headers={"HX-Request": "true"}).status_code == 286

    monkeypatch.undo()
    response = client.post(pdf_url("en"))
    assert response.status_code == 302
    pdf.refresh_from_db()
    assert (pdf.status, pdf.error) == ("queued", "")
    assert tasks() == 2
    # Trying again while it waits changes nothing.
    client.post(pdf_url("en"))
    assert tasks() == 2
    run_worker()
    pdf.refresh_from_db()
    assert pdf.status == "done"


def test_a_pdf_whose_worker_stopped_counts_as_failed(trail):
    pdf, _ = pdfs.request_pdf(trail.consultation, {}, language="de", version="1")
    now = timezone.now()
    pdf.status, pdf.started_at = "running", now - pdfs.STALE_AFTER + timedelta(minutes=1)
    assert pdfs.state(pdf, now) == "running"
    pdf.started_at = now - pdfs.STALE_AFTER - timedelta(minutes=1)
    assert pdfs.state(pdf, now) == "failed"


def test_the_worker_lays_out_a_pdf_once(trail):
    pdf, _ = pdfs.request_pdf(trail.consultation, {}, language="de", version="1")
    assert pdfs.make(pdf.pk) == "5 demands"
    assert pdfs.make(pdf.pk) == "nothing to do"


def test_a_hidden_consultations_pdf_is_not_found(client, trail):
    trail.consultation.is_published = False
    trail.consultation.save()
    assert client.get(pdf_url()).status_code == 404
    assert client.post(pdf_url()).status_code == 404
    assert not ConsiderationPdf.objects.exists()


def test_old_pdfs_are_deleted_with_their_files(trail):
    pdf, _ = pdfs.request_pdf(trail.consultation, {}, language="de", version="1")
    pdfs.make(pdf.pk)
    pdf.refresh_from_db()
    storage, name = pdf.file.storage, pdf.file.name
    assert storage.exists(name)
    fresh, _ = pdfs.request_pdf(trail.consultation, {}, language="de", version="2")
    ConsiderationPdf.objects.filter(pk=pdf.pk).update(
        requested_at=timezone.now() - pdfs.KEEP_FOR - timedelta(minutes=1)
    )
    assert pdfs.delete_old() == 1
    assert not storage.exists(name)
    assert list(ConsiderationPdf.objects.all()) == [fresh]


@pytest.mark.django_db(transaction=True)
def test_readers_asking_for_the_same_table_at_once_share_one_pdf_and_one_task(municipality):
    trail = build_trail(municipality)

    def ask():
        try:
            return pdfs.request_pdf(trail.consultation, {}, language="de", version="7")
        finally:
            connection.close()

    results = run_at_once([ask] * 6)
    assert len({pdf.pk for pdf, _ in results}) == 1
    assert [created for _, created in results].count(True) == 1
    assert tasks() == 1


@pytest.mark.django_db(transaction=True)
def test_readers_trying_again_at_once_queue_one_task(municipality):
    trail = build_trail(municipality)
    pdf, _ = pdfs.request_pdf(trail.consultation, {}, language="de", version="7")
    ConsiderationPdf.objects.filter(pk=pdf.pk).update(status="failed")

    def again():
        try:
            return pdfs.try_again(pdf)
        finally:
            connection.close()

    run_at_once([again] * 6)
    assert tasks() == 2
    with override_settings():
        assert ConsiderationPdf.objects.get().status == "queued"
