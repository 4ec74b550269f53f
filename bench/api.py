"""Benchmark of the REST API's lists (issue 13, "Speed": "API list endpoints run a fixed
number of queries").

Builds a large municipality (``apistadt``, 3 content languages) in a PostgreSQL
database of its own (``teilhabe_bench_api``, bulk inserts, once): 30 departments, a
cycle with 11 fields of action, 110 goals, 2,000 measures with 3 status reports each,
500 organisations (2 activities and 2 languages each), 300 events (half of them past,
each with a programme item), 50 bodies (12 members and 6 meetings each, half of them
public, with their agenda). Then, per list endpoint, its first page and a deep page
(50 items each, the default): the SQL queries it runs (in-process, Django's test
client), and requests/s with the median and p99 latency under wrk (20 connections)
against gunicorn (4 sync workers, the application's page cache off: every request runs
the endpoint).

    .venv/bin/python bench/api.py [--database-url URL] [--seconds 3] [--only bodies]
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import gunicorn, server_environment  # noqa: E402
from bench.pages import fetch, wrk  # noqa: E402
from bench.plan import in_languages  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/teilhabe_bench_api"
SLUG = "apistadt"
LANGUAGES = ["de", "de-x-simple", "en"]
DEPARTMENTS, FIELDS, GOALS, MEASURES, REPORTS = 30, 11, 110, 2_000, 3
ORGANISATIONS, EVENTS, BODIES = 500, 300, 50
MEMBERS, MEETINGS = 12, 6
PAGE = 50  # the API's default page size


def t(german):
    return in_languages(german, LANGUAGES)


def build(database_url):
    """The large municipality; nothing if it exists already."""
    os.environ.update(server_environment(database_url))
    # The query counts are those of a request that runs the endpoint (not of the page
    # cache's answer).
    os.environ["TEILHABE_PAGE_CACHE"] = "false"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from teilhabe.tenants.models import Municipality

    call_command("migrate", verbosity=0)
    municipality, created = Municipality.objects.get_or_create(
        slug=SLUG, defaults={"name": "API-Stadt", "content_languages": LANGUAGES}
    )
    if not created:
        return municipality
    started = time.monotonic()
    with transaction.atomic():
        departments = _plan(municipality)
        organisations = _directory(municipality)
        _events(municipality)
        _bodies(municipality, departments, organisations)
    # Planner statistics, as autovacuum keeps them on a live database.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"Built in {time.monotonic() - started:.0f} s")
    return municipality


def _plan(m):
    from teilhabe.directory.models import Department
    from teilhabe.plan.models import (
        ConceptCycle,
        FieldOfAction,
        Goal,
        Measure,
        Phase,
        Status,
        StatusReport,
    )

    departments = Department.objects.bulk_create(
        Department(municipality=m, number=str(10 + i), name=t(f"Amt {10 + i}"))
        for i in range(DEPARTMENTS)
    )
    cycle = ConceptCycle.objects.create(
        municipality=m,
        title=t("Aktionsplan"),
        slug="plan",
        starts_on=date(2021, 1, 1),
        ends_on=date(2026, 12, 31),
        phase=Phase.IMPLEMENTATION,
    )
    fields = FieldOfAction.objects.bulk_create(
        FieldOfAction(
            municipality=m,
            cycle=cycle,
            number=i + 1,
            slug=f"feld-{i + 1}",
            title=t(f"Handlungsfeld {i + 1}"),
        )
        for i in range(FIELDS)
    )
    goals = Goal.objects.bulk_create(
        Goal(
            municipality=m,
            field=fields[i % FIELDS],
            code=f"{i % FIELDS + 1}.{i // FIELDS + 1}",
            title=t(f"Ziel {i}"),
        )
        for i in range(GOALS)
    )
    measures = Measure.objects.bulk_create(
        Measure(
            municipality=m,
            cycle=cycle,
            goal=goals[i % GOALS],
            code=f"{goals[i % GOALS].code}.{i // GOALS + 1}",
            title=t(f"Maßnahme Nummer {i}"),
            description=t("Beschreibung " * 30),
            search_text=f"massnahme nummer {i}",
        )
        for i in range(MEASURES)
    )
    through = Measure.lead_departments.through
    through.objects.bulk_create(
        through(measure=measure, department=departments[i % DEPARTMENTS])
        for i, measure in enumerate(measures)
    )
    statuses = list(Status)
    StatusReport.objects.bulk_create(
        StatusReport(
            municipality=m,
            measure=measure,
            reported_on=date(2022, 1, 1) + timedelta(days=120 * r),
            status=statuses[(i + r) % len(statuses)],
            progress=min(100, r * 30),
            text="Sachstand " * 20,
            author_department=departments[i % DEPARTMENTS],
        )
        for i, measure in enumerate(measures)
        for r in range(REPORTS)
    )
    for measure in measures:
        measure.latest_report = measure.reports.order_by("-reported_on", "-id").first()
    Measure.objects.bulk_update(measures, ["latest_report"], batch_size=500)
    return departments


def _directory(m):
    from teilhabe.directory.models import ActivityField, Language, Organisation

    organisations = Organisation.objects.bulk_create(
        Organisation(
            municipality=m,
            name=f"Verein Nummer {i} e. V.",
            slug=f"verein-{i}",
            type=Organisation.Type.MIGRANT,
            description=t("Ein Verein, der Menschen beim Ankommen hilft."),
            search_text=f"verein nummer {i}",
        )
        for i in range(ORGANISATIONS)
    )
    activities = list(ActivityField.objects.all()[:6])
    languages = list(Language.objects.all()[:6])
    for relation, choices, name in (
        (Organisation.activities, activities, "activityfield"),
        (Organisation.languages, languages, "language"),
    ):
        if not choices:
            continue
        through = relation.through
        through.objects.bulk_create(
            through(organisation=o, **{name: choices[(i + k) % len(choices)]})
            for i, o in enumerate(organisations)
            for k in range(2)
        )
    return organisations


def _events(m):
    from django.utils import timezone

    from teilhabe.events.models import Event, ProgrammeItem, Venue

    venue = Venue.objects.create(
        municipality=m, name="Rathaus", street="Dr.-Külz-Ring 19", postal_code="01067", city="X"
    )
    now = timezone.now()
    events = Event.objects.bulk_create(
        Event(
            municipality=m,
            title=t(f"Werkstatt {i}"),
            slug=f"werkstatt-{i}",
            description=t("Wir sprechen über das Ankommen in der Stadt. " * 5),
            starts_at=now + timedelta(days=i - EVENTS // 2),
            ends_at=now + timedelta(days=i - EVENTS // 2, hours=3),
            venue=venue,
            capacity=50,
            status=Event.Status.PUBLISHED,
        )
        for i in range(EVENTS)
    )
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(event=e, starts_at=e.starts_at, title=t("Begrüßung")) for e in events
    )


def _bodies(m, departments, organisations):
    from django.utils import timezone

    from teilhabe.bodies.models import AgendaItem, Body, Meeting, Membership, Person

    bodies = Body.objects.bulk_create(
        Body(
            municipality=m,
            name=t(f"Arbeitsgruppe {i}"),
            short_name=f"AG {i}",
            slug=f"ag-{i}",
            description=t("Die Gruppe begleitet die Umsetzung."),
            starts_on=date(2021, 1, 1),
            managed_by=departments[i % DEPARTMENTS],
        )
        for i in range(BODIES)
    )
    persons = Person.objects.bulk_create(
        Person(municipality=m, name=f"Person {i}", name_is_public=bool(i % 2))
        for i in range(BODIES * 4)
    )
    memberships = []
    for i, body in enumerate(bodies):
        members = (
            [{"organisation": organisations[(i * 6 + k) % ORGANISATIONS]} for k in range(6)]
            + [{"department": departments[(i + k) % DEPARTMENTS]} for k in range(2)]
            + [{"person": persons[i * 4 + k]} for k in range(MEMBERS - 8)]
        )
        memberships += [
            Membership(body=body, starts_on=date(2021, 1, 1), **member) for member in members
        ]
    Membership.objects.bulk_create(memberships)
    now = timezone.now()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            municipality=m,
            body=body,
            starts_at=now + timedelta(days=30 * (k - MEETINGS // 2)),
            place="Rathaus, Raum 12",
            is_public=bool(k % 2),
        )
        for body in bodies
        for k in range(MEETINGS)
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=k, title=f"Punkt {k}")
        for meeting in meetings
        for k in range(3)
    )


def lists():
    """(name, address, paginated) of every list endpoint; the short lists of departments
    and cycles are not paginated."""
    api, cycle = f"/api/v1/{SLUG}", f"/api/v1/{SLUG}/cycles/plan"
    return [
        ("departments", f"{api}/departments", False),
        ("cycles", f"{api}/cycles", False),
        ("goals", f"{cycle}/goals", True),
        ("measures", f"{cycle}/measures", True),
        ("measures, 2 filters", f"{cycle}/measures?field=3&reported_since=2022-05-01", True),
        ("measures, search", f"{cycle}/measures?q=nummer", True),
        ("status reports", f"{cycle}/reports", True),
        ("organisations", f"{api}/organisations", True),
        ("events", f"{api}/events", True),
        ("bodies", f"{api}/bodies", True),
    ]


def deep_page(path, count):
    """The address of the last full page of a list of ``count`` items."""
    return f"{path}{'&' if '?' in path else '?'}offset={max(0, count - PAGE)}"


def query_count(path):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path)  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    answer = response.json()
    if isinstance(answer, dict):
        return len(queries), len(answer["items"]), answer["count"]
    return len(queries), len(answer), len(answer)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--seconds", type=int, default=3, help="wrk's duration per address")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--only", help="only the lists whose name contains this")
    args = parser.parse_args()

    database = args.database_url.rsplit("/", 1)[1]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], capture_output=True)
    build(args.database_url)
    endpoints = [e for e in lists() if not args.only or args.only in e[0]]
    print(
        f"Data: {MEASURES:,} measures ({MEASURES * REPORTS:,} status reports), "
        f"{ORGANISATIONS} organisations, {EVENTS} events, {BODIES} bodies "
        f"({MEMBERS} members, {MEETINGS} meetings each); PostgreSQL; gunicorn "
        f"{args.workers} sync workers, page cache off; wrk, 20 connections, "
        f"{args.seconds} s per address; {date.today().isoformat()}, nproc {os.cpu_count()}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    rows = []
    environment = {"TEILHABE_PAGE_CACHE": "false"}
    with gunicorn(args.database_url, workers=args.workers, environment=environment) as port:
        for name, first, paginated in endpoints:
            pages = [("first", first)]
            if paginated:
                pages.append(("deep", deep_page(first, query_count(first)[2])))
            for page, path in pages:
                queries, items, _count = query_count(path)
                for _ in range(2 * args.workers):  # warm the workers
                    fetch(port, path)
                rate, p50, p99, problems = wrk(port, path, args.seconds)
                rows.append((name, page, items, queries, rate, p50, p99, problems))
                print(f"  {name}, {page} page: {rate:.1f} requests/s", file=sys.stderr)
    print()
    print("| list | page | items | SQL queries | requests/s | p50 ms | p99 ms | errors |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for name, page, items, queries, rate, p50, p99, problems in rows:
        print(
            f"| {name} | {page} | {items} | {queries} | {rate:.1f} | {p50:.0f} | {p99:.0f} "
            f"| {', '.join(problems) or 0} |"
        )


if __name__ == "__main__":
    main()
