"""An uploaded file is personal data kept for one purpose, its import: it is deleted when
the import is done, refused, failed or cancelled, and the hourly task cancels an upload
left waiting longer than TEILHABE_IMPORT_KEEP_HOURS and deletes the preview of an old
refused one. Fresh uploads and running imports stay."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from teilhabe.imports import services, tasks
from teilhabe.imports.models import DataImport
from teilhabe.plan.models import Measure
from teilhabe.worker import liveness
from teilhabe.worker.schedule import enqueue_due
from tests import factories
from tests.worker.helpers import abandon, task_of

from .test_imports import checked, csv_file, imported, measure_row

S = DataImport.Status


def stored(upload):
    upload.refresh_from_db()
    return bytes(upload.content)


def test_the_file_and_the_rows_details_are_deleted_when_the_import_is_done(municipality, plan):
    data = csv_file([measure_row(), measure_row(code="1.1.3", title="Zweite")])
    upload = checked(municipality, data, cycle=plan)
    assert stored(upload) == data  # kept while it may be imported
    assert len(upload.preview["changes"]) == 2
    upload = imported(municipality, data, cycle=plan)
    assert upload.status == S.DONE
    assert stored(upload) == b""
    assert upload.preview == {"counts": {"new": 2, "changed": 0, "unchanged": 0, "error": 0}}
    assert upload.result == {"new": 2, "changed": 0, "unchanged": 0}


def test_a_refused_file_is_deleted_and_its_errors_stay_for_the_office(municipality, plan):
    upload = checked(municipality, csv_file([measure_row(lead_departments="99")]), cycle=plan)
    assert upload.status == S.REFUSED
    assert stored(upload) == b""
    assert upload.preview["errors"][0]["errors"][0]["column"] == "lead_departments"


def test_the_office_cancels_an_upload_and_its_file_is_deleted(
    client, municipality, other_municipality, plan, office
):
    upload = checked(municipality, csv_file([measure_row()]), cycle=plan)
    page = reverse("imports:import", kwargs={"municipality": "dresden", "pk": upload.pk})
    # Leipzig's office finds no such import at its address, and cannot reach Dresden's.
    client.force_login(factories.RoleFactory(municipality=other_municipality).user)
    leipzig_page = reverse("imports:import", kwargs={"municipality": "leipzig", "pk": upload.pk})
    assert client.post(leipzig_page, {"action": "cancel"}).status_code == 404
    assert client.post(page, {"action": "cancel"}).status_code == 403
    assert stored(upload) != b""

    client.force_login(office)
    checked_page = client.get(page).content.decode()
    assert 'name="action" value="cancel"' in checked_page
    assert client.post(page, {"action": "cancel"}).status_code == 302
    assert (stored(upload), upload.status, upload.preview) == (b"", S.CANCELLED, {})
    shown = client.get(page).content.decode()
    assert "Der Import wurde abgebrochen und die hochgeladene Datei gelöscht." in shown
    # Confirming afterwards imports nothing.
    client.post(page)
    upload.refresh_from_db()
    assert upload.status == S.CANCELLED
    assert not DBTaskResult.objects.filter(task_path=tasks.run_import.module_path).exists()
    assert not Measure.objects.filter(cycle=plan, code="1.1.2").exists()


def test_a_refused_uploads_errors_can_be_deleted_but_an_import_not_cancelled(
    client, municipality, plan, office
):
    client.force_login(office)
    refused = checked(municipality, csv_file([measure_row(lead_departments="99")]), cycle=plan)
    page = reverse("imports:import", kwargs={"municipality": "dresden", "pk": refused.pk})
    assert "Diese Fehlerliste löschen" in client.get(page).content.decode()
    client.post(page, {"action": "cancel"})
    refused.refresh_from_db()
    assert (refused.status, refused.preview) == (S.CANCELLED, {})

    done = imported(municipality, csv_file([measure_row()]), cycle=plan)
    page = reverse("imports:import", kwargs={"municipality": "dresden", "pk": done.pk})
    response = client.post(page, {"action": "cancel"}, follow=True)
    assert "Dieser Import kann nicht mehr abgebrochen werden." in response.content.decode()
    done.refresh_from_db()
    assert done.status == S.DONE
    with pytest.raises(services.NotCancellable):
        services.cancel(done.pk, municipality)


@pytest.mark.django_db(transaction=True)
def test_the_scheduled_task_deletes_abandoned_uploads_and_leaves_fresh_ones(municipality):
    """Through the schedule and the real worker."""
    factories.DepartmentFactory(municipality=municipality, number="50", name="Sozialamt")
    good = csv_file([{"number": "51", "name": "Neues Amt"}])
    bad = csv_file([{"number": "52", "name": ""}])

    def upload(data, hours_ago):
        made = checked(municipality, data, kind="departments")
        DataImport.objects.filter(pk=made.pk).update(
            created_at=timezone.now() - timedelta(hours=hours_ago)
        )
        return made

    abandoned, fresh = upload(good, 25), upload(good, 23)
    old_refusal, fresh_refusal = upload(bad, 25), upload(bad, 1)
    unchecked = services.store_upload(
        municipality, factories.UserFactory(), "departments", None, "d.csv", good, 1, "de"
    )
    DataImport.objects.filter(pk=unchecked.pk).update(
        created_at=timezone.now() - timedelta(hours=30)
    )
    importing = upload(good, 25)
    services.confirm(importing.pk, municipality)
    DBTaskResult.objects.all().delete()  # the check and import tasks: not this test's

    assert "teilhabe.imports.tasks.forget_abandoned_uploads" in enqueue_due()
    call_command("worker", batch=True, interval=0, verbosity=0)

    result = DBTaskResult.objects.get(task_path=tasks.forget_abandoned_uploads.module_path)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"cancelled": 2, "cleared": 1}
    for gone in (abandoned, unchecked):
        assert (stored(gone), gone.status, gone.preview) == (b"", S.CANCELLED, {})
    assert stored(fresh) == good and fresh.status == S.CHECKED and fresh.preview["changes"]
    assert (stored(old_refusal), old_refusal.status, old_refusal.preview) == (b"", S.REFUSED, {})
    fresh_refusal.refresh_from_db()
    assert fresh_refusal.preview["errors"]
    # A running import keeps its file: the import needs it.
    assert (stored(importing), importing.status) == (good, S.IMPORTING)
    # Once more: nothing left to do.
    assert services.forget_abandoned() == (0, 0)


def test_an_import_given_up_after_its_workers_died_is_shown_as_failed(
    client, municipality, plan, office, settings
):
    """The worker's reclaim gives the task up and announces it: the upload is failed,
    not 'being imported' for ever, and its file is deleted."""
    settings.TEILHABE_WORKER_MAX_RECLAIMS = 0
    upload = checked(municipality, csv_file([measure_row()]), cycle=plan)
    services.confirm(upload.pk, municipality)
    abandon(DBTaskResult.objects.filter(pk=task_of(tasks.run_import, upload.pk).pk))
    assert liveness.reclaim_abandoned() == (0, 1)
    assert (stored(upload), upload.status) == (b"", S.FAILED)
    client.force_login(office)
    page = reverse("imports:import", kwargs={"municipality": "dresden", "pk": upload.pk})
    shown = client.get(page).content.decode()
    assert "Der Import ist fehlgeschlagen." in shown
    assert "The worker running the import stopped." in shown
