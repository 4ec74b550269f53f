"""Real worker processes (``manage.py worker``) on the test's database, for the tests
that need a worker to run, be watched or be killed while the test looks on."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.db import connection

PROJECT_DIR = Path(__file__).resolve().parents[2]


def database_url():
    """The test database, for another process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def worker_processes(log_dir):
    """``start(**env)`` starts a worker with ``env`` on top of the test database's; every
    one still running is stopped at the end and its log printed (pytest shows it when
    the test failed)."""
    processes = []

    def start(**env):
        log = log_dir / f"worker-{len(processes)}.log"
        process = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--interval", "0.1"],
            cwd=PROJECT_DIR,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "teilhabe.settings.development",
                "DEBUG": "false",
                "DATABASE_URL": database_url(),
                "TEILHABE_WORKER_TIMEOUT_SECONDS": "3",
                **env,
            },
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        return process

    try:
        yield start
    finally:
        for number, process in enumerate(processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            print(f"--- worker {number}:\n{(log_dir / f'worker-{number}.log').read_text()}")
