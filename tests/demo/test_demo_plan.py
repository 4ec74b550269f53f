"""The Dresden action plan demo: three chained concept cycles, the 2009 plan from the
implementation report (seed 004) with its departments, figures and needs for action,
sample plans for 2015–2020 and 2021–2026, and a loader that can run again."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from teilhabe.demo import dresden
from teilhabe.demo.loader import load_dresden
from teilhabe.directory.models import Department
from teilhabe.plan.models import (
    ConceptCycle,
    CyclePhase,
    FieldOfAction,
    FundingAmount,
    FundingLine,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    OpenItem,
    Phase,
    Status,
    StatusReport,
    TargetGroup,
)
from teilhabe.plan.services import latest_report_of, start_revision

PLAN_MODELS = (
    ConceptCycle,
    CyclePhase,
    FieldOfAction,
    Goal,
    Measure,
    StatusReport,
    Indicator,
    IndicatorValue,
    FundingLine,
    FundingAmount,
    OpenItem,
)
PLAN_KINDS = (
    "concept cycles",
    "cycle phases",
    "fields of action",
    "goals",
    "measures",
    "status reports",
    "indicators",
    "indicator values",
    "funding lines",
    "funding amounts",
    "open items",
)

# (measure title, its one lead department): seed 004 names these departments.
LEADS_2009 = [
    ("Projekt „Lesestark!“", "Städtische Bibliotheken"),
    ("Muslimisches Gräberfeld", "Eigenbetrieb Friedhof- und Bestattungswesen"),
    (
        "Vorbereitung eines buddhistischen Gräberfeldes",
        "Eigenbetrieb Friedhof- und Bestattungswesen",
    ),
    ("Projekte zur Integrationsarbeit im Programm „Die Soziale Stadt“", "Stadtplanungsamt"),
    ("Integrationszentrum „Am Koitschgraben“", "Stadtplanungsamt"),
    (
        "Teilräumliche Sozialanalyse und zielgerichteter Einsatz von Städtebaufördermitteln",
        "Stadtplanungsamt",
    ),
    ("Integration als Thema im JugendInfoService", "Jugendamt"),
    ("Projekt „Interkulturelle Begegnung“ in der Seniorenbegegnungsstätte Altstadt", "Sozialamt"),
    (
        "Übernahme der Ausstattung „Kompetenzzentrum Sprache“ an der 101. Mittelschule",
        "Schulverwaltungsamt",
    ),
    (
        "Stellen im Rahmen von „Schwerpunkt Kita, Sprache & Integration“",
        "Eigenbetrieb Kindertageseinrichtungen",
    ),
    ("Chinesisches Frühlingsfest und Tetfest", "Geschäftsbereich 7"),
    ("Beteiligung ausländischer Kulturvereine an den Städtepartnerschaften", dresden.OB_AREA),
    (
        "Neueinstellung mehrsprachiger Mitarbeiterinnen und Mitarbeiter",
        "Amt für Wirtschaftsförderung",
    ),
    ("Förderung interkultureller Arbeit und Projektförderung von Migrantenvereinen", "Kulturamt"),
]


def counts():
    return {model.__name__: model.objects.count() for model in PLAN_MODELS}


def expected_counts():
    measures = dresden.MEASURES
    return {
        "ConceptCycle": len(dresden.CONCEPT_CYCLES),
        "CyclePhase": sum(len(c["phases"]) for c in dresden.CONCEPT_CYCLES),
        "FieldOfAction": len(dresden.FIELDS_OF_ACTION),
        "Goal": sum(len(f["goals"]) for f in dresden.FIELDS_OF_ACTION),
        "Measure": len(measures),
        "StatusReport": sum(len(m.get("reports", [])) for m in measures),
        "Indicator": len(dresden.INDICATORS),
        "IndicatorValue": sum(len(i["values"]) for i in dresden.INDICATORS),
        "FundingLine": len(dresden.FUNDING_LINES),
        "FundingAmount": sum(len(f["amounts"]) for f in dresden.FUNDING_LINES),
        "OpenItem": len(dresden.OPEN_ITEMS),
    }


def measure(cycle, code):
    return Measure.objects.get(cycle__slug=cycle, code=code)


def measure_titled(title):
    return Measure.objects.get(cycle__slug=dresden.CYCLE_2009, title__de=title)


@pytest.fixture
def plan_loaded(db, dresden_demo):
    """The whole Dresden demo, loaded once for the module; the load report by kind."""
    return dresden_demo


# --- Loading ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_loads_the_action_plan(plan_loaded):
    assert counts() == expected_counts()
    for kind in PLAN_KINDS:
        assert plan_loaded[kind]["created"] > 0, kind
    assert Measure.objects.filter(municipality__slug="dresden").count() == len(dresden.MEASURES)


@pytest.mark.django_db
def test_second_load_changes_nothing(plan_loaded):
    before = counts()
    latest = dict(Measure.objects.values_list("pk", "latest_report"))
    search_texts = dict(Measure.objects.values_list("pk", "search_text"))
    report = load_dresden()
    assert counts() == before
    for kind in PLAN_KINDS:
        assert report[kind]["created"] == report[kind]["updated"] == 0, kind
        assert report[kind]["unchanged"] == plan_loaded[kind]["created"], kind
    assert dict(Measure.objects.values_list("pk", "latest_report")) == latest
    assert dict(Measure.objects.values_list("pk", "search_text")) == search_texts


@pytest.mark.django_db
def test_load_repairs_changed_rows(plan_loaded):
    lesestark = measure_titled("Projekt „Lesestark!“")
    lesestark.lead_departments.set([Department.objects.get(number="51")])
    newest = latest_report_of(lesestark)
    StatusReport.objects.filter(pk=newest.pk).update(text="falsch", progress=10)
    Measure.objects.filter(pk=lesestark.pk).update(latest_report=None)
    ConceptCycle.objects.filter(slug=dresden.CYCLE_2021).update(phase=Phase.ADOPTED)
    FundingAmount.objects.filter(year=2013, amount=149200).update(amount=1)

    report = load_dresden()

    assert report["measures"]["updated"] == 1
    assert report["status reports"]["updated"] == 1
    assert report["concept cycles"]["updated"] == 1
    assert report["funding amounts"]["updated"] == 1
    lesestark.refresh_from_db()
    assert list(lesestark.lead_departments.values_list("number", flat=True)) == ["42"]
    assert lesestark.latest_report == newest
    assert lesestark.latest_report.progress == 100
    assert "Städtischen Bibliotheken" in lesestark.latest_report.text
    assert ConceptCycle.objects.get(slug=dresden.CYCLE_2021).phase == Phase.IMPLEMENTATION
    assert counts() == expected_counts()


@pytest.mark.django_db
def test_command_prints_plan_counts():
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=out)
    output = out.getvalue()
    assert f"measures:              0 created, 0 updated, {len(dresden.MEASURES)} unchanged" in (
        output
    )
    assert "open items:" in output and "status reports:" in output
    sample_measures = sum(1 for m in dresden.MEASURES if m.get("is_sample"))
    assert f"{sample_measures} of {len(dresden.MEASURES)} measures" in output
    assert counts() == expected_counts()


# --- Cycles and phases -----------------------------------------------------------------


@pytest.mark.django_db
def test_three_cycles_chained_by_predecessor(plan_loaded):
    first = ConceptCycle.objects.get(slug="2009")
    second = ConceptCycle.objects.get(slug="2015-2020")
    third = ConceptCycle.objects.get(slug="2021-2026")
    assert first.predecessor is None
    assert second.predecessor == first and first.successor == second
    assert third.predecessor == second and second.successor == third
    assert (first.starts_on, first.ends_on) == (date(2009, 7, 1), date(2014, 3, 31))
    assert (second.starts_on, second.ends_on) == (date(2015, 1, 1), date(2020, 12, 31))
    assert (third.starts_on, third.ends_on) == (date(2021, 1, 1), date(2026, 12, 31))
    assert first.title["de"] == "Konzept zur Integration von Migrantinnen und Migranten 2009"
    for cycle in (first, second, third):
        assert cycle.title["en"] and cycle.title["de-x-simple"] and cycle.summary["en"]
        assert cycle.summary["de-x-simple"]
        assert not cycle.is_sample
        assert cycle.council_decision_number == "" and cycle.council_decision_date is None


@pytest.mark.django_db
def test_2009_was_reported_to_the_advisory_council(plan_loaded):
    cycle = ConceptCycle.objects.get(slug="2009")
    assert cycle.phase == Phase.REPORTED
    phases = {p.phase: p for p in cycle.phases.all()}
    assert set(phases) == {Phase.ADOPTED, Phase.IMPLEMENTATION, Phase.REPORTED}
    assert phases[Phase.REPORTED].starts_on == date(2014, 12, 16)
    assert "Ausländerbeirat" in phases[Phase.REPORTED].note["de"]
    assert phases[Phase.IMPLEMENTATION].ends_on == date(2014, 3, 31)
    assert (
        "Platzhalter" in phases[Phase.ADOPTED].note["de"]
    )  # the adoption date is not in the seeds


@pytest.mark.django_db
def test_2015_summary_quotes_the_long_term_goal(plan_loaded):
    cycle = ConceptCycle.objects.get(slug="2015-2020")
    assert cycle.phase == Phase.SUPERSEDED
    assert "in der Stadt ein fremdenfreundliches Klima zu schaffen" in cycle.summary["de"]
    assert "elf Bereichen" in cycle.summary["de"]


@pytest.mark.django_db
def test_2021_2026_was_consulted_and_is_in_implementation(plan_loaded):
    cycle = ConceptCycle.objects.get(slug="2021-2026")
    assert cycle.phase == Phase.IMPLEMENTATION
    assert cycle.is_published
    assert "Analyse der kommunalen Handlungsfelder" in cycle.summary["de"]
    assert "Aktionsplan Integration 2021 bis 2026" in cycle.summary["de"]
    phases = list(cycle.phases.values_list("phase", flat=True))
    assert phases == [
        Phase.PREPARATION,
        Phase.DRAFTING,
        Phase.CONSULTATION,
        Phase.ADOPTED,
        Phase.IMPLEMENTATION,
    ]
    # The adoption is not in the seeds: its phases say they are sample data, and the
    # implementation has no end, so the demo's plan is running whatever the day.
    for invented in (Phase.ADOPTED, Phase.IMPLEMENTATION):
        assert cycle.phases.get(phase=invented).note["de"].startswith("Beispieldaten")
    assert cycle.phases.get(phase=Phase.IMPLEMENTATION).ends_on is None
    consultation = cycle.phases.get(phase=Phase.CONSULTATION)
    assert (consultation.starts_on, consultation.ends_on) == (date(2021, 5, 31), date(2021, 7, 18))
    for day in ("27. Juni", "3. Juli", "18. Juli 2021", "15. Juni 2021"):
        assert day in consultation.note["de"]
    assert "Englisch und einfacher Sprache" in consultation.note["de"]
    assert consultation.note["en"] and consultation.note["de-x-simple"]
    assert "2019" in cycle.phases.get(phase=Phase.PREPARATION).note["de"]
    fields = cycle.fields.all()
    assert fields.count() == 5  # the five field working groups
    assert all(f.situation["de"].startswith(dresden.SAMPLE_FIELD_NOTE) for f in fields)
    assert all(f.developments and f.challenges for f in fields)


# --- The 2009 plan (seed 004) ----------------------------------------------------------


@pytest.mark.django_db
def test_2009_fields_of_action(plan_loaded):
    titles = list(
        FieldOfAction.objects.filter(cycle__slug="2009").values_list("number", "title__de")
    )
    assert titles == [
        (1, "Wirtschaft, Arbeit, Berufsausbildung"),
        (2, "Soziales, Wohnen, Gesundheitsthemen"),
        (3, "Frühkindliche und Schulbildung, Kinder-, Jugend- und Familienarbeit"),
        (4, "Gesellschaftliche und soziale Integration, Partizipation, Sport, Kultur"),
        (5, "Interkulturelle Orientierung und Öffnung der Verwaltung"),
    ]
    first = FieldOfAction.objects.get(cycle__slug="2009", number=1)
    assert "FAG 1" in first.situation["de"] and "Jobcenter Dresden" in first.situation["de"]
    assert "Ämter 10, 15, 51 und 80" in first.situation["de"]
    school = FieldOfAction.objects.get(cycle__slug="2009", number=3)
    assert school.title["en"] and school.title["de-x-simple"] and school.situation["en"]
    assert "Bildungspatenschaften" in school.challenges["de"]
    for goal in Goal.objects.filter(field__cycle__slug="2009"):
        assert goal.description["de"] == dresden.DERIVED_GOAL_NOTE  # goals are derived


@pytest.mark.django_db
def test_2009_measures_and_lead_departments(plan_loaded):
    # One load for the whole table: loading takes seconds, a lookup does not.
    for title, lead in LEADS_2009:
        found = measure_titled(title)
        assert list(found.lead_departments.values_list("name__de", flat=True)) == [lead], title
        assert not found.is_sample, title
        assert found.code.startswith(found.goal.code + "."), title
        assert found.latest_report is not None, title


@pytest.mark.django_db
def test_2009_partners_and_multilingual_material(plan_loaded):
    tet = measure_titled("Chinesisches Frühlingsfest und Tetfest")
    assert list(tet.partner_organisations.values_list("slug", flat=True)) == [
        "verein-der-vietnamesen"
    ]
    material = measure(dresden.CYCLE_2009, "5.1.1")
    assert material.lead_departments.count() == 11
    assert "Aus aller Welt in Dresden angekommen" in material.description["de"]
    assert "Willkommensbroschüre für Asylsuchende" in material.description["de"]
    assert (
        material.title["en"]
        and material.title["de-x-simple"]
        and material.description["de-x-simple"]
    )
    koitschgraben = measure_titled("Integrationszentrum „Am Koitschgraben“")
    assert koitschgraben.ends_on == date(2011, 12, 31)
    assert koitschgraben.latest_report.reported_on == date(2011, 12, 31)
    programme = measure(dresden.CYCLE_2009, "4.2.1")
    assert programme.budget == Decimal("550000")
    assert (programme.starts_on, programme.ends_on) == (date(2012, 1, 1), date(2013, 12, 31))
    assert programme.is_sample  # the seed names no department for it


@pytest.mark.django_db
def test_2009_status_reports(plan_loaded):
    reports = StatusReport.objects.filter(measure__cycle__slug="2009")
    assert reports.filter(reported_on__year__lt=2009).count() == 0
    assert reports.filter(reported_on__gt=date(2014, 11, 30)).count() == 0
    assert reports.filter(is_highlight=True).count() >= 4
    for row in dresden.MEASURES:
        if row["cycle"] == dresden.CYCLE_2009:
            assert 1 <= len(row["reports"]) <= 3, row["code"]
    unfinished = Measure.objects.filter(cycle__slug="2009").with_status(Status.IN_PROGRESS)
    assert set(unfinished.values_list("code", flat=True)) == {"2.1.4", "2.3.2"}
    # Every report a measure has got from the loader names its department.
    assert not reports.filter(author_department__isnull=True).exists()


@pytest.mark.django_db
def test_sample_reports_say_so(plan_loaded):
    marked = StatusReport.objects.filter(text__startswith=dresden.SAMPLE_REPORT_NOTE)
    rows = [r for m in dresden.MEASURES for r in m.get("reports", []) if r.get("is_sample")]
    assert marked.count() == len(rows) >= 1
    seed_reports = StatusReport.objects.filter(
        measure__cycle__slug="2009", measure__is_sample=False
    ).exclude(pk__in=marked)
    assert seed_reports.exists()


@pytest.mark.django_db
def test_latest_report_is_the_newest_for_every_measure(plan_loaded):
    for found in Measure.objects.all():
        assert found.latest_report == latest_report_of(found), found.code
        if found.reports.exists():
            newest = max(found.reports.values_list("reported_on", flat=True))
            assert found.latest_report.reported_on == newest


@pytest.mark.django_db
def test_training_indicator(plan_loaded):
    indicator = Indicator.objects.get(
        title__de="Beschäftigte mit Fortbildung zur interkulturellen Kompetenz"
    )
    assert indicator.cycle.slug == "2009" and indicator.field.number == 5
    assert indicator.unit == "Personen"
    assert (indicator.baseline, indicator.baseline_year) == (0, 2009)
    assert list(indicator.values.values_list("year", "value")) == [(2014, Decimal("222"))]
    assert not indicator.is_sample
    organisations = Indicator.objects.get(title__de="Migrant*innenorganisationen in Dresden")
    assert list(organisations.values.values_list("year", "value")) == [(2022, 110)]


@pytest.mark.django_db
def test_funding_lines(plan_loaded):
    for title, amounts in [
        ("Förderung interkultureller Arbeit", [(2009, 140600), (2013, 149200)]),
        ("Projektförderung Migrantenvereine", [(2009, 36800), (2013, 40400)]),
    ]:
        line = FundingLine.objects.get(title__de=title)
        assert line.cycle.slug == "2009"
        assert line.department.number == "41"
        assert not line.is_sample
        assert list(line.amounts.values_list("year", "amount", "is_estimate")) == [
            (year, Decimal(amount), False) for year, amount in amounts
        ]


@pytest.mark.django_db
def test_needs_for_action(plan_loaded):
    items = list(OpenItem.objects.filter(cycle__slug="2009"))
    assert len(items) == 6
    texts = " ".join(item.text["de"] for item in items)
    for phrase in (
        "Umsetzungs- und Finanzierungskonzept",
        "Traumafolgestörungen",
        "Migrationsberatungsstellen für Erwachsene",
        "Gruppenbezogener Menschenfeindlichkeit",
        "Gemeindedolmetscherdienstes",
        "Bildungspatenschaften",
        "Mehrsprachigkeit in den Kitas",
        "Stellenausschreibungen",
    ):
        assert phrase in texts, phrase
    # The trail from a need to a measure: the taking-up measures are sample data.
    taken_up = [item.taken_up_by for item in items if item.taken_up_by]
    assert taken_up and all(m.is_sample for m in taken_up)
    interpreters = OpenItem.objects.get(cycle__slug="2009", order=5).taken_up_by
    assert interpreters.cycle.slug == "2015-2020"
    assert interpreters.successor.cycle.slug == "2021-2026"


# --- Sample plans 2015–2020 and 2021–2026 ----------------------------------------------


@pytest.mark.django_db
def test_later_measures_are_sample_data(plan_loaded):
    later = Measure.objects.exclude(cycle__slug="2009")
    assert later.exists() and not later.filter(is_sample=False).exists()
    assert not later.filter(is_draft=True).exists()
    for cycle in ConceptCycle.objects.exclude(slug="2009"):
        for field in cycle.fields.all():
            assert field.situation["de"].startswith(dresden.SAMPLE_FIELD_NOTE)
        for goal in Goal.objects.filter(field__cycle=cycle):
            assert goal.description["de"] == dresden.SAMPLE_GOAL_NOTE


@pytest.mark.django_db
def test_unfinished_2015_measures_were_carried_over(plan_loaded):
    old = Measure.objects.filter(cycle__slug="2015-2020")
    finished = {m.code for m in old if m.is_finished}
    unfinished = {m.code for m in old if not m.is_finished}
    assert finished and unfinished
    carried = Measure.objects.filter(cycle__slug="2021-2026", predecessor__isnull=False)
    assert {m.predecessor.code for m in carried} == unfinished


@pytest.mark.django_db
def test_2021_plan_can_be_revised(plan_loaded):
    cycle = ConceptCycle.objects.get(slug="2021-2026")
    new = start_revision(
        cycle,
        title="Aktionsplan 2027",
        slug="2027",
        starts_on=date(2027, 1, 1),
        ends_on=date(2032, 12, 31),
    )
    assert new.fields.count() == 5
    assert new.measures.count() == cycle.measures.count()  # nothing reported finished yet


# --- The data itself -------------------------------------------------------------------


def test_plan_data_references_are_consistent():
    cycles = [c["slug"] for c in dresden.CONCEPT_CYCLES]
    keys = {dresden.department_key(row) for row in dresden.DEPARTMENTS}
    slugs = {row["slug"] for row in dresden.ORGANISATIONS}
    target_groups = set(TargetGroup.Code.values)
    assert len(set(cycles)) == len(cycles)
    for position, cycle in enumerate(dresden.CONCEPT_CYCLES):
        assert cycle["predecessor"] in (None, *cycles[:position])
        phases = [p["phase"] for p in cycle["phases"]]
        assert len(set(phases)) == len(phases), cycle["slug"]
        assert set(phases) <= set(Phase.values)
    fields = {(f["cycle"], f["number"]) for f in dresden.FIELDS_OF_ACTION}
    assert len(fields) == len(dresden.FIELDS_OF_ACTION)
    goals = set()
    for field in dresden.FIELDS_OF_ACTION:
        for goal in field["goals"]:
            assert goal["code"].startswith(f"{field['number']}."), goal["code"]
            goals.add((field["cycle"], goal["code"]))
    seen = set()
    for row in dresden.MEASURES:
        key = (row["cycle"], row["code"])
        assert key not in seen, key
        assert (row["cycle"], row["goal"]) in goals, key
        assert row["code"].startswith(row["goal"] + "."), key
        assert row.get("predecessor") in (None, *seen), key
        seen.add(key)
        assert row["lead"] and set(row["lead"]) <= keys, key
        assert set(row.get("partner_departments", [])) <= keys, key
        assert set(row.get("partner_organisations", [])) <= slugs, key
        assert set(row.get("target_groups", [])) <= target_groups, key
        reports = row.get("reports", [])
        dates = [r["reported_on"] for r in reports if "age" not in r]
        assert len(set(dates)) == len(dates), key
        # A report dated by its age is found by its text (and is sample data).
        aged = [r for r in reports if "age" in r]
        assert len({r["text"] for r in aged}) == len(aged), key
        assert all(r["is_sample"] and "reported_on" not in r for r in aged), key
        for report in reports:
            assert 0 <= report["progress"] <= 100
            assert (report["progress"] == 100) == (report["status"] == "done"), key
        if row["cycle"] != dresden.CYCLE_2009:
            assert row["is_sample"], key
    for item in dresden.OPEN_ITEMS:
        assert item["taken_up_by"] in (None, *seen)
    for line in dresden.FUNDING_LINES:
        assert line["department"] in keys
        assert (line["cycle"], line["field"]) in fields
    for indicator in dresden.INDICATORS:
        assert indicator["field"] is None or (indicator["cycle"], indicator["field"]) in fields
