"""Benchmark of the public pages against the machine's ceiling (issue 10, "Speed").

Builds the Dresden demo and a 600-measure cycle (``bench/plan.py``'s plan, in the
municipality ``benchstadt``) in a PostgreSQL database of its own
(``teilhabe_bench_pages``), serves them with gunicorn (4 sync workers, or
``deploy/gunicorn.conf.py`` once it exists) and loads every public page with wrk
(20 connections, a fixed number of seconds per page). The ceiling is nginx serving a
saved copy of the Dresden cycle page as a static file on the same machine.

Prints a markdown table: the SQL queries each page runs when it is rendered for an
anonymous visitor, and requests/s (with the share of the static ceiling) for four ways
of answering it: "rendered" (gunicorn alone, the application's page cache off: every
request runs the view and its template; p50 and p99 latency for this column), "app page
cache" (gunicorn alone as deployed: the page rendered once per content version, then
answered from the fragment cache), "proxy cache" (the shipped nginx, ``deploy/nginx.py``,
in front) and "304" (a conditional GET with the page's ``ETag``, straight to gunicorn).

    .venv/bin/python bench/pages.py [--database-url URL] [--seconds 5] [--only measure]
"""

import argparse
import contextlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import plan as plan_bench  # noqa: E402
from bench.load import ROOT, free_port, gunicorn, server_environment  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/teilhabe_bench_pages"
LARGE = "benchstadt"  # the municipality with the 600-measure cycle
LARGE_LANGUAGES = plan_bench.LANGUAGE_SETS["bench3"]
CONNECTIONS = 20
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
PROXY_MODULE = ROOT / "deploy" / "nginx.py"


# --- Data ---------------------------------------------------------------------------------


def build(database_url):
    """The Dresden demo and the 600-measure plan; both idempotent."""
    database = database_url.rsplit("/", 1)[1]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], capture_output=True)
    plan_bench.build(database_url, LARGE, LARGE_LANGUAGES)  # sets up Django and migrates
    from django.db import connection

    from teilhabe.demo.loader import load_dresden

    load_dresden()
    # Planner statistics and the visibility map, as autovacuum keeps them on a live
    # database (right after bulk inserts the planner guesses one row per table).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def public_pages():
    """(name, path) of every public page type: Dresden's, then the large plan's."""
    from teilhabe.directory.models import Organisation
    from teilhabe.events.models import Event
    from teilhabe.plan.models import ConceptCycle, Measure
    from teilhabe.tenants.models import Municipality

    dresden = Municipality.objects.get(slug="dresden")
    cycle = ConceptCycle.objects.for_municipality(dresden).public().order_by("-starts_on").first()
    field = cycle.fields.public().order_by("number").first()
    # The measure with the longest history: the heaviest measure page.
    measure = (
        Measure.objects.for_municipality(dresden)
        .public()
        .filter(cycle=cycle)
        .annotate(report_count=models_count("reports"))
        .order_by("-report_count", "code")
        .first()
    )
    event = Event.objects.for_municipality(dresden).public().order_by("-starts_at").first()
    organisation = Organisation.objects.for_municipality(dresden).published().order_by("pk").first()
    d, c = "/dresden", f"/dresden/plan/{cycle.slug}"
    large = f"/{LARGE}/plan/gross"
    return [
        ("landing", "/"),
        ("municipality home", f"{d}/"),
        ("cycle list", f"{d}/plan/"),
        ("cycle overview", f"{c}/"),
        ("timeline", f"{c}/zeitplan/"),
        ("field page", f"{c}/handlungsfelder/{field.slug}/"),
        ("measure list", f"{c}/massnahmen/"),
        ("measure page", f"{c}/massnahmen/{measure.code}/"),
        ("events list", f"{d}/veranstaltungen/"),
        ("event page", f"{d}/veranstaltungen/{event.slug}/"),
        ("directory list", f"{d}/verzeichnis/"),
        ("organisation profile", f"{d}/verzeichnis/organisationen/{organisation.slug}/"),
        ("departments", f"{d}/verzeichnis/aemter/"),
        ("600: municipality home", f"/{LARGE}/"),
        ("600: cycle list", f"/{LARGE}/plan/"),
        ("600: cycle overview", f"{large}/"),
        ("600: timeline", f"{large}/zeitplan/"),
        ("600: field page (≈55 measures)", f"{large}/handlungsfelder/feld-1/"),
        ("600: measure list", f"{large}/massnahmen/"),
        ("600: measure list, filtered, p. 2", f"{large}/massnahmen/?status=done&page=2"),
        ("600: measure page (20 reports)", f"{large}/massnahmen/1.1.1/"),
    ]


