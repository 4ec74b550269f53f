"""Two imports of the same file at the same moment, on SQLite and PostgreSQL: one
applies it, the other finds every row as the file has it and changes nothing (the
municipality's lock in ``services.run_import``). Each import pauses after it has read
the rows, so that without the lock both would decide before either writes. And a
cancellation and a confirmation of one upload at once: one of them happens."""

import time

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from teilhabe.imports import services, tasks
from teilhabe.imports.kinds import MeasureKind
from teilhabe.imports.models import DataImport
from teilhabe.plan.models import FieldOfAction, Goal, Measure
from tests import factories
from tests.plan.factories import ConceptCycleFactory
from tests.simultaneous import run_at_once

from .test_imports import csv_file, measure_row

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def slow_decision(monkeypatch):
    load = MeasureKind.load

    def paused(self, *args, **kwargs):
        state = load(self, *args, **kwargs)
        if kwargs.get("lock"):
            time.sleep(0.5)  # both have read the rows, neither has written
        return state

    monkeypatch.setattr(MeasureKind, "load", paused)


def test_the_same_file_imported_twice_at_once_is_applied_once(slow_decision):
    dresden = factories.MunicipalityFactory(name="Dresden", slug="dresden")
    factories.DepartmentFactory(municipality=dresden, number="50", name="Sozialamt")
    cycle = ConceptCycleFactory(municipality=dresden, slug="ik")
    data = csv_file(
        [
            measure_row(),
            measure_row(field_number="2", field_title="Arbeit", goal_code="2.1", code="2.1.1"),
        ]
    )
    uploads = []
    for _ in range(2):
        upload = services.store_upload(
            dresden, factories.UserFactory(), "measures", cycle, "m.csv", data, 2, "de"
        )
        services.check(upload.pk)
        services.confirm(upload.pk, dresden)
        uploads.append(upload.pk)

    results = run_at_once([lambda pk=pk: services.run_import(pk) for pk in uploads])

    assert sorted(result["new"] for result in results) == [0, 2]
    assert sorted(result["unchanged"] for result in results) == [0, 2]
    assert all(result["changed"] == 0 for result in results)
    assert list(DataImport.objects.values_list("status", flat=True)) == ["done", "done"]
    assert Measure.objects.filter(cycle=cycle).count() == 2
    assert FieldOfAction.objects.filter(cycle=cycle).count() == 2
    assert Goal.objects.filter(field__cycle=cycle).count() == 2


class SlowClock:
    """``services``' clock, slow: each service has read and judged the upload under its
    lock before it asks the time, so without the lock both would decide at once."""

    def __getattr__(self, name):
        return getattr(timezone, name)

    @staticmethod
    def now():
        time.sleep(0.5)
        return timezone.now()


def test_cancelling_and_confirming_at_once_do_one_of_them(monkeypatch):
    """The office cancels in one tab and confirms in another at the same moment: the
    upload ends either cancelled (file deleted, nothing to import) or being imported
    with its file, never both."""
    dresden = factories.MunicipalityFactory(name="Dresden", slug="dresden")
    factories.DepartmentFactory(municipality=dresden, number="50", name="Sozialamt")
    cycle = ConceptCycleFactory(municipality=dresden, slug="ik")
    data = csv_file([measure_row()])
    upload = services.store_upload(
        dresden, factories.UserFactory(), "measures", cycle, "m.csv", data, 1, "de"
    )
    services.check(upload.pk)
    monkeypatch.setattr(services, "timezone", SlowClock())

    def attempt(action):
        try:
            action(upload.pk, dresden)
        except (services.NotCancellable, services.NotConfirmable):
            return "refused"
        return "done"

    results = run_at_once([lambda: attempt(services.cancel), lambda: attempt(services.confirm)])

    assert sorted(results) == ["done", "refused"]
    upload.refresh_from_db()
    imports = DBTaskResult.objects.filter(task_path=tasks.run_import.module_path).count()
    if results[0] == "done":
        assert (upload.status, bytes(upload.content), imports) == ("cancelled", b"", 0)
    else:
        assert (upload.status, bytes(upload.content), imports) == ("importing", data, 1)
