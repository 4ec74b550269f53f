"""The public plan portal: cycles, timeline, fields of action, measure list and
measure pages, charts; who sees drafts; and a fixed number of queries per page."""

import json
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.models import Role
from teilhabe.plan.models import Status
from tests import factories
from tests.plan.factories import (
    ConceptCycleFactory,
    CyclePhaseFactory,
    FieldOfActionFactory,
    FundingLineFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    OpenItemFactory,
    StatusReportFactory,
)

FALLBACK_NOTE = "This text is only available in German."


def url(name, language=None, **kwargs):
    kwargs.setdefault("municipality", "dresden")
    with translation.override(language or "de"):
        return reverse(f"plan:{name}", kwargs=kwargs)


def page(client, address, status=200, **headers):
    response = client.get(address, **headers)
    assert response.status_code == status, address
    return response.content.decode()


def build_plan(municipality, slug, fields, goals, measures, reports, extras=1):
    """A published cycle with ``fields`` × ``goals`` × ``measures`` × ``reports``, and
    ``extras`` of everything else (indicators, funding lines, departments, partners,
    target groups, open items)."""
    cycle = ConceptCycleFactory(municipality=municipality, slug=slug, title=f"Konzept {slug}")
    for p in range(extras):
        CyclePhaseFactory(cycle=cycle, starts_on=date(2020, 1 + p, 1), ends_on=None)
    departments = [factories.DepartmentFactory(municipality=municipality) for _ in range(extras)]
    organisations = [
        factories.OrganisationFactory(municipality=municipality) for _ in range(extras)
    ]
    target_groups = ["women", "youth", "refugees", "seniors"][:extras]
    for f in range(1, fields + 1):
        field = FieldOfActionFactory(cycle=cycle, number=f, slug=f"feld-{f}")
        for g in range(1, goals + 1):
            goal = GoalFactory(field=field, code=f"{f}.{g}")
            for m in range(1, measures + 1):
                measure = MeasureFactory(
                    goal=goal,
                    code=f"{f}.{g}.{m}",
                    lead_departments=departments,
                    partner_departments=departments,
                    partner_organisations=organisations,
                    target_groups=target_groups,
                )
                for r in range(reports):
                    status = list(Status)[(f + g + m + r) % len(Status)]
                    StatusReportFactory(
                        measure=measure,
                        reported_on=date(2022, 1 + r, 1 + m),
                        status=status,
                        progress=100 if status == Status.DONE else 10 * (r + 1),
                        author_department=departments[0],
                        evidence_url="https://example.org/beleg",
                    )
        IndicatorFactory(
            cycle=cycle, field=field, values={2020 + y: 100 + y for y in range(extras + 1)}
        )
        FundingLineFactory(
            cycle=cycle, field=field, amounts={2020 + y: 1000 * y for y in range(extras + 1)}
        )
    for i in range(extras):
        IndicatorFactory(cycle=cycle, values={2020 + y: 10 * y for y in range(extras + 1)})
        FundingLineFactory(cycle=cycle, amounts={2020 + y: 500 + y for y in range(extras + 1)})
        OpenItemFactory(cycle=cycle, taken_up_by=cycle.measures.order_by("code")[i])
    return cycle


@pytest.fixture
def plan(municipality):
    """A small published plan: 2 fields × 2 goals × 2 measures × 2 reports."""
    return build_plan(municipality, "ik-2021", 2, 2, 2, 2)


def office_admin(municipality):
    return factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user


# --- Fixed number of queries ----------------------------------------------------------------


def count_queries(client, address):
    client.get(address)  # warm caches (translations, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200, address
    return len(queries)


def page_urls(slug):
    return {
        "cycles": url("cycles"),
        "cycle": url("cycle", cycle=slug),
        "timeline": url("timeline", cycle=slug),
        "field": url("field", cycle=slug, field="feld-1"),
        "measures": url("measures", cycle=slug),
        "measures filtered": url("measures", cycle=slug) + "?q=massnahme&status=in_progress",
        "measure": url("measure", cycle=slug, code="1.1.1"),
    }