def models_count(name):
    from django.db.models import Count

    return Count(name)


def query_counts(pages):
    """SQL queries of each page for an anonymous visitor (Django's test client)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path in pages:
        with (
            CaptureQueriesContext(connection) as queries,
            override_settings(TEILHABE_PAGE_CACHE=False),
        ):
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{name}: {path} answers {response.status_code}")
        counts[name] = len(queries)
    return counts


# --- Servers ------------------------------------------------------------------------------


@contextlib.contextmanager
def app_server(database_url, workers, environment=None):
    """gunicorn as deployed: the shipped configuration once it exists, else ``workers``
    sync workers (bench/load.py). ``environment``: settings to change."""
    if not GUNICORN_CONF.exists():
        with gunicorn(database_url, workers=workers) as port:
            yield port, f"gunicorn, {workers} sync workers"
        return
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "teilhabe.wsgi:application", "-c", GUNICORN_CONF]
        + ["--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**server_environment(database_url), **(environment or {})},
    )
    try:
        wait_for(port)
        yield port, f"gunicorn with {GUNICORN_CONF.relative_to(ROOT)}"
    finally:
        process.terminate()
        process.wait(timeout=30)


STATIC_CONF = """
daemon off;
worker_processes auto;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    default_type text/html;
    sendfile on;
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/root;
    }}
}}
"""


@contextlib.contextmanager
def static_nginx(page_html):
    """nginx (unprivileged, in the foreground) serving ``page_html`` as /page.html."""
    with tempfile.TemporaryDirectory(prefix="teilhabe-bench-nginx-") as tmp:
        (Path(tmp) / "root").mkdir()
        (Path(tmp) / "root" / "page.html").write_bytes(page_html)
        port = free_port()
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(STATIC_CONF.format(tmp=tmp, port=port))
        process = subprocess.Popen([NGINX, "-c", str(conf), "-p", tmp], stderr=subprocess.PIPE)
        try:
            wait_for(port)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=10)


@contextlib.contextmanager
def proxy_cache(upstream_port):
    """The shipped reverse proxy in front of ``upstream_port``, or None before it exists."""
    if not PROXY_MODULE.exists():
        yield None
        return
    spec = importlib.util.spec_from_file_location("teilhabe_deploy_nginx", PROXY_MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    settings_static_root = Path(server_static_root())
    # As many worker processes as the static ceiling's nginx (auto: one per core).
    with module.running_nginx(upstream_port, settings_static_root, workers="auto") as port:
        yield port


def server_static_root():
    from django.conf import settings

    return settings.STATIC_ROOT


def wait_for(port, seconds=30):
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


# --- Load ---------------------------------------------------------------------------------

WRK_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
WRK_ERRORS = re.compile(r"Socket errors:.*")


def wrk_latency(output, percent):
    match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    value, unit = float(match.group(1)), match.group(2)
    return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(port, path, seconds, headers=()):
    """(requests/s, p50 ms, p99 ms, problems) of ``CONNECTIONS`` keep-alive connections
    asking for ``path`` for ``seconds``."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    result = subprocess.run(
        command + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    )
    # wrk stops without waiting for the requests in flight; the server still answers
    # them. One more request, then a second's pause, so that the next run starts on an
    # idle machine (without it, a run after a slow page's measured a third less).
    fetch(port, path)
    time.sleep(1)
    output = result.stdout
    problems = []
    if m := WRK_NON_2XX.search(output):
        problems.append(f"{m.group(1)} non-2xx/3xx")
    if m := WRK_ERRORS.search(output):
        problems.append(m.group(0).strip())
    rate = float(WRK_RATE.search(output).group(1))
    return rate, wrk_latency(output, 50), wrk_latency(output, 99), problems


