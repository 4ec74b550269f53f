"""Benchmark of a registration rush (issue 10): people register for an event with few
seats and confirm with the link of their opt-in mail, many requests in flight at once.

Each trial creates an event (a new slug) in a PostgreSQL database of its own. The app
runs under gunicorn with the shipped settings (deploy/gunicorn.conf.py), real worker
processes (``manage.py worker``, two by default) write and send the mails to a real SMTP
server (bench/smtp_sink.py, aiosmtpd), and the mails are counted there. Also printed:
the CPU milliseconds per request of server, database, workers and load generator during
the timed phases (from /proc), which other work on the machine does not change much.

The load: one asyncio process, one HTTP/1.1 connection per request (as a browser after
the server's keep-alive ran out), at most ``--in-flight`` requests at a time.
1. Untimed: every person fetches the form (CSRF cookie and token).
2. Timed: every person posts the registration.
3. Untimed: wait until every opt-in mail has arrived at the SMTP server; each person's
   confirmation link is taken from their mail.
4. Timed: every person posts the confirmation.
5. Untimed: wait for the confirmation and waiting-list mails, then count.
requests/s = (registrations + confirmations) / (time of 2 + time of 4); p50 and p99 over
both. Overbooked = confirmed - seats (must be 0). Mails: every person must have exactly
one opt-in mail and exactly one mail with a seat or a waiting-list place.

    .venv/bin/python bench/events.py [--people 200 1000] [--in-flight 100] [--seats 50]
"""

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import (  # noqa: E402
    DEFAULT_DATABASE_URL,
    ROOT,
    SHIPPED_CONFIG,
    free_port,
    gunicorn,
    server_environment,
)

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONFIRM_LINK = re.compile(r"(/[\w-]+/veranstaltungen/anmeldung/[^/\s]+/bestaetigen/)")
# The subjects (German, the language the people register in) name the mail's purpose.
SUBJECTS = {
    "opt_in": "Please confirm your registration",
    "confirmed": "Your registration is confirmed",
    "waiting": "You are on the waiting list",
}


def setup_django(database_url):
    os.environ.update(server_environment(database_url))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def subjects():
    from django.utils import translation

    with translation.override("de"):
        return {translation.gettext(text): kind for kind, text in SUBJECTS.items()}


def build_event(seats, people):
    from datetime import timedelta

    from django.utils import timezone

    from teilhabe.events.models import Event
    from teilhabe.tenants.models import Municipality

    municipality, _ = Municipality.objects.get_or_create(
        slug="bench", defaults={"name": "Benchstadt"}
    )
    starts = timezone.now() + timedelta(days=30)
    return Event.objects.create(
        municipality=municipality,
        title=f"Ansturm {people}",
        slug=f"ansturm-{people}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}",
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
        capacity=seats,
        status=Event.Status.PUBLISHED,
    )


# --- CPU time, whatever else the machine is doing -------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid):
    try:
        with open(f"/proc/{pid}/stat") as file:
            fields = file.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/cmdline", "rb") as file:
            command = file.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None
    # After the command: state ppid ... utime (12th) stime (13th).
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS, command


def cpu_seconds(database):
    """CPU seconds used so far by the app server (gunicorn), the worker, the database
    backends of the benchmark's database and this load generator."""
    stats = {int(pid): _stat(pid) for pid in os.listdir("/proc") if pid.isdigit()}
    stats = {pid: stat for pid, stat in stats.items() if stat}
    mine, found = {os.getpid()}, True
    while found:
        found = {pid for pid, (ppid, _, _) in stats.items() if ppid in mine and pid not in mine}
        mine |= found
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database])
        backends = {pid for (pid,) in cursor.fetchall()}
    used = Counter()
    for pid, (_, seconds, command) in stats.items():
        if pid in backends:
            # Per backend: one that started during a phase counts from zero.
            used[f"database backend {pid}"] += seconds
        elif pid in mine and "gunicorn" in command:
            used["server"] += seconds
        elif pid in mine and "manage.py worker" in command:
            used["worker"] += seconds
    used["load generator"] = time.process_time()
    return used


