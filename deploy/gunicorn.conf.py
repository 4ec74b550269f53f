"""Gunicorn settings for production, as measured by bench/events.py (README,
"Production server"). Run: gunicorn -c deploy/gunicorn.conf.py teilhabe.wsgi:application

Every number can be changed through the environment (GUNICORN_WORKERS, ...).
"""

import multiprocessing
import os


def _int(name, default):
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
wsgi_app = "teilhabe.wsgi:application"

# Threads in a few processes: a request spends much of its time waiting for the
# database (and a confirmation for the event's lock), so a process serves other
# requests meanwhile, and the queue of a rush waits in gunicorn, not in PostgreSQL.
# Processes: one per core and one more, so that one busy with Python leaves the others
# free. Each thread holds one database connection (CONN_MAX_AGE): workers × threads
# must stay well below PostgreSQL's max_connections (100 by default).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 8)

# A request that takes longer than this is stuck: its worker is restarted. Generous for
# the office's exports (PDF, Excel); a rush's requests take well under a second.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Keep a browser's connection open briefly (the form, then its post); behind a proxy
# (deploy/nginx.conf) the proxy's connections are reused.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Connections waiting for a thread: a rush of a thousand people queues here.
backlog = _int("GUNICORN_BACKLOG", 2048)
# Restart a worker now and then (memory held by rare large requests goes back),
# spread out so that not all restart at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 500)

loglevel = os.environ.get("LOG_LEVEL", "info").lower()
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