@pytest.mark.parametrize("as_admin", [False, True], ids=["public", "office admin"])
def test_query_count_does_not_grow_with_the_plan(client, municipality, as_admin):
    build_plan(municipality, "klein", 2, 2, 2, 2, extras=1)
    build_plan(municipality, "gross", 4, 3, 5, 6, extras=4)
    if as_admin:
        client.force_login(office_admin(municipality))
    small = {name: count_queries(client, u) for name, u in page_urls("klein").items()}
    large = {name: count_queries(client, u) for name, u in page_urls("gross").items()}
    assert large == small


def fill_every_language(municipality, languages):
    """Every translated text of the municipality in each of ``languages``."""
    from django.apps import apps

    from teilhabe.languages.fields import TranslatedField

    municipality.content_languages = languages
    municipality.save()
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, TranslatedField)]
        if not names or not any(f.name == "municipality" for f in model._meta.fields):
            continue
        rows = list(model.objects.filter(municipality=municipality))
        for row in rows:
            for name in names:
                value = getattr(row, name)
                for code in languages[1:]:
                    value.set(code, f"[{code}] {value.text('de')}")
        if rows:
            model.objects.bulk_update(rows, names)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_query_count_does_not_grow_with_the_content_languages(client, municipality, language):
    build_plan(municipality, "klein", 2, 2, 2, 2, extras=2)
    addresses = page_urls("klein")
    if language != "de":
        addresses = {name: f"/{language}{address}" for name, address in addresses.items()}
    three = {name: count_queries(client, a) for name, a in addresses.items()}
    fill_every_language(municipality, ["de", "de-x-simple", "en", "ar", "fa", "ru", "uk", "vi"])
    eight = {name: count_queries(client, a) for name, a in addresses.items()}
    assert eight == three
    assert "[ar] " in client.get(f"/ar{page_urls('klein')['measure']}").content.decode()


def test_query_counts_stay_small(client, plan):
    counts = {name: count_queries(client, u) for name, u in page_urls(plan.slug).items()}
    assert all(n <= 12 for n in counts.values()), counts


# --- Cycles -------------------------------------------------------------------------------


def test_cycle_list_newest_first_with_period_phase_and_decision(client, municipality, plan):
    ConceptCycleFactory(
        municipality=municipality,
        title="Integrationskonzept 2015 bis 2020",
        slug="ik-2015",
        starts_on=date(2015, 1, 1),
        ends_on=date(2020, 12, 31),
        council_decision_number="V2905/15",
    )
    content = page(client, url("cycles"))
    assert content.index("Konzept ik-2021") < content.index("Integrationskonzept 2015 bis 2020")
    assert "V2905/15" in content and "2015–2020" in content
    assert url("cycle", cycle="ik-2015") in content


def test_unpublished_cycle_hidden_from_public_but_shown_to_office_admin(client, municipality, plan):
    hidden = build_plan(municipality, "entwurf", 1, 1, 1, 0)
    hidden.is_published = False
    hidden.save()
    addresses = [
        url("cycle", cycle="entwurf"),
        url("timeline", cycle="entwurf"),
        url("field", cycle="entwurf", field="feld-1"),
        url("measures", cycle="entwurf"),
        url("measure", cycle="entwurf", code="1.1.1"),
    ]
    assert "Konzept entwurf" not in page(client, url("cycles"))
    for address in addresses:
        page(client, address, status=404)
    editor = factories.RoleFactory(municipality=municipality, kind=Role.Kind.DEPARTMENT_EDITOR)
    client.force_login(editor.user)
    page(client, url("cycle", cycle="entwurf"), status=404)
    client.force_login(office_admin(municipality))
    assert "Konzept entwurf" in page(client, url("cycles"))
    for address in addresses:
        page(client, address)
    assert "not published" in page(client, url("cycle", "en", cycle="entwurf"))


def test_office_admin_of_another_municipality_sees_no_drafts(
    client, municipality, other_municipality
):
    build_plan(municipality, "entwurf", 1, 1, 1, 0).__class__.objects.filter(slug="entwurf").update(
        is_published=False
    )
    client.force_login(office_admin(other_municipality))
    page(client, url("cycle", cycle="entwurf"), status=404)


