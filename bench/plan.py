"""Benchmark of the plan portal (issue "Action plan", speed).

Creates a cycle with 11 fields of action, 60 goals and 600 measures with 20 status
reports each (12,000 reports) in a PostgreSQL database of its own, serves it with
gunicorn and measures requests per second for the cycle overview, a field page and
measure pages under 20 concurrent clients. Also prints the SQL queries each page
runs, which the tests keep fixed.

Twice: for a municipality with 3 content languages (German, plain German, English)
and for one with 8 (German, plain German, English, Arabic, Persian, Russian,
Ukrainian, Vietnamese), every text filled in each of its languages. The issue
"Languages" promises that the second stays within 10 % of the first.

    .venv/bin/python bench/plan.py [--database-url URL] [--seconds 10] [--clients 20]
"""

import argparse
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import DEFAULT_DATABASE_URL, ROOT, gunicorn, hammer, server_environment  # noqa: E402

FIELDS, GOALS, MEASURES, REPORTS = 11, 60, 600, 20
LANGUAGE_SETS = {
    "bench3": ["de", "de-x-simple", "en"],
    "bench8": ["de", "de-x-simple", "en", "ar", "fa", "ru", "uk", "vi"],
}


def in_languages(german, languages):
    """A translated value with ``german`` and a stand-in text of the same length in
    every other language, each up to date with the German."""
    from teilhabe.languages.fields import Translations

    value = Translations({"de": german})
    for code in languages[1:]:
        value.set(code, f"[{code}] {german}"[: max(len(german), 8)])
    return value


def build(database_url, slug, languages):
    os.environ.update(server_environment(database_url))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

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
    from teilhabe.tenants.models import Municipality

    call_command("migrate", verbosity=0)
    municipality, _ = Municipality.objects.get_or_create(
        slug=slug, defaults={"name": "Benchstadt", "content_languages": languages}
    )
    if ConceptCycle.objects.filter(municipality=municipality, slug="gross").exists():
        return municipality

    def t(german):
        return in_languages(german, languages)

    with transaction.atomic():
        departments = Department.objects.bulk_create(
            Department(municipality=municipality, number=str(10 + i), name=t(f"Amt {10 + i}"))
            for i in range(30)
        )
        cycle = ConceptCycle.objects.create(
            municipality=municipality,
            title=t("Großer Aktionsplan"),
            slug="gross",
            starts_on=date(2021, 1, 1),
            ends_on=date(2026, 12, 31),
            phase=Phase.IMPLEMENTATION,
        )
        fields = FieldOfAction.objects.bulk_create(
            FieldOfAction(
                municipality=municipality,
                cycle=cycle,
                number=i + 1,
                slug=f"feld-{i + 1}",
                title=t(f"Handlungsfeld {i + 1}"),
                situation=t("Lage " * 200),
            )
            for i in range(FIELDS)
        )
        goals = Goal.objects.bulk_create(
            Goal(
                municipality=municipality,
                field=fields[i % FIELDS],
                code=f"{i % FIELDS + 1}.{i // FIELDS + 1}",
                title=t(f"Ziel {i}"),
            )
            for i in range(GOALS)
        )
        measures = Measure.objects.bulk_create(
            Measure(
                municipality=municipality,
                cycle=cycle,
                goal=goals[i % GOALS],
                code=f"{goals[i % GOALS].code}.{i // GOALS + 1}",
                title=t(f"Maßnahme Nummer {i}"),
                description=t("Beschreibung " * 50),
                search_text=f"massnahme nummer {i}",
            )
            for i in range(MEASURES)
        )
        through = Measure.lead_departments.through
        through.objects.bulk_create(
            through(measure=m, department=departments[i % len(departments)])
            for i, m in enumerate(measures)
        )
        statuses = list(Status)
        StatusReport.objects.bulk_create(
            StatusReport(
                municipality=municipality,
                measure=m,
                reported_on=date(2021, 1, 1) + timedelta(days=30 * r),
                status=statuses[(i + r) % len(statuses)],
                progress=min(100, r * 5),
                text="Sachstand " * 30,
            )
            for i, m in enumerate(measures)
            for r in range(REPORTS)
        )
        for m in measures:
            m.latest_report = m.reports.order_by("-reported_on", "-id").first()
        Measure.objects.bulk_update(measures, ["latest_report"])
    return municipality


def query_counts(paths):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path in paths:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(queries)
    return counts


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    database = args.database_url.rsplit("/", 1)[1]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], capture_output=True)
    for slug, languages in LANGUAGE_SETS.items():
        build(args.database_url, slug, languages)
    reports = MEASURES * REPORTS
    print(f"Data: {FIELDS} fields, {GOALS} goals, {MEASURES} measures, {reports} status reports")
    print(f"PostgreSQL, gunicorn {args.workers} workers, {args.clients} clients, ", end="")
    print(f"{args.seconds:.0f} s per page")
    pages = {slug: plan_pages(slug) for slug in LANGUAGE_SETS}
    counts = {
        slug: query_counts([(name, paths[0]) for name, paths in pages[slug]])
        for slug in LANGUAGE_SETS
    }
    for slug, languages in LANGUAGE_SETS.items():
        print(f"{slug}: {len(languages)} content languages, every text in each: ", end="")
        print(", ".join(languages))
    # Page by page, the two municipalities one after the other, so that a change in
    # the machine's load affects both alike.
    print(f"{'page':<16} {'queries 3':>9} {'queries 8':>9} {'req/s 3':>8} {'req/s 8':>8} ", end="")
    print(f"{'p50 ms 3':>8} {'p50 ms 8':>8} {'8 vs 3':>7} {'errors':>6}")
    with gunicorn(args.database_url, workers=args.workers) as port:
        for slug in LANGUAGE_SETS:
            hammer(port, pages[slug][0][1], clients=4, seconds=2)  # warm up
        for index, (name, _paths) in enumerate(pages["bench3"]):
            results = {
                slug: hammer(
                    port, pages[slug][index][1], clients=args.clients, seconds=args.seconds
                )
                for slug in LANGUAGE_SETS
            }
            (rate3, p50_3, _p99, errors3), (rate8, p50_8, _p99, errors8) = results.values()
            row = f"{name:<16} {counts['bench3'][name]:>9} {counts['bench8'][name]:>9} "
            row += f"{rate3:>8.1f} {rate8:>8.1f} {p50_3:>8.1f} {p50_8:>8.1f} "
            row += f"{(rate8 / rate3 - 1) * 100:>+6.1f}% {len(errors3) + len(errors8):>6}"
            print(row)
            if errors3 or errors8:
                print("  first errors:", (errors3 + errors8)[:3])


def plan_pages(slug):
    base = f"/{slug}/plan/gross"
    return [
        ("cycle overview", [f"{base}/"]),
        ("field page", [f"{base}/handlungsfelder/feld-{i}/" for i in range(1, FIELDS + 1)]),
        (
            "measure page",
            [f"{base}/massnahmen/{i % FIELDS + 1}.{i // FIELDS + 1}.1/" for i in range(GOALS)],
        ),
        ("measure list", [f"{base}/massnahmen/", f"{base}/massnahmen/?status=done&page=2"]),
    ]


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
