import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from teilhabe.worker.schedule import enqueue_due


class Command(BaseCommand):
    help = (
        "Run the background worker: sends mail and runs every other task, and enqueues "
        "the scheduled tasks (teilhabe.worker.schedule) once per period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks for new tasks."
        )
        parser.add_argument(
            "--batch", action="store_true", help="Run every task that is due, then stop."
        )

    def handle(self, *args, interval, batch, **options):
        enqueue_due()
        if not batch:
            threading.Thread(target=self._clock, daemon=True).start()
        worker_options = {
            "queue_name": "*",
            "interval": interval,
            "reload": False,
            "startup_delay": False,
            "verbosity": options["verbosity"],
        }
        if batch:
            worker_options["batch"] = True
        call_command("db_worker", **worker_options)

    def _clock(self):
        while True:
            time.sleep(60)
            enqueue_due()