def test_cycle_page(client, municipality, plan):
    predecessor = ConceptCycleFactory(
        municipality=municipality, title="Konzept 2015", slug="ik-2015", starts_on=date(2015, 1, 1)
    )
    plan.predecessor = predecessor
    plan.save()
    content = page(client, url("cycle", cycle=plan.slug))
    assert "Ziele und Maßnahmen der Integrationsarbeit." in content
    assert "V0815/21" in content and "11. November 2021" in content
    assert url("cycle", cycle="ik-2015") in content
    assert url("timeline", cycle=plan.slug) in content
    assert url("measures", cycle=plan.slug) in content
    assert url("field", cycle=plan.slug, field="feld-1") in content
    assert "Handlungsbedarf Nummer" in content
    assert url("measure", cycle=plan.slug, code="1.1.1") in content  # open item taken up
    assert 'property="og:title" content="Konzept ik-2021"' in content
    # the predecessor links forward
    assert url("cycle", cycle=plan.slug) in page(client, url("cycle", cycle="ik-2015"))


def test_cycle_status_bars_count_measures_per_status(client, municipality):
    cycle = ConceptCycleFactory(municipality=municipality, slug="ik")
    field = FieldOfActionFactory(cycle=cycle, number=1, slug="feld-1")
    goal = GoalFactory(field=field)
    MeasureFactory(goal=goal)  # no report: planned
    for status, progress in [("done", 100), ("done", 100), ("delayed", 20)]:
        StatusReportFactory(measure=MeasureFactory(goal=goal), status=status, progress=progress)
    MeasureFactory(goal=goal, is_draft=True)  # not counted for the public
    response = client.get(url("cycle", "en", cycle="ik"))
    summary = response.context["fields"][0].status_summary
    counts = {p["status"]: p["count"] for p in summary["parts"]}
    assert counts == {"planned": 1, "in_progress": 0, "done": 2, "delayed": 1, "stopped": 0}
    assert sum(p["percent"] for p in summary["parts"]) == 100
    assert [p["percent"] for p in summary["parts"]] == [25, 0, 50, 25, 0]
    content = response.content.decode()
    assert "done: 2" in content and "pct-50" in content
    assert 'style="' not in content


def test_status_bar_percentages_add_up_to_100():
    from collections import Counter

    from teilhabe.plan.views.public import status_summary

    summary = status_summary(Counter(planned=1, in_progress=1, done=1))
    assert sum(p["percent"] for p in summary["parts"]) == 100
    assert status_summary(Counter())["total"] == 0


def test_json_ld_parses(client, plan):
    for address, kind in [
        (url("cycle", cycle=plan.slug), "CreativeWork"),
        (url("measure", cycle=plan.slug, code="1.1.1"), "Action"),
    ]:
        content = page(client, address)
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
        assert len(blocks) == 1
        data = json.loads(blocks[0])
        assert data["@context"] == "https://schema.org" and data["@type"] == kind
        assert data["name"]
        if kind == "CreativeWork":
            assert data["temporalCoverage"] == "2021-01-01/2026-12-31"
            assert data["publisher"]["name"] == "Stadt Dresden"
        else:
            assert data["identifier"] == "1.1.1" and data["actionStatus"].endswith("ActionStatus")


def test_json_ld_cannot_close_its_script(client, municipality):
    ConceptCycleFactory(municipality=municipality, slug="ik", title="</script><b>x</b>")
    content = page(client, url("cycle", cycle="ik"))
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert json.loads(block.group(1))["name"] == "</script><b>x</b>"


