import pytest
from django_tasks_db.models import DBTaskResult

from teilhabe.worker.schedule import SCHEDULE, enqueue_due


@pytest.mark.django_db
def test_each_scheduled_task_is_enqueued_once_per_period():
    first = enqueue_due()
    assert first == [path for path, _ in SCHEDULE]
    assert enqueue_due() == []
    assert DBTaskResult.objects.count() == len(SCHEDULE)
