import logging
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from teilhabe.worker import liveness
from teilhabe.worker.schedule import enqueue_due

logger = logging.getLogger(__name__)

SCHEDULE_EVERY = 60  # seconds between looks at the schedule


class Command(BaseCommand):
    help = (
        "Run the background worker: sends mail and runs every other task, and enqueues "
        "the scheduled tasks (teilhabe.worker.schedule) once per period. It registers "
        "itself with a heartbeat and takes back the tasks of workers that died."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks for new tasks."
        )
        parser.add_argument(
            "--batch", action="store_true", help="Run every task that is due, then stop."
        )

    def handle(self, *args, interval, batch, **options):
        worker_id = liveness.new_worker_id()
        liveness.register(worker_id)
        stop = threading.Event()
        background = threading.Thread(
            target=self._background, args=(worker_id, stop, not batch), daemon=True
        )
        try:
            liveness.reclaim_abandoned(by=worker_id)
            enqueue_due()
            background.start()
            worker_options = {
                "queue_name": "*",
                "interval": interval,
                "reload": False,
                "startup_delay": False,
                "worker_id": worker_id,
                "verbosity": options["verbosity"],
            }
            if batch:
                worker_options["batch"] = True
            call_command("db_worker", **worker_options)
        finally:
            stop.set()
            if background.is_alive():
                background.join()
            liveness.unregister(worker_id)

    def _background(self, worker_id, stop, schedule):
        """The heartbeat, the reclaim of dead workers' tasks and (unless --batch) the
        clock of the schedule. Its own database connection (Django opens one per
        thread) is closed after each round, so it holds nothing the main thread needs."""
        next_schedule = time.monotonic() + SCHEDULE_EVERY
        while not stop.wait(liveness.heartbeat_seconds()):
            try:
                liveness.beat(worker_id)
                liveness.reclaim_abandoned(by=worker_id)
                if schedule and time.monotonic() >= next_schedule:
                    next_schedule = time.monotonic() + SCHEDULE_EVERY
                    enqueue_due()
            except Exception:  # noqa: BLE001 - a database hiccup must not stop the beat
                logger.exception("Worker %s: heartbeat round failed", worker_id)
            finally:
                connections.close_all()