def fetch(port, path, headers=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def conditional_get(port, path, seconds):
    """wrk with the page's own ETag as If-None-Match: None if the page has no ETag or
    does not answer 304 to it."""
    _status, headers, _body = fetch(port, path)
    etag = headers.get("ETag")
    if not etag or fetch(port, path, {"If-None-Match": etag})[0] != 304:
        return None
    return wrk(port, path, seconds, headers=[f"If-None-Match: {etag}"])


# --- Report -------------------------------------------------------------------------------


def machine():
    load = os.getloadavg()
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, `nproc` {os.cpu_count()}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )


def cell(result, ceiling=None):
    if result is None:
        return "—"
    rate = f"{result[0]:,.0f}"
    return f"{rate} ({result[0] / ceiling:.1%})" if ceiling else rate


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_PAGES_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--seconds", type=int, default=5, help="wrk's duration per page")
    parser.add_argument("--workers", type=int, default=4, help="without deploy/gunicorn.conf.py")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    args = parser.parse_args()

    build(args.database_url)
    pages = [(name, path) for name, path in public_pages() if args.only in name]
    counts = query_counts(pages)
    print(f"Start: {machine()}")
    print(
        f"Dresden demo (8 content languages) and a cycle of {plan_bench.MEASURES} measures "
        f"with {plan_bench.MEASURES * plan_bench.REPORTS:,} status reports ({LARGE}, "
        f"{len(LARGE_LANGUAGES)} content languages); PostgreSQL; wrk, {CONNECTIONS} "
        f"connections, {args.seconds} s per page."
    )
    results = {}
    # First pass: every request renders its page (the application's page cache off).
    rendering = {"TEILHABE_PAGE_CACHE": "false"}
    with app_server(args.database_url, args.workers, rendering) as (port, server):
        for _name, path in pages:  # warm up every worker's caches and connections
            wrk(port, path, 1)
        _status, _headers, cycle_page = fetch(port, dict(public_pages())["cycle overview"])
        with static_nginx(cycle_page) as static_port:
            ceiling = wrk(static_port, "/page.html", args.seconds)
        for name, path in pages:
            results[name] = {
                "rendered": wrk(port, path, args.seconds),
                "304": conditional_get(port, path, args.seconds),
            }
    # Second pass: as deployed, the page cache on; alone and behind the shipped proxy.
    with app_server(args.database_url, args.workers) as (port, _server):
        for _name, path in pages:
            wrk(port, path, 1)  # renders once and stores the page
        with proxy_cache(port) as proxy_port:
            for name, path in pages:
                results[name]["stored"] = wrk(port, path, args.seconds)
                results[name]["proxy"] = None
                if proxy_port is not None:
                    fetch(proxy_port, path)  # fill the cache
                    results[name]["proxy"] = wrk(proxy_port, path, args.seconds)

    print(f"Server: {server}. Ceiling: nginx serving the saved cycle page ", end="")
    print(f"({len(cycle_page):,} bytes) as a static file. Requests/s, in brackets the share ")
    print("of the static ceiling.\n")
    print("| page | SQL queries | rendered, requests/s | p50 ms | p99 ms ", end="")
    print("| app page cache, requests/s | proxy cache, requests/s | 304, requests/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| static page from nginx | | {ceiling[0]:,.0f} | {ceiling[1]:.1f} ", end="")
    print(f"| {ceiling[2]:.1f} | | | |")
    problems = []
    for name, _path in pages:
        r = results[name]
        print(
            f"| {name} | {counts[name]} | {cell(r['rendered'], ceiling[0])} "
            f"| {r['rendered'][1]:.1f} | {r['rendered'][2]:.1f} "
            f"| {cell(r['stored'], ceiling[0])} | {cell(r['proxy'], ceiling[0])} "
            f"| {cell(r['304'], ceiling[0])} |",
            flush=True,
        )
        for result in r.values():
            if result and result[3]:
                problems.append(f"{name}: {', '.join(result[3])}")
    print(f"\nEnd: {machine()}")
    for problem in problems:
        print("Problem:", problem)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
