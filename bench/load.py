"""Shared by the benchmarks: run gunicorn against a database and fire concurrent
requests at it from threads with persistent connections. Everything stays on the
loopback interface; each run is bounded in time and count."""

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/teilhabe_bench"


def server_environment(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "teilhabe.settings.production",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "TEILHABE_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SHIPPED_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"


@contextmanager
def gunicorn(database_url, workers=4, threads=1, config=None, environment=None):
    """Serve the app on a free port; yields the port. With ``config`` (e.g.
    SHIPPED_CONFIG) gunicorn reads its settings from that file and ``workers`` and
    ``threads`` are not passed. ``environment``: more variables for the server."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "teilhabe.wsgi:application"]
    if config is not None:
        command += ["--config", str(config)]
    else:
        command += ["--workers", str(workers), "--threads", str(threads)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**server_environment(database_url), **(environment or {})},
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def hammer(port, paths, clients=20, seconds=10.0, max_requests=100_000):
    """``clients`` threads request ``paths`` round-robin for ``seconds``. Returns
    (requests per second, p50 ms, p99 ms, errors)."""
    latencies, errors = [], []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    counter = iter(range(max_requests))

    def client(offset):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        index = offset
        mine = []
        while time.monotonic() < stop_at and next(counter, None) is not None:
            path = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(f"{response.status} {path}")
            except (OSError, http.client.HTTPException) as error:
                errors.append(f"{error} {path}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    p50 = statistics.median(latencies) * 1000 if latencies else 0
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else 0
    return len(latencies) / elapsed, p50, p99, errors