def test_timeline(client, municipality, plan):
    old = ConceptCycleFactory(
        municipality=municipality, title="Konzept 2009", slug="ik-2009", starts_on=date(2009, 1, 1)
    )
    middle = ConceptCycleFactory(
        municipality=municipality,
        title="Konzept 2015",
        slug="ik-2015",
        starts_on=date(2015, 1, 1),
        predecessor=old,
    )
    plan.predecessor = middle
    plan.save()
    CyclePhaseFactory(
        cycle=plan,
        phase="consultation",
        starts_on=date(2021, 6, 1),
        ends_on=None,
        note="Drei Veranstaltungen",
    )
    content = page(client, url("timeline", "en", cycle=plan.slug))
    assert '<ol class="timeline">' in content
    assert "Drei Veranstaltungen" in content and "Public consultation" in content
    assert "V0815/21" in content
    versions = content[content.index("Versions of the integration concept") :]
    order = [versions.index(t) for t in ("Konzept 2009", "Konzept 2015", "Konzept ik-2021")]
    assert order == sorted(order)
    assert url("cycle", "en", cycle="ik-2009") in versions
    assert 'aria-current="true"' in versions


# --- Fields of action ---------------------------------------------------------------------


def test_field_page(client, plan):
    content = page(client, url("field", "en", cycle=plan.slug, field="feld-1"))
    for heading in ("Situation", "Developments", "Challenges"):
        assert heading in content
    assert "Die Lage heute." in content
    assert "Ziel 1.1" in content and "1.2.2" in content and "2.1.1" not in content
    assert url("measure", "en", cycle=plan.slug, code="1.1.1") in content
    assert "<progress" in content
    assert "Amt Nummer" in content  # lead department


def test_draft_field_goal_and_measure_hidden_from_public(client, municipality, plan):
    field = FieldOfActionFactory(cycle=plan, number=9, slug="entwurf", is_draft=True)
    goal = GoalFactory(field=plan.fields.get(number=1), code="1.9", is_draft=True)
    MeasureFactory(goal=goal, code="1.9.1")
    MeasureFactory(goal=plan.fields.get(number=1).goals.first(), code="1.1.9", is_draft=True)
    page(client, url("field", cycle=plan.slug, field=field.slug), status=404)
    page(client, url("measure", cycle=plan.slug, code="1.9.1"), status=404)
    page(client, url("measure", cycle=plan.slug, code="1.1.9"), status=404)
    content = page(client, url("field", cycle=plan.slug, field="feld-1"))
    assert "Ziel 1.9" not in content and "1.1.9" not in content
    codes = [m.code for m in client.get(url("measures", cycle=plan.slug)).context["measures"]]
    assert "1.9.1" not in codes and "1.1.9" not in codes
    client.force_login(office_admin(municipality))
    page(client, url("measure", cycle=plan.slug, code="1.1.9"))
    assert "draft" in page(client, url("field", "en", cycle=plan.slug, field=field.slug))


def test_fallback_note_in_english_for_german_only_text(client, plan):
    field = plan.fields.get(number=1)
    field.developments.set("en", "What has changed.")
    field.save()
    content = page(client, url("field", "en", cycle=plan.slug, field="feld-1"))
    assert "What has changed." in content
    assert "Die Lage heute." in content and FALLBACK_NOTE in content
    assert content.count(FALLBACK_NOTE) >= 1
    assert "fallback-note" not in page(client, url("field", cycle=plan.slug, field="feld-1"))


@pytest.mark.parametrize("language", ["de", "en", "de-x-simple"])
def test_every_page_works_in_every_language(client, plan, language):
    for address in [
        url("cycles", language),
        url("cycle", language, cycle=plan.slug),
        url("timeline", language, cycle=plan.slug),
        url("field", language, cycle=plan.slug, field="feld-1"),
        url("measures", language, cycle=plan.slug),
        url("measure", language, cycle=plan.slug, code="1.1.1"),
    ]:
        content = page(client, address)
        assert f'lang="{language}"' in content


# --- Charts and data tables ---------------------------------------------------------------


def test_every_chart_has_a_data_table(client, plan):
    for address in [url("cycle", cycle=plan.slug), url("field", cycle=plan.slug, field="feld-1")]:
        content = page(client, address)
        blocks = re.findall(r'<section class="chart-block".*?</section>', content, re.S)
        assert len(blocks) == 2  # one indicator, one funding line
        for block in blocks:
            assert '<img class="plan-chart"' in block and 'alt="' in block
            assert '<table class="kern-table' in block and "<caption" in block
            assert 'scope="col"' in block and 'scope="row"' in block


