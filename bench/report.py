"""Benchmark of the implementation report (issue 13, speed).

Builds, in a PostgreSQL database of its own (``teilhabe_bench_report``), a municipality
with four cycles of 11 fields of action and 150, 300, 600 and 1,200 measures, each
measure with 20 status reports (12,000 for 600 measures; the newest one highlighted),
50 funding lines with six yearly amounts per cycle, 100 events with registrations and
30 public bodies with 10 members. Bulk inserts, not the services.

Prints, per cycle, the SQL queries and the time of the web page (the live report,
in-process with Django's test client, each request a new period so no cache answers)
and of the PDF the worker lays out (``services.render``: the data, the charts and
WeasyPrint), best of ``--runs``.

    .venv/bin/python bench/report.py [--database-url URL] [--runs 3]
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import server_environment  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/teilhabe_bench_report"
SLUG = "berichtsstadt"
SIZES = [150, 300, 600, 1200]
FIELDS, REPORTS, LINES, EVENTS, BODIES, MEMBERS = 11, 20, 50, 100, 30, 10


def build(database_url):
    os.environ.update(server_environment(database_url))
    os.environ["DJANGO_SETTINGS_MODULE"] = "teilhabe.settings.production"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from teilhabe.bodies.models import Body, Membership
    from teilhabe.directory.models import Department, Organisation
    from teilhabe.events.models import Event, Registration
    from teilhabe.plan.models import (
        ConceptCycle,
        FieldOfAction,
        FundingAmount,
        FundingLine,
        Goal,
        Measure,
        Phase,
        Status,
        StatusReport,
    )
    from teilhabe.tenants.models import Municipality

    call_command("migrate", verbosity=0)
    municipality, _ = Municipality.objects.get_or_create(
        slug=SLUG, defaults={"name": "Berichtsstadt"}
    )
    if ConceptCycle.objects.filter(municipality=municipality).count() == len(SIZES):
        return municipality
    with transaction.atomic():
        departments = Department.objects.bulk_create(
            Department(municipality=municipality, number=str(10 + i), name={"de": f"Amt {10 + i}"})
            for i in range(30)
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(municipality=municipality, name=f"Verein {i} e. V.", slug=f"verein-{i}")
            for i in range(MEMBERS)
        )
        for size in SIZES:
            cycle = ConceptCycle.objects.create(
                municipality=municipality,
                title={"de": f"Aktionsplan mit {size} Maßnahmen"},
                slug=f"plan-{size}",
                starts_on=date(2021, 1, 1),
                ends_on=date(2026, 12, 31),
                phase=Phase.IMPLEMENTATION,
                summary={"de": "Ziele und Maßnahmen. " * 20},
            )
            fields = FieldOfAction.objects.bulk_create(
                FieldOfAction(
                    municipality=municipality,
                    cycle=cycle,
                    number=i + 1,
                    slug=f"feld-{i + 1}",
                    title={"de": f"Handlungsfeld {i + 1}"},
                )
                for i in range(FIELDS)
            )
            goals = Goal.objects.bulk_create(
                Goal(municipality=municipality, field=f, code=f"{f.number}.1", title={"de": "Ziel"})
                for f in fields
            )
            measures = Measure.objects.bulk_create(
                Measure(
                    municipality=municipality,
                    cycle=cycle,
                    goal=goals[i % FIELDS],
                    code=f"{goals[i % FIELDS].code}.{i // FIELDS + 1}",
                    title={"de": f"Maßnahme Nummer {i}"},
                    description={"de": "Beschreibung " * 30},
                    intercultural_opening=i % 10 == 0,
                )
                for i in range(size)
            )
            through = Measure.lead_departments.through
            through.objects.bulk_create(
                through(measure=m, department=departments[i % len(departments)])
                for i, m in enumerate(measures)
            )
            statuses = list(Status)
            reports = StatusReport.objects.bulk_create(
                StatusReport(
                    municipality=municipality,
                    measure=m,
                    reported_on=date(2021, 1, 1) + timedelta(days=30 * r),
                    status=statuses[(i + r) % len(statuses)],
                    progress=100 if statuses[(i + r) % len(statuses)] == Status.DONE else 40,
                    text="Sachstand der Arbeit mit Ergebnissen. " * 6,
                    is_highlight=r == REPORTS - 1,
                )
                for i, m in enumerate(measures)
                for r in range(REPORTS)
            )
            for i, m in enumerate(measures):
                m.latest_report = reports[i * REPORTS + REPORTS - 1]
            Measure.objects.bulk_update(measures, ["latest_report"])
            lines = FundingLine.objects.bulk_create(
                FundingLine(
                    municipality=municipality,
                    cycle=cycle,
                    title={"de": f"Förderlinie {i}"},
                    department=departments[i % len(departments)],
                )
                for i in range(LINES)
            )
            FundingAmount.objects.bulk_create(
                FundingAmount(line=line, year=2021 + y, amount=10_000 + 500 * y)
                for line in lines
                for y in range(6)
            )
            bodies = Body.objects.bulk_create(
                Body(
                    municipality=municipality,
                    name={"de": f"Gremium {i}"},
                    slug=f"gremium-{size}-{i}",
                    starts_on=date(2021, 1, 1),
                )
                for i in range(BODIES)
            )
            for body in bodies:
                body.cycles.add(cycle)
            Membership.objects.bulk_create(
                Membership(body=body, organisation=o, starts_on=date(2021, 1, 1))
                for body in bodies
                for o in organisations
            )
        events = Event.objects.bulk_create(
            Event(
                municipality=municipality,
                title={"de": f"Werkstatt {i}"},
                slug=f"werkstatt-{i}",
                starts_at=datetime(2022, 1, 1, 10, tzinfo=UTC) + timedelta(days=7 * i),
                ends_at=datetime(2022, 1, 1, 12, tzinfo=UTC) + timedelta(days=7 * i),
                status=Event.Status.PUBLISHED,
            )
            for i in range(EVENTS)
        )
        Registration.objects.bulk_create(
            Registration(
                municipality=municipality,
                event=e,
                name=f"Person {i}",
                email=f"p{i}@example.org",
                status=Registration.Status.CONFIRMED,
            )
            for e in events
            for i in range(20)
        )
    return municipality


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    database = args.database_url.rsplit("/", 1)[1]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], capture_output=True)
    municipality = build(args.database_url)

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    from teilhabe.plan.models import ConceptCycle
    from teilhabe.reports import services
    from teilhabe.reports.models import Report

    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'measures':>9} {'queries':>8} {'web page (s)':>13} {'PDF (s)':>8} {'PDF (kB)':>9}")
    for size in SIZES:
        cycle = ConceptCycle.objects.get(municipality=municipality, slug=f"plan-{size}")
        page_times, pdf_times = [], []
        with override_settings(DEBUG=True):
            for run in range(args.runs):
                reset_queries()
                end = date(2026, 12, 31) - timedelta(days=run)
                address = f"/{SLUG}/berichte/{cycle.slug}/?starts_on=2021-01-01&ends_on={end}"
                started = time.perf_counter()
                response = client.get(address, secure=True)
                page_times.append(time.perf_counter() - started)
                assert response.status_code == 200, response.status_code
                queries = len(connection.queries)
        for _run in range(args.runs):
            report = Report(
                municipality=municipality,
                cycle=cycle,
                starts_on=cycle.starts_on,
                ends_on=cycle.ends_on,
                language="de",
            )
            started = time.perf_counter()
            _data, content = services.render(report)
            pdf_times.append(time.perf_counter() - started)
        size_kb = len(content) // 1024
        print(
            f"{size:>9} {queries:>8} {min(page_times):>13.2f} {min(pdf_times):>8.2f} {size_kb:>9}"
        )


if __name__ == "__main__":
    main()
