"""Worker liveness: registration and heartbeat, the reclaim of tasks whose worker died,
the give-up after too many deaths, and several reclaimers at once."""

import os
import threading
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from teilhabe.worker import liveness
from teilhabe.worker.management.commands.worker import Command as WorkerCommand
from teilhabe.worker.models import TaskDone, WorkerProcess
from teilhabe.worker.services import enqueue
from teilhabe.worker.tasks import forget_old_workers
from tests.worker.helpers import abandon

TIMEOUT = 120  # TEILHABE_WORKER_TIMEOUT_SECONDS in these tests


@pytest.fixture(autouse=True)
def worker_settings(settings):
    settings.TEILHABE_WORKER_TIMEOUT_SECONDS = TIMEOUT
    settings.TEILHABE_WORKER_MAX_RECLAIMS = 3


def worker(worker_id, seen_ago):
    now = timezone.now()
    return WorkerProcess.objects.create(
        worker_id=worker_id,
        host="host",
        pid=1,
        started_at=now - timedelta(hours=2),
        last_seen=now - timedelta(seconds=seen_ago),
    )


def running_task(*claimants, started_ago=30):
    """A task RUNNING on ``claimants[-1]`` (earlier entries: workers that died before)."""
    with transaction.atomic():
        result = enqueue(forget_old_workers)
    abandon(
        DBTaskResult.objects.filter(pk=result.id),
        worker_ids=claimants,
        started_ago=timedelta(seconds=started_ago),
    )
    return DBTaskResult.objects.get(pk=result.id)


def status(result):
    return DBTaskResult.objects.get(pk=result.pk).status


@pytest.mark.django_db
def test_the_task_of_a_worker_not_seen_for_the_timeout_goes_back_to_the_queue():
    worker("dead", seen_ago=TIMEOUT + 5)
    result = running_task("dead", started_ago=30)
    assert liveness.reclaim_abandoned() == (1, 0)
    assert status(result) == TaskResultStatus.READY


@pytest.mark.django_db
def test_the_task_of_a_live_worker_stays_however_long_it_runs():
    worker("alive", seen_ago=TIMEOUT - 5)
    result = running_task("alive", started_ago=10 * TIMEOUT)
    assert liveness.reclaim_abandoned() == (0, 0)
    assert status(result) == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_an_unknown_worker_counts_as_dead_once_its_task_is_older_than_the_timeout():
    young = running_task("never-registered", started_ago=TIMEOUT - 5)
    old = running_task("never-registered-either", started_ago=TIMEOUT + 5)
    assert liveness.reclaim_abandoned() == (1, 0)
    assert status(young) == TaskResultStatus.RUNNING
    assert status(old) == TaskResultStatus.READY


@pytest.mark.django_db
def test_a_worker_never_reclaims_its_own_tasks():
    worker("me", seen_ago=TIMEOUT + 5)
    result = running_task("me")
    assert liveness.reclaim_abandoned(by="me") == (0, 0)
    assert status(result) == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_a_task_abandoned_more_than_max_reclaims_times_is_failed_with_the_reason():
    again = running_task("w1", "w2", "w3", started_ago=TIMEOUT + 5)
    given_up = running_task("w1", "w2", "w3", "w4", started_ago=TIMEOUT + 5)
    assert liveness.reclaim_abandoned() == (1, 1)
    assert status(again) == TaskResultStatus.READY
    failed = DBTaskResult.objects.get(pk=given_up.pk)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.finished_at is not None
    error = failed.task_result.errors[0]
    assert error.exception_class is liveness.WorkerLost
    assert "died 4 times (last w4" in error.traceback


@pytest.mark.django_db(transaction=True)
def test_a_reclaimed_task_runs_again_and_the_worker_leaves_no_registration():
    result = running_task("killed", started_ago=TIMEOUT + 5)
    call_command("worker", batch=True, interval=0, verbosity=0)
    result.refresh_from_db()
    assert result.status == TaskResultStatus.SUCCESSFUL
    # The worker registered under the id it handed to db_worker, and went away cleanly.
    assert result.worker_ids[0] == "killed"
    assert f"-{os.getpid()}-" in result.worker_ids[1]
    assert WorkerProcess.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_simultaneous_reclaimers_take_each_task_back_once():
    worker("dead", seen_ago=TIMEOUT + 5)
    results = [running_task("dead") for _ in range(10)]
    reclaimers = 4
    barrier = threading.Barrier(reclaimers)
    counts, errors = [], []

    def reclaim():
        try:
            barrier.wait()
            counts.append(liveness.reclaim_abandoned())
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=reclaim) for _ in range(reclaimers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(reclaimed for reclaimed, _ in counts) == len(results)
    assert {status(result) for result in results} == {TaskResultStatus.READY}


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_beats_and_reclaims(settings):
    settings.TEILHABE_WORKER_TIMEOUT_SECONDS = 1  # a beat every 1/12 s
    me = worker("me", seen_ago=60)
    dead = running_task("dead-one", started_ago=60)
    stop = threading.Event()
    thread = threading.Thread(target=WorkerCommand()._background, args=("me", stop, False))
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while status(dead) != TaskResultStatus.READY and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join()
    assert status(dead) == TaskResultStatus.READY
    me.refresh_from_db()
    assert timezone.now() - me.last_seen < timedelta(seconds=30)


@pytest.mark.django_db
def test_a_beat_brings_back_a_registration_that_was_cleaned_away():
    liveness.register("me")
    WorkerProcess.objects.all().delete()
    liveness.beat("me")
    assert WorkerProcess.objects.get().worker_id == "me"


@pytest.mark.django_db
def test_long_dead_workers_and_old_done_marks_are_forgotten():
    worker("long-dead", seen_ago=8 * 24 * 3600)
    worker("recently-dead", seen_ago=TIMEOUT + 5)
    old = TaskDone.objects.create(task_id="old")
    TaskDone.objects.filter(pk=old.pk).update(done_at=timezone.now() - timedelta(days=91))
    TaskDone.objects.create(task_id="recent")
    assert forget_old_workers.call() == {"workers": 1, "done_marks": 1}
    assert list(WorkerProcess.objects.values_list("worker_id", flat=True)) == ["recently-dead"]
    assert list(TaskDone.objects.values_list("task_id", flat=True)) == ["recent"]