def test_data_tables_hold_the_numbers(client, municipality):
    cycle = ConceptCycleFactory(municipality=municipality, slug="ik")
    IndicatorFactory(cycle=cycle, title="Sprachkurse", values={2015: 1300, 2016: 36800})
    FundingLineFactory(
        cycle=cycle,
        title="Förderung MO",
        amounts={2010: 36800, 2011: 38000, 2012: 40400},
        amounts__estimated=[2011],
    )
    content = page(client, url("cycle", cycle="ik"))
    assert "36.800" in content and "40.400" in content
    english = page(client, url("cycle", "en", cycle="ik"))
    assert "36,800" in english and "40,400 €" in english
    assert "interpolated between known years" in english
    assert "<bdi>Sprachkurse</bdi>: values per year" in english


def test_chart_is_svg_without_script(client, plan):
    indicator = plan.indicators.filter(field=None).get()
    line = plan.funding_lines.filter(field=None).get()
    for kind, pk in [("indicator", indicator.pk), ("funding", line.pk)]:
        response = client.get(url("chart", cycle=plan.slug, kind=kind, pk=pk))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        svg = response.content.decode()
        assert svg.startswith("<?xml")
        assert "<svg" in svg and 'width="720"' in svg and "<title>" in svg
        assert "<script" not in svg and "href=" not in svg
        policy = response["Content-Security-Policy"]
        assert "style-src 'unsafe-inline'" in policy and "script-src 'none'" in policy
    page_policy = client.get(url("cycle", cycle=plan.slug))["Content-Security-Policy"]
    assert "unsafe-inline" not in page_policy


def test_chart_not_found(client, municipality, other_municipality, plan):
    indicator = plan.indicators.filter(field=None).get()
    other = build_plan(other_municipality, "fremd", 1, 1, 1, 0)
    foreign = other.indicators.filter(field=None).get()
    page(client, url("chart", cycle=plan.slug, kind="unknown", pk=indicator.pk), status=404)
    page(client, url("chart", cycle=plan.slug, kind="funding", pk=indicator.pk + 9999), status=404)
    page(client, url("chart", cycle=plan.slug, kind="indicator", pk=foreign.pk), status=404)
    page(client, url("chart", cycle="fremd", kind="indicator", pk=foreign.pk), status=404)
    plan.is_published = False
    plan.save()
    page(client, url("chart", cycle=plan.slug, kind="indicator", pk=indicator.pk), status=404)


# --- Measure list -------------------------------------------------------------------------


def codes(client, cycle, **params):
    from urllib.parse import urlencode

    address = url("measures", cycle=cycle.slug) + ("?" + urlencode(params) if params else "")
    response = client.get(address)
    assert response.status_code == 200
    return sorted(m.code for m in response.context["measures"])


@pytest.fixture
def measures(municipality):
    cycle = ConceptCycleFactory(municipality=municipality, slug="ik")
    sprache = FieldOfActionFactory(cycle=cycle, number=1, slug="sprache", title="Sprache")
    arbeit = FieldOfActionFactory(cycle=cycle, number=2, slug="arbeit", title="Arbeit")
    kultur = factories.DepartmentFactory(municipality=municipality, number="41", name="Kulturamt")
    sozial = factories.DepartmentFactory(municipality=municipality, number="50", name="Sozialamt")
    buecherei = MeasureFactory(
        goal=GoalFactory(field=sprache, code="1.1"),
        code="1.1.1",
        title="Mehrsprachige Bücherei",
        lead_departments=[kultur],
        target_groups=["children"],
    )
    kurse = MeasureFactory(
        goal=GoalFactory(field=sprache, code="1.2"),
        code="1.2.1",
        title="Sprachkurse für Frauen",
        lead_departments=[sozial],
        target_groups=["women"],
    )
    beratung = MeasureFactory(
        goal=GoalFactory(field=arbeit, code="2.1"),
        code="2.1.1",
        title="Beratung zur Anerkennung",
        lead_departments=[sozial],
        target_groups=["workers", "women"],
    )
    StatusReportFactory(measure=kurse, status="done", progress=100)
    StatusReportFactory(measure=beratung, status="delayed", progress=30)
    return {"cycle": cycle, "kultur": kultur, "sozial": sozial, "buecherei": buecherei}


