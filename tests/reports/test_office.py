"""The office makes a report's PDF in the background: the page shows its progress
(htmx asks again until it is ready or failed), offers the file, shows a failure with
its message and a way to try again; publishing asks first, then freezes the version
(later changes do not change it) and lists it on the cycle's page. Only the office of
the cycle's municipality."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from teilhabe.accounts.models import Role
from teilhabe.plan.models import Measure
from teilhabe.reports import documents
from teilhabe.reports.models import Report
from tests.factories import RoleFactory

from .factories import END, START, build_plan, office_user

TASK = "teilhabe.reports.tasks.make_report"


def run_worker():
    """The real worker, once through the queue (transactional tests only)."""
    call_command("worker", batch=True, interval=0, verbosity=0)


def tasks():
    return DBTaskResult.objects.filter(task_path=TASK).count()


def url(name, cycle, **kwargs):
    return reverse(
        f"reports:{name}",
        kwargs={"municipality": cycle.municipality.slug, "cycle": cycle.slug, **kwargs},
    )


def ask(client, cycle, **data):
    form = {"starts_on": START.isoformat(), "ends_on": END.isoformat(), "language": "de"}
    return client.post(url("manage", cycle), {**form, **data})


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.django_db(transaction=True)
def test_generate_progress_download_publish_and_freeze(client, municipality, monkeypatch):
    cycle = build_plan(municipality)
    client.force_login(office_user(municipality))
    response = ask(client, cycle)
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("state", cycle, pk=report.pk)
    assert tasks() == 1

    page = text_of(client.get(url("state", cycle, pk=report.pk)))
    assert "Das PDF wartet, bis es an der Reihe ist." in page
    assert 'hx-trigger="every 2s"' in page

    # While the worker lays it out, the page shows how far it got.
    seen = []
    lay_out = documents.as_pdf

    def watched(data, language, progress=None):
        seen.append(text_of(client.get(url("state", cycle, pk=report.pk), HTTP_HX_REQUEST="true")))
        return lay_out(data, language, progress)

    monkeypatch.setattr(documents, "as_pdf", watched)
    run_worker()
    assert 'value="15"' in seen[0] and "15 %" in seen[0]
    assert "Das PDF wird gesetzt." in seen[0]

    htmx = client.get(url("state", cycle, pk=report.pk), HTTP_HX_REQUEST="true")
    assert htmx.status_code == 286  # htmx stops asking
    assert "PDF herunterladen" in htmx.content.decode()
    download = client.get(url("download", cycle, pk=report.pk))
    assert download["Content-Type"] == "application/pdf"
    original = b"".join(download.streaming_content)
    assert original.startswith(b"%PDF")

    # Publishing asks first; the GET changes nothing.
    confirm = client.get(url("publish", cycle, pk=report.pk))
    assert "Das Veröffentlichen kann nicht rückgängig gemacht werden." in confirm.content.decode()
    assert Report.objects.published().count() == 0
    response = client.post(url("publish", cycle, pk=report.pk))
    report.refresh_from_db()
    assert report.published_at is not None
    assert response["Location"] == report.get_absolute_url()

    # Later changes do not change the published version; the live report shows them.
    Measure.objects.filter(code="1.1.1").update(title={"de": "Umbenannte Maßnahme"})
    client.logout()
    published = text_of(client.get(report.get_absolute_url()))
    assert "Mehrsprachige Wegweiser" in published
    assert "Umbenannte Maßnahme" not in published
    pdf = client.get(url("published_pdf", cycle, pk=report.pk))
    assert b"".join(pdf.streaming_content) == original
    live = text_of(client.get(url("live", cycle)))
    assert "Umbenannte Maßnahme" in live
    cycle_page = text_of(client.get(cycle.get_absolute_url()))
    assert report.get_absolute_url() in cycle_page


@pytest.mark.django_db(transaction=True)
def test_a_failure_is_shown_with_its_message_and_can_be_tried_again(
    client, municipality, monkeypatch
):
    cycle = build_plan(municipality)
    client.force_login(office_user(municipality))
    ask(client, cycle)
    report = Report.objects.get()

    def broken(data, language, progress=None):
        raise RuntimeError("Schrift fehlt")

    monkeypatch.setattr(documents, "as_pdf", broken)
    run_worker()
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    page = text_of(client.get(url("state", cycle, pk=report.pk)))
    assert "Das PDF konnte nicht erstellt werden." in page
    assert "RuntimeError: Schrift fehlt" in page
    assert client.get(url("download", cycle, pk=report.pk)).status_code == 404
    assert client.get(url("publish", cycle, pk=report.pk)).status_code == 403

    monkeypatch.undo()
    client.post(url("state", cycle, pk=report.pk))  # try again
    report.refresh_from_db()
    assert (report.status, report.error, tasks()) == (Report.Status.QUEUED, "", 2)
    run_worker()
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.file


@pytest.mark.django_db
def test_bad_input_is_refused_and_nothing_is_saved(client, municipality):
    cycle = build_plan(municipality)
    client.force_login(office_user(municipality))
    response = ask(client, cycle, starts_on="2023-01-01", ends_on="2021-01-01")
    assert response.status_code == 400
    assert "Der Zeitraum kann nicht enden, bevor er beginnt." in response.content.decode()
    response = ask(client, cycle, language="fa")  # not a content language of the town
    assert response.status_code == 400
    response = ask(client, cycle, starts_on="12345-01-01")
    assert response.status_code == 400
    assert Report.objects.count() == 0 and tasks() == 0


@pytest.mark.django_db
def test_only_the_office_of_the_municipality(client, municipality, other_municipality):
    cycle = build_plan(municipality)
    report = Report.objects.create(
        municipality=municipality, cycle=cycle, starts_on=START, ends_on=END, language="de"
    )
    pages = [url("manage", cycle), url("state", cycle, pk=report.pk)]
    for page in pages:
        assert client.get(page).status_code == 302  # to the login
    editor = RoleFactory(municipality=municipality, kind=Role.Kind.DEPARTMENT_EDITOR).user
    client.force_login(editor)
    for page in pages:
        assert client.get(page).status_code == 403
    assert ask(client, cycle).status_code == 403
    client.force_login(office_user(other_municipality))
    for page in pages:
        assert client.get(page).status_code == 403
    other = build_plan(other_municipality)
    # The other office asks for its own cycle with this report's number: not found.
    assert client.get(url("state", other, pk=report.pk)).status_code == 404
    assert client.get(url("download", other, pk=report.pk)).status_code == 404
    # Not published: no public page, no public file.
    client.logout()
    assert client.get(url("published", cycle, pk=report.pk)).status_code == 404
    assert client.get(url("published_pdf", cycle, pk=report.pk)).status_code == 404
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_trying_again_and_publishing_at_once_happen_once(municipality):
    from tests.simultaneous import run_at_once

    cycle = build_plan(municipality)
    user = office_user(municipality)
    from teilhabe.reports import services

    report = services.request_report(cycle, START, END, "de", user)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED)

    def again():
        try:
            services.try_again(Report.objects.get(pk=report.pk))
        finally:
            connection.close()

    run_at_once([again] * 6)
    assert tasks() == 2  # the first request's task and one more

    Report.objects.filter(pk=report.pk).update(status=Report.Status.DONE)
    stamps = []

    def publish():
        try:
            stamps.append(services.publish(Report.objects.get(pk=report.pk), user).published_at)
        finally:
            connection.close()

    run_at_once([publish] * 6)
    assert len(set(stamps)) == 1  # published once: the others found it published


def test_old_unpublished_reports_are_deleted_with_their_files_published_ones_stay(
    client, municipality
):
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from teilhabe.reports import services

    cycle = build_plan(municipality)
    old = timezone.now() - services.KEEP_DRAFTS_FOR - timedelta(hours=1)

    def report(requested_at, published):
        made = Report(
            municipality=municipality,
            cycle=cycle,
            starts_on=START,
            ends_on=END,
            language="de",
            status=Report.Status.DONE,
            requested_at=requested_at,
            published_at=timezone.now() if published else None,
        )
        made.file.save("report.pdf", ContentFile(b"%PDF-1.7"), save=False)
        made.save()
        return made

    draft = report(old, published=False)
    published = report(old, published=True)
    fresh = report(timezone.now(), published=False)
    storage, name = draft.file.storage, draft.file.name
    assert storage.exists(name)

    assert services.delete_old_drafts() == 1
    assert not storage.exists(name)
    assert set(Report.objects.all()) == {published, fresh}
    assert storage.exists(published.file.name)
    client.force_login(office_user(municipality))
    page = text_of(client.get(url("manage", cycle)))
    assert "wird 30 Tage nach der Anforderung gelöscht" in page
