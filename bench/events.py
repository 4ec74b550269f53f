"""Benchmark of event registration under a rush (issue "Events", seats under load).

Creates an event with 50 seats (a new slug each run) in a PostgreSQL database of its
own, serves it with gunicorn (no rate limit) and lets 1,000 people register and confirm
at the same moment: each client thread fetches the form (CSRF cookie and token), waits
at a barrier, posts the registration, takes the confirmation link from the opt-in mail
in the outbox and posts the confirmation. Prints registrations per second, p50/p99
latency of both requests, and the seat count: confirmed − capacity must be 0.

    .venv/bin/python bench/events.py [--database-url URL] [--people 1000] [--workers 8]
"""

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import DEFAULT_DATABASE_URL, ROOT, gunicorn, server_environment  # noqa: E402

SEATS = 50
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONFIRM_LINK = re.compile(r"(/[\w-]+/veranstaltungen/anmeldung/[^/\s]+/bestaetigen/)")


def build(database_url):
    os.environ.update(server_environment(database_url))
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from teilhabe.events.models import Event
    from teilhabe.tenants.models import Municipality

    call_command("migrate", verbosity=0)
    municipality, _ = Municipality.objects.get_or_create(
        slug="bench", defaults={"name": "Benchstadt"}
    )
    starts = timezone.now() + timedelta(days=30)
    return Event.objects.create(
        municipality=municipality,
        title="Ansturm",
        slug=f"ansturm-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}",
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
        capacity=SEATS,
        status=Event.Status.PUBLISHED,
    )


class Client:
    """One person with their own cookies. Each request opens a new connection (as a
    browser would after gunicorn's short keep-alive), so all registrations really hit the
    server's accept queue at once."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, path, fields=None):
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            raise
        content = response.read().decode()
        self.connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return response.status, content


def confirm_link(email, deadline):
    """The confirmation path from the person's opt-in mail in the outbox."""
    from django.db import connection

    from teilhabe.mail.models import OutgoingMail

    try:
        while time.monotonic() < deadline:
            row = OutgoingMail.objects.filter(to=email, purpose="event_opt_in").first()
            if row:
                return CONFIRM_LINK.search(row.body_text).group(1)
            time.sleep(0.05)
        raise TimeoutError(f"no opt-in mail for {email}")
    finally:
        connection.close()


def rush(port, event, people, seconds):
    register_path = f"/{event.municipality.slug}/veranstaltungen/{event.slug}/anmelden/"
    barrier = threading.Barrier(people + 1)
    lock = threading.Lock()
    readers = threading.Semaphore(20)  # database connections of the client side
    warm_up = threading.Semaphore(20)
    register_ms, confirm_ms, errors, done = [], [], [], []

    def person(number):
        email = f"ansturm{number:04d}@example.org"
        client = Client(port)
        try:
            with warm_up:
                status, page = client.request("GET", register_path)
            if status != 200:
                raise RuntimeError(f"form {status}")
            csrf = CSRF_INPUT.search(page).group(1)
            fields = {"csrfmiddlewaretoken": csrf, "name": f"Person {number}"}
            fields.update(email=email, consent="on")
            barrier.wait(timeout=120)
            deadline = time.monotonic() + seconds
            started = time.perf_counter()
            status, _ = client.request("POST", register_path, fields)
            register = time.perf_counter() - started
            if status != 200:
                raise RuntimeError(f"register {status}")
            with readers:
                path = confirm_link(email, deadline)
            started = time.perf_counter()
            status, _ = client.request("POST", path, {"csrfmiddlewaretoken": csrf})
            confirm = time.perf_counter() - started
            if status != 302:
                raise RuntimeError(f"confirm {status}")
            with lock:
                register_ms.append(register * 1000)
                confirm_ms.append(confirm * 1000)
                done.append(time.monotonic())
        except Exception as error:  # noqa: BLE001 - counted and printed
            with lock:
                errors.append(f"{email}: {type(error).__name__}: {error}")
            barrier.abort()  # a failure before the start must not hang the others
        finally:
            client.connection.close()

    threads = [threading.Thread(target=person, args=(n,), daemon=True) for n in range(people)]
    for thread in threads:
        thread.start()
    try:
        barrier.wait(timeout=300)
    except threading.BrokenBarrierError:
        pass
    started = time.monotonic()
    for thread in threads:
        thread.join(timeout=max(0.1, started + seconds + 30 - time.monotonic()))
    elapsed = (max(done) if done else time.monotonic()) - started
    return register_ms, confirm_ms, errors, elapsed


def percentile(values, fraction):
    values = sorted(values)
    return values[max(0, int(len(values) * fraction) - 1)] if values else 0.0


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=120.0, help="time limit of the rush")
    args = parser.parse_args()

    database = args.database_url.rsplit("/", 1)[1]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], capture_output=True)
    event = build(args.database_url)
    os.environ["TEILHABE_RATE_LIMIT_PER_MINUTE"] = "0"  # inherited by the server
    with gunicorn(args.database_url, workers=args.workers, threads=args.threads) as port:
        register_ms, confirm_ms, errors, elapsed = rush(port, event, args.people, args.seconds)

    from teilhabe.events.models import Registration

    counts = {
        status: Registration.objects.filter(event=event, status=status).count()
        for status in Registration.Status.values
    }
    completed = len(confirm_ms)
    print(f"PostgreSQL, gunicorn {args.workers} workers × {args.threads} threads, ", end="")
    print(f"{args.people} people at once, event with {SEATS} seats ({event.slug})")
    print(f"completed (register + confirm): {completed} in {elapsed:.1f} s ", end="")
    print(f"= {completed / elapsed if elapsed else 0:.1f} registrations/s")
    print(f"{'request':<10} {'p50 ms':>8} {'p99 ms':>8}")
    for name, values in (("register", register_ms), ("confirm", confirm_ms)):
        p50 = statistics.median(values) if values else 0.0
        print(f"{name:<10} {p50:>8.1f} {percentile(values, 0.99):>8.1f}")
    print(f"confirmed {counts['confirmed']}, waiting {counts['waiting']}, ", end="")
    print(f"pending {counts['pending']}; overbooking (confirmed − capacity): ", end="")
    print(f"{counts['confirmed'] - SEATS}")
    print(f"errors: {len(errors)}")
    if errors:
        print("  first errors:", errors[:3])
    return 1 if counts["confirmed"] > SEATS or errors else 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
