"""Benchmark of the public trail of a consultation (issue 11, speed).

Builds, in a PostgreSQL database of its own (``teilhabe_bench_consultation``), a
municipality with a 500-measure cycle (each measure with a status report) and a
consultation with a draft of 40 sections, 10,000 published comments, 60 position papers
of 80 organisations, a conference with 10 world café stations and 2,000 demands from all
three (100 of them merged into others), 1,500 of them with a published answer linking
goals and measures, 200 with a draft answer; beside it a small consultation of 3
demands. Bulk inserts, not the services: the services' rules are tested elsewhere, and
2,000 calls of ``add_demand`` would only make the set-up slow.

Checks that the consideration table and a demand page run the same number of SQL
queries for the small and the large consultation (the tests check it for 5 vs 60),
then serves the app with gunicorn (4 sync workers, the application's page cache off, so
that every request runs the view and its template: "rendered") and loads each page with
20 concurrent clients for a fixed number of seconds (``bench.load.hammer``: threads
with persistent connections, on the loopback interface). Last, the time to export the
whole table (1,900 public demands) as CSV and XLSX, in-process with Django's test
client, and as PDF the way a reader gets it: the request queues it (``pdfs.request_pdf``),
the worker lays it out (``pdfs.make``, timed), the next request answers with the file.

    .venv/bin/python bench/consultation.py [--database-url URL] [--seconds 5]
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import ROOT, gunicorn, hammer, server_environment  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/teilhabe_bench_consultation"
SLUG = "beteiligungsstadt"
LANGUAGES = ["de", "de-x-simple", "en"]
FIELDS, GOALS, MEASURES = 11, 60, 500
SECTIONS, COMMENTS, PAPERS, ORGANISATIONS, STATIONS = 40, 10_000, 60, 80, 10
DEMANDS, MERGED, PUBLISHED, DRAFTS = 2_000, 100, 1_500, 200


def t(german):
    """A translated value with a stand-in in every content language but German."""
    from teilhabe.languages.fields import Translations

    value = Translations({"de": german})
    for code in LANGUAGES[1:]:
        value.set(code, f"[{code}] {german}")
    return value


def build(database_url):
    """Both consultations; idempotent (a second run reuses the database)."""
    os.environ.update(server_environment(database_url))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from teilhabe.consultation.models import Consultation
    from teilhabe.tenants.models import Municipality

    call_command("migrate", verbosity=0)
    municipality, _ = Municipality.objects.get_or_create(
        slug=SLUG, defaults={"name": "Beteiligungsstadt", "content_languages": LANGUAGES}
    )
    if not Consultation.objects.filter(municipality=municipality, slug="gross").exists():
        with transaction.atomic():
            build_consultation(municipality, "gross", DEMANDS, COMMENTS, MEASURES)
            build_consultation(municipality, "klein", 3, 3, 3)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return municipality


def build_consultation(municipality, slug, demands, comments, measures):
    from teilhabe.consultation.models import (
        Answer,
        Comment,
        Consultation,
        Demand,
        Draft,
        Section,
        Statement,
    )
    from teilhabe.directory.models import Department, Organisation
    from teilhabe.events.models import Event, ProgrammeItem, Station
    from teilhabe.plan.models import (
        ConceptCycle,
        FieldOfAction,
        Goal,
        Measure,
        Phase,
        Status,
        StatusReport,
    )

    m = municipality
    departments = Department.objects.bulk_create(
        Department(municipality=m, number=f"{slug}-{i}", name=t(f"Amt {slug} {i}"))
        for i in range(10)
    )
    cycle = ConceptCycle.objects.create(
        municipality=m,
        title=t(f"Integrationskonzept {slug}"),
        slug=slug,
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
    measure_rows = Measure.objects.bulk_create(
        Measure(
            municipality=m,
            cycle=cycle,
            goal=goals[i % GOALS],
            code=f"{goals[i % GOALS].code}.{i // GOALS + 1}",
            title=t(f"Maßnahme Nummer {i}"),
            search_text=f"massnahme nummer {i}",
        )
        for i in range(measures)
    )
    statuses = list(Status)
    reports = StatusReport.objects.bulk_create(
        StatusReport(
            municipality=m,
            measure=measure,
            reported_on=date(2023, 1, 1),
            status=statuses[i % len(statuses)],
            progress=(i * 7) % 101,
            text="Sachstand " * 20,
        )
        for i, measure in enumerate(measure_rows)
    )
    for measure, report in zip(measure_rows, reports, strict=True):
        measure.latest_report = report
    Measure.objects.bulk_update(measure_rows, ["latest_report"])

    consultation = Consultation.objects.create(
        municipality=m,
        cycle=cycle,
        slug=slug,
        title=t(f"Beteiligung zur Analyse ({slug})"),
        starts_on=date(2021, 6, 1),
        ends_on=date(2021, 7, 31),
        is_published=True,
    )
    draft = Draft.objects.create(
        municipality=m,
        consultation=consultation,
        version=1,
        title=t("Analyse der Handlungsfelder"),
        is_published=True,
        published_on=date(2021, 5, 31),
    )
    sections = Section.objects.bulk_create(
        Section(
            draft=draft,
            key=f"abschnitt-{i}",
            position=i,
            number=f"{i // 5 + 1}.{i % 5 + 1}",
            heading=t(f"Abschnitt {i}"),
            text=t("Text des Abschnitts. " * 30),
        )
        for i in range(SECTIONS)
    )
    comment_rows = Comment.objects.bulk_create(
        Comment(
            municipality=m,
            section=sections[i % SECTIONS],
            text=f"Anmerkung {i}: " + "Mehr Angebote im Stadtteil. " * 5,
            language="de",
            status=Comment.Status.PUBLISHED,
            published_at=datetime(2021, 6, 15, 12, 0).astimezone(),
        )
        for i in range(comments)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            municipality=m,
            name=f"Verein {slug} {i} e. V.",
            slug=f"verein-{slug}-{i}",
            type=Organisation.Type.MIGRANT,
        )
        for i in range(ORGANISATIONS)
    )
    papers = Statement.objects.bulk_create(
        Statement(
            municipality=m,
            cycle=cycle,
            consultation=consultation,
            kind=Statement.Kind.POSITION_PAPER,
            title=t(f"Positionspapier {i}"),
            submitted_on=date(2021, 3, 17) + timedelta(days=i),
            status=Statement.Status.SUBMITTED,
        )
        for i in range(PAPERS)
    )
    through = Statement.organisations.through
    through.objects.bulk_create(
        through(statement=paper, organisation=organisations[(i + k) % ORGANISATIONS])
        for i, paper in enumerate(papers)
        for k in range(2)
    )
    starts = datetime(2023, 5, 6, 10, 0).astimezone()
    event = Event.objects.create(
        municipality=m,
        title=t(f"Integrationskonferenz {slug}"),
        slug=f"konferenz-{slug}",
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        format=Event.Format.ONLINE,
        status=Event.Status.PUBLISHED,
    )
    item = ProgrammeItem.objects.create(
        event=event, starts_at=starts, kind=ProgrammeItem.Kind.WORLD_CAFE, title=t("Weltcafé")
    )
    stations = Station.objects.bulk_create(
        Station(item=item, title=t(f"Tisch {i}")) for i in range(STATIONS)
    )

    def source(i):
        if i % 10 < 6:
            return {"source": "statement", "statement": papers[i % len(papers)]}
        if i % 10 < 9:
            return {"source": "comment", "comment": comment_rows[i % len(comment_rows)]}
        return {"source": "station", "station": stations[i % len(stations)]}

    demand_rows = Demand.objects.bulk_create(
        Demand(
            municipality=m,
            cycle=cycle,
            consultation=consultation,
            number=i + 1,
            text=t(f"Forderung {i + 1}: " + "Mehr Sprachkurse am Abend und am Wochenende. " * 3),
            **source(i),
        )
        for i in range(demands)
    )
    through = Demand.fields.through
    through.objects.bulk_create(
        through(demand=d, fieldofaction=fields[(i + k) % FIELDS])
        for i, d in enumerate(demand_rows)
        for k in range(1 + i % 2)
    )
    # The last MERGED demands (of a large consultation) went into the first ones.
    merged = MERGED if demands > MERGED * 2 else 0
    for i, demand in enumerate(demand_rows[len(demand_rows) - merged :]):
        demand.merged_into = demand_rows[i]
    Demand.objects.bulk_update(demand_rows[len(demand_rows) - merged :], ["merged_into"])

    outcomes = list(Answer.Outcome)
    published = min(PUBLISHED, demands)
    drafts = DRAFTS if demands > 3 else 0
    answers = Answer.objects.bulk_create(
        Answer(
            municipality=m,
            demand=demand,
            outcome=outcomes[i % len(outcomes)],
            reason=t("Begründung der Stadt. " * 10),
            department=departments[i % len(departments)],
            answered_on=date(2021, 11, 11),
            state=Answer.State.PUBLISHED if i < published else Answer.State.DRAFT,
        )
        for i, demand in enumerate(demand_rows[: published + drafts])
    )
    through = Answer.measures.through
    through.objects.bulk_create(
        through(answer=a, measure=measure_rows[(i + k) % len(measure_rows)])
        for i, a in enumerate(answers)
        for k in range(1 + i % 3)
    )
    through = Answer.goals.through
    through.objects.bulk_create(
        through(answer=a, goal=goals[i % GOALS]) for i, a in enumerate(answers)
    )


def pages():
    """(name, path on the small consultation, path on the large one)."""
    base = f"/{SLUG}/beteiligung"
    return [
        ("consideration table", f"{base}/klein/abwaegung/", f"{base}/gross/abwaegung/"),
        (
            "table, filtered, p. 2",
            f"{base}/klein/abwaegung/?source=statement&outcome=adopted",
            f"{base}/gross/abwaegung/?source=statement&outcome=adopted&page=2",
        ),
        # Demand 1: the most duplicates (merged into it) and 1 measure; 3: 3 measures.
        ("demand page", f"{base}/forderungen/klein/1/", f"{base}/forderungen/gross/1/"),
        (
            "demand page (3 measures)",
            f"{base}/forderungen/klein/3/",
            f"{base}/forderungen/gross/3/",
        ),
    ]


def query_count(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
    )
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    database = args.database_url.rsplit("/", 1)[1]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], capture_output=True)
    started = time.monotonic()
    build(args.database_url)
    print(f"Data built or reused in {time.monotonic() - started:.0f} s")

    from django.test import Client
    from django.test.utils import override_settings

    from teilhabe.consultation import pdfs
    from teilhabe.consultation.models import Comment, ConsiderationPdf, Demand

    print(
        f"Large: {Demand.objects.filter(cycle__slug='gross').count()} demands, "
        f"{Comment.objects.filter(section__draft__consultation__slug='gross').count()} "
        f"comments, {MEASURES} measures; small: 3 demands"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    with override_settings(TEILHABE_PAGE_CACHE=False):
        for name, small, large in pages():
            counts[name] = (query_count(client, small), query_count(client, large))
    print(f"PostgreSQL, gunicorn {args.workers} sync workers, page cache off, ", end="")
    print(f"{args.clients} clients, {args.seconds:.0f} s per page")
    print(f"{'page':<26} {'queries 3':>9} {'queries 2000':>12} {'req/s':>7} {'p50 ms':>7} ", end="")
    print(f"{'p99 ms':>7} {'errors':>6}")
    failed = [name for name, (small, large) in counts.items() if small != large]
    with gunicorn(
        args.database_url, workers=args.workers, environment={"TEILHABE_PAGE_CACHE": "false"}
    ) as port:
        hammer(port, [pages()[0][2]], clients=4, seconds=2)  # warm up
        for name, _small, large in pages():
            rate, p50, p99, errors = hammer(
                port, [large], clients=args.clients, seconds=args.seconds
            )
            small_count, large_count = counts[name]
            print(
                f"{name:<26} {small_count:>9} {large_count:>12} {rate:>7.1f} {p50:>7.1f} "
                f"{p99:>7.1f} {len(errors):>6}"
            )
            if errors:
                print("  first errors:", errors[:3])
    print("Exports, in-process (Django's test client; the PDF: request, worker, request):")
    base = f"/{SLUG}/beteiligung/gross"
    for label, path in (
        ("csv, whole table", f"{base}/abwaegung.csv"),
        ("xlsx, whole table", f"{base}/abwaegung.xlsx"),
    ):
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (path, response.status_code)
        print(f"  {label:<24} {elapsed:6.1f} s {len(response.content) / 1024:7.0f} KiB")
    for label, query in (("pdf, field of action 1", "?field=feld-1"), ("pdf, whole table", "")):
        path = f"{base}/abwaegung.pdf{query}"
        started = time.perf_counter()
        response = client.get(path)
        asked = time.perf_counter() - started
        assert response.status_code == 202, (path, response.status_code)
        pdf = ConsiderationPdf.objects.latest("requested_at")
        started = time.perf_counter()
        pdfs.make(pdf.pk)
        elapsed = time.perf_counter() - started
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        pdf.refresh_from_db()
        print(
            f"  {label:<24} {elapsed:6.1f} s {len(response.content) / 1024:7.0f} KiB"
            f" ({pdf.demand_count} demands; the request that queued it: {asked * 1000:.0f} ms)"
        )
    if failed:
        sys.exit(f"Query counts differ between 3 and 2,000 demands: {failed}")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