def test_measure_list_filters(client, measures):
    cycle = measures["cycle"]
    assert codes(client, cycle) == ["1.1.1", "1.2.1", "2.1.1"]
    assert codes(client, cycle, field="arbeit") == ["2.1.1"]
    assert codes(client, cycle, department=measures["kultur"].pk) == ["1.1.1"]
    assert codes(client, cycle, department=measures["sozial"].pk) == ["1.2.1", "2.1.1"]
    assert codes(client, cycle, status="done") == ["1.2.1"]
    assert codes(client, cycle, status="planned") == ["1.1.1"]
    assert codes(client, cycle, status="delayed") == ["2.1.1"]
    assert codes(client, cycle, target_group="women") == ["1.2.1", "2.1.1"]
    assert codes(client, cycle, target_group="women", field="sprache") == ["1.2.1"]


@pytest.mark.parametrize(
    "query", ["Bücherei", "buecherei", "BUECHEREI", "bucherei", "mehrsprachige bücherei"]
)
def test_measure_search_with_and_without_umlauts(client, measures, query):
    assert codes(client, measures["cycle"], q=query) == ["1.1.1"]


def test_measure_list_ignores_invalid_filters(client, measures):
    assert len(codes(client, measures["cycle"], status="<script>", field="nix")) == 3


def test_measure_list_shows_count_and_filter_form(client, measures):
    content = page(client, url("measures", "en", cycle="ik"))
    assert "3 measures found" in content
    assert 'hx-select="#results"' in content
    for name in ("q", "field", "department", "status", "target_group"):
        assert f'name="{name}"' in content
    assert "Kulturamt" in content


def test_measure_list_htmx_gets_only_results(client, measures):
    content = page(client, url("measures", "en", cycle="ik") + "?q=kurse", HTTP_HX_REQUEST="true")
    assert 'id="results"' in content and "<html" not in content
    assert "1 measure found" in content


def test_measure_list_pagination(client, municipality):
    cycle = ConceptCycleFactory(municipality=municipality, slug="ik")
    goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=1))
    department = factories.DepartmentFactory(municipality=municipality)
    for i in range(30):
        MeasureFactory(goal=goal, code=f"1.1.{i:02d}", lead_departments=[department])
    assert len(client.get(url("measures", cycle="ik")).context["measures"]) == 25
    second = client.get(url("measures", "en", cycle="ik") + "?page=2")
    assert len(second.context["measures"]) == 5
    assert "Page 2 of 2" in second.content.decode()
    page(client, url("measures", cycle="ik") + "?page=99", status=404)


# --- Measure page -------------------------------------------------------------------------


def test_measure_page_shows_everything(client, municipality, measures):
    measure = measures["buecherei"]
    partner = factories.OrganisationFactory(municipality=municipality, name="Ausländerrat e. V.")
    hidden = factories.OrganisationFactory(
        municipality=municipality, name="Unveröffentlicht e. V.", is_published=False
    )
    measure.partner_organisations.set([partner, hidden])
    measure.partner_departments.set([measures["sozial"]])
    StatusReportFactory(
        measure=measure,
        reported_on=date(2022, 3, 1),
        status="in_progress",
        progress=30,
        text="Erster Bericht.",
        author_department=measures["kultur"],
    )
    StatusReportFactory(
        measure=measure,
        reported_on=date(2023, 5, 1),
        status="in_progress",
        progress=60,
        text="Zweiter Bericht.",
        evidence_url="https://example.org/nachweis",
    )
    content = page(client, url("measure", "en", cycle="ik", code="1.1.1"))
    assert "Mehrsprachige Bücherei" in content and "Was die Stadt tut." in content
    assert url("field", "en", cycle="ik", field="sprache") in content and "Ziel 1.1" in content
    # German names on the English page say they are German.
    german = (
        '<span lang="de" dir="auto">{}</span> <small class="fallback-marker">(in German)</small>'
    )
    assert "41 – " + german.format("Kulturamt") in content
    assert "50 – " + german.format("Sozialamt") in content
    assert partner.get_absolute_url() in content and "Unveröffentlicht" not in content
    assert "Children and parents" in content
    assert "36,800 €" in content and "Haushalt der Stadt" in content
    assert "medium" in content
    assert '<progress id="progress-' in content and 'value="60"' in content
    assert content.index("Zweiter Bericht.") < content.index("Erster Bericht.")
    assert "https://example.org/nachweis" in content
    assert "Reported by" in content
    assert "Report status" not in content
    german = page(client, url("measure", cycle="ik", code="1.1.1"))
    assert "36.800" in german