def add_cpu(total, before, after):
    """Add the CPU seconds used between ``before`` and ``after`` to ``total``, the
    database backends' summed up (a backend closed meanwhile is not counted)."""
    for name, seconds in after.items():
        used = seconds - before.get(name, 0.0)
        total["database" if name.startswith("database backend") else name] += used


# --- The load generator -------------------------------------------------------------------


async def request(port, method, path, cookies, fields=None):
    """One request on a new connection. Returns (status, headers, body, seconds)."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    body = urlencode(fields).encode() if fields is not None else b""
    head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    if cookies:
        head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
    if fields is not None:
        head.append("Content-Type: application/x-www-form-urlencoded")
        head.append(f"Content-Length: {len(body)}")
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
    response = await reader.read()
    seconds = time.perf_counter() - started
    writer.close()
    head, _, content = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = [line.split(": ", 1) for line in lines[1:] if ": " in line]
    for name, value in headers:
        if name.lower() == "set-cookie":
            for key, morsel in SimpleCookie(value).items():
                cookies[key] = morsel.value
    return status, headers, content.decode(errors="replace"), seconds


async def run_all(jobs, in_flight):
    """Run the coroutine functions ``jobs`` with at most ``in_flight`` at a time.
    Returns (results, wall seconds)."""
    gate = asyncio.Semaphore(in_flight)

    async def one(job):
        async with gate:
            try:
                return await job()
            except Exception as error:  # noqa: BLE001 - counted as an error
                return error

    started = time.perf_counter()
    results = await asyncio.gather(*(one(job) for job in jobs))
    return results, time.perf_counter() - started


class Mailbox:
    """The SMTP server's file of received mails, read as it grows."""

    def __init__(self, path, kinds):
        self.path, self.kinds, self.offset = path, kinds, 0
        self.mails = defaultdict(list)  # address -> [(kind, text)]

    def read(self):
        with open(self.path, encoding="utf-8") as file:
            file.seek(self.offset)
            for line in file:
                if not line.endswith("\n"):
                    break
                self.offset += len(line.encode())
                mail = json.loads(line)
                kind = self.kinds.get(mail["subject"], mail["subject"])
                self.mails[mail["to"]].append((kind, mail["text"]))

    def count_for(self, emails, kind):
        return sum(1 for e in emails for k, _ in self.mails[e] if k == kind)

    def wait_for(self, predicate, seconds):
        """Read until ``predicate()``; returns the seconds waited (None on timeout)."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            self.read()
            if predicate():
                return time.monotonic() - started
            time.sleep(0.1)
        return None


def trial(port, mailbox, people, in_flight, seats, seconds, database):
    event = build_event(seats, people)
    path = f"/{event.municipality.slug}/veranstaltungen/{event.slug}/anmelden/"
    emails = [f"ansturm-{event.pk}-{n:04d}@example.org" for n in range(people)]
    cookies = [{} for _ in emails]
    tokens, errors = {}, []

    async def form(n):
        status, _, page, _ = await request(port, "GET", path, cookies[n])
        if status != 200:
            raise RuntimeError(f"form {status}")
        tokens[n] = CSRF_INPUT.search(page).group(1)

    async def register(n):
        fields = {"csrfmiddlewaretoken": tokens[n], "name": f"Person {n}", "email": emails[n]}
        fields["consent"] = "on"
        status, _, _, seconds = await request(port, "POST", path, cookies[n], fields)
        if status != 200:
            raise RuntimeError(f"register {status}")
        return seconds

    async def confirm(n, link):
        fields = {"csrfmiddlewaretoken": tokens[n]}
        status, _, _, seconds = await request(port, "POST", link, cookies[n], fields)
        if status != 302:
            raise RuntimeError(f"confirm {status}")
        return seconds

    def timings(results, what):
        times = [r for r in results if isinstance(r, float)]
        errors.extend(f"{what}: {r}" for r in results if not isinstance(r, float))
        return times

    results, _ = asyncio.run(run_all([lambda n=n: form(n) for n in range(people)], 20))
    errors.extend(f"form: {r}" for r in results if isinstance(r, Exception))
    ready = [n for n in range(people) if n in tokens]

    cpu = Counter()
    before = cpu_seconds(database)
    results, register_wall = asyncio.run(
        run_all([lambda n=n: register(n) for n in ready], in_flight)
    )
    add_cpu(cpu, before, cpu_seconds(database))
    register_s = timings(results, "register")

    def opt_ins_arrived():
        return all(any(k == "opt_in" for k, _ in mailbox.mails[e]) for e in emails)

    opt_in_wait = mailbox.wait_for(opt_ins_arrived, seconds)
    links = {}
    for n, address in enumerate(emails):
        for kind, text in mailbox.mails[address]:
            if kind == "opt_in":
                links[n] = CONFIRM_LINK.search(text).group(1)
    before = cpu_seconds(database)
    results, confirm_wall = asyncio.run(
        run_all([lambda n=n: confirm(n, links[n]) for n in sorted(links)], in_flight)
    )
    add_cpu(cpu, before, cpu_seconds(database))
    confirm_s = timings(results, "confirm")

    def answers_arrived():
        return all(any(k in ("confirmed", "waiting") for k, _ in mailbox.mails[e]) for e in emails)

    answer_wait = mailbox.wait_for(answers_arrived, seconds)
    time.sleep(2)  # anything sent twice would arrive now
    mailbox.read()

    from teilhabe.events.models import Registration

    statuses = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    per_person = Counter()
    for address in emails:
        kinds = Counter(k for k, _ in mailbox.mails[address])
        answers = kinds["confirmed"] + kinds["waiting"]
        per_person["exactly once" if kinds["opt_in"] == 1 and answers == 1 else "wrong"] += 1
    latencies = sorted(register_s + confirm_s)
    wall = register_wall + confirm_wall
    return {
        "people": people,
        "in_flight": in_flight,
        "seats": seats,
        "requests": len(latencies),
        "rps": len(latencies) / wall if wall else 0.0,
        "p50": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p99": latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000 if latencies else 0.0,
        "register_p50": statistics.median(register_s) * 1000 if register_s else 0.0,
        "confirm_p50": statistics.median(confirm_s) * 1000 if confirm_s else 0.0,
        "confirmed": statuses[Registration.Status.CONFIRMED],
        "waiting": statuses[Registration.Status.WAITING],
        "overbooked": statuses[Registration.Status.CONFIRMED] - seats,
        "mails_opt_in": mailbox.count_for(emails, "opt_in"),
        "mails_confirmed": mailbox.count_for(emails, "confirmed"),
        "mails_waiting": mailbox.count_for(emails, "waiting"),
        "exactly_once": per_person["exactly once"],
        "opt_in_wait": opt_in_wait,
        "answer_wait": answer_wait,
        "errors": errors,
        # CPU milliseconds per request during the timed phases, by process.
        "cpu_ms": {k: v * 1000 / len(latencies) for k, v in cpu.items()} if latencies else {},
    }


# --- Processes ------------------------------------------------------------------------------


@contextmanager
def smtp_sink(path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "smtp_sink.py"), str(port), str(path)], cwd=ROOT
    )
    try:
        time.sleep(1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def mail_environment(smtp_port):
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
    }


@contextmanager
def workers(database_url, smtp_port, interval, count):
    """``count`` real worker processes (``manage.py worker``) sending to the SMTP port."""
    environment = {**server_environment(database_url), **mail_environment(smtp_port)}
    command = [sys.executable, "manage.py", "worker", "--interval", str(interval), "-v", "0"]
    processes = [subprocess.Popen(command, cwd=ROOT, env=environment) for _ in range(count)]
    try:
        yield processes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)


def machine():
    load = os.getloadavg()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "load": " ".join(f"{x:.2f}" for x in load),
    }


def table(results, before, after, config, mail_workers):
    lines = [
        f"{before['date']}, {before['nproc']} cores, load average before "
        f"{before['load']}, after {after['load']}; PostgreSQL; gunicorn {config}; "
        f"{mail_workers} worker processes; mails to aiosmtpd",
        "",
        "| people | in flight | seats | requests | requests/s | p50 ms | p99 ms "
        "| register p50 | confirm p50 | confirmed | waiting | overbooked "
        "| opt-in / seat / waiting mails | exactly once | errors |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['people']} | {r['in_flight']} | {r['seats']} | {r['requests']} "
            f"| {r['rps']:.0f} | {r['p50']:.0f} | {r['p99']:.0f} | {r['register_p50']:.0f} "
            f"| {r['confirm_p50']:.0f} | {r['confirmed']} | {r['waiting']} "
            f"| {r['overbooked']} | {r['mails_opt_in']} / {r['mails_confirmed']} / "
            f"{r['mails_waiting']} | {r['exactly_once']} of {r['people']} "
            f"| {len(r['errors'])} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--people", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--in-flight", type=int, default=100)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--config", default=str(SHIPPED_CONFIG), help="gunicorn settings")
    parser.add_argument("--worker-interval", type=float, default=0.2)
    parser.add_argument("--conn-max-age", default="60", help="DATABASE_CONN_MAX_AGE of the server")
    parser.add_argument("--mail-workers", type=int, default=2, help="worker processes")
    parser.add_argument("--seconds", type=float, default=600.0, help="limit of each wait")
    args = parser.parse_args()

    database = args.database_url.rsplit("/", 1)[1]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], capture_output=True)
    setup_django(args.database_url)
    kinds = subjects()
    os.environ["TEILHABE_RATE_LIMIT_PER_MINUTE"] = "0"  # inherited by server and worker
    server_settings = {
        **mail_environment(0),  # the server sends no mail itself
        "DATABASE_CONN_MAX_AGE": args.conn_max_age,
    }
    config = Path(args.config).relative_to(ROOT) if Path(args.config).is_absolute() else args.config
    before = machine()
    results = []
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "mails.jsonl"
        path.touch()
        with (
            smtp_sink(path) as smtp_port,
            gunicorn(args.database_url, config=args.config, environment=server_settings) as port,
            workers(args.database_url, smtp_port, args.worker_interval, args.mail_workers),
        ):
            mailbox = Mailbox(path, kinds)
            for people in args.people:
                results.append(
                    trial(port, mailbox, people, args.in_flight, args.seats, args.seconds, database)
                )
    after = machine()
    settings = [os.environ.get(f"GUNICORN_{n}") for n in ("WORKERS", "THREADS")]
    described = f"{config}, CONN_MAX_AGE {args.conn_max_age}" + (
        f" (GUNICORN_WORKERS={settings[0]}, GUNICORN_THREADS={settings[1]})"
        if any(settings)
        else ""
    )
    print(table(results, before, after, described, args.mail_workers))
    for r in results:
        waits = f"opt-in mails all in {r['opt_in_wait']}s, answers all in {r['answer_wait']}s"
        print(f"\n{r['people']} people: {waits}")
        cpu = ", ".join(f"{k} {v:.1f}" for k, v in sorted(r["cpu_ms"].items()))
        print(f"  CPU ms per request (register and confirm phases): {cpu}")
        if r["errors"]:
            print("  first errors:", r["errors"][:3])
    failed = any(
        r["overbooked"] > 0 or r["errors"] or r["exactly_once"] != r["people"] for r in results
    )
    return 1 if failed else 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