def test_measure_carried_over_links_both_ways(client, municipality, measures):
    old = measures["buecherei"]
    new_cycle = ConceptCycleFactory(municipality=municipality, slug="ik-neu", predecessor=old.cycle)
    goal = GoalFactory(field=FieldOfActionFactory(cycle=new_cycle, number=1))
    carried = MeasureFactory(
        goal=goal, code="1.1.1", predecessor=old, title="Bücherei, fortgesetzt"
    )
    OpenItemFactory(cycle=old.cycle, text="Mehr Bücher in Arabisch", taken_up_by=carried)
    content = page(client, url("measure", "en", cycle="ik", code="1.1.1"))
    assert "Carried over to" in content
    assert url("measure", "en", cycle="ik-neu", code="1.1.1") in content
    content = page(client, url("measure", "en", cycle="ik-neu", code="1.1.1"))
    assert "Carried over from" in content
    assert url("measure", "en", cycle="ik", code="1.1.1") in content
    assert "Mehr Bücher in Arabisch" in content
    # a draft successor is not linked for the public
    carried.is_draft = True
    carried.save()
    assert "Carried over to" not in page(client, url("measure", "en", cycle="ik", code="1.1.1"))


def test_report_button_only_for_who_may_report(client, municipality, measures):
    address = url("measure", cycle="ik", code="1.1.1")
    report = url("report", cycle="ik", code="1.1.1")
    assert report not in page(client, address)
    other_editor = factories.RoleFactory(
        municipality=municipality,
        kind=Role.Kind.DEPARTMENT_EDITOR,
        departments=[measures["sozial"]],
    )
    client.force_login(other_editor.user)
    assert report not in page(client, address)
    editor = factories.RoleFactory(
        municipality=municipality,
        kind=Role.Kind.DEPARTMENT_EDITOR,
        departments=[measures["kultur"]],
    )
    client.force_login(editor.user)
    assert report in page(client, address)
    client.force_login(office_admin(municipality))
    assert report in page(client, address)


def test_not_found(client, municipality, other_municipality, plan):
    build_plan(other_municipality, "fremd", 1, 1, 1, 0)
    for address in [
        url("cycle", cycle="gibt-es-nicht"),
        url("timeline", cycle="gibt-es-nicht"),
        url("measures", cycle="gibt-es-nicht"),
        url("field", cycle=plan.slug, field="gibt-es-nicht"),
        url("measure", cycle=plan.slug, code="9.9.9"),
        url("cycle", cycle="fremd"),
        url("measure", cycle="fremd", code="1.1.1"),
        url("cycles", municipality="gibt-es-nicht"),
    ]:
        page(client, address, status=404)


# --- Entry points ---------------------------------------------------------------------------


def test_home_page_and_navigation_link_the_plan(client, plan):
    with translation.override("en"):
        home = page(client, reverse("web:municipality", kwargs={"municipality": "dresden"}))
    assert home.count(url("cycles", "en")) == 2  # main navigation and card
    assert "Integration concept" in home
    content = page(client, url("cycle", cycle=plan.slug))
    assert f'href="{url("cycles")}" aria-current="page"' in content
