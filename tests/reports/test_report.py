"""The implementation report from live data: its chapters for a period, the status of
each measure on the period's last day, its figures; a fixed number of queries; the
Arabic PDF right to left with an embedded Arabic font."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from teilhabe.languages.content import use_municipality
from teilhabe.reports import documents, selectors

from . import pdf
from .factories import END, START, build_plan

pytestmark = pytest.mark.django_db


def live_url(cycle, query=f"starts_on={START}&ends_on={END}", language="de"):
    with translation.override(language):
        address = reverse(
            "reports:live", kwargs={"municipality": cycle.municipality.slug, "cycle": cycle.slug}
        )
    return f"{address}?{query}"


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_web_page_reports_the_period(client, municipality):
    cycle = build_plan(municipality)
    page = text_of(client.get(live_url(cycle)))
    assert page.count("<h1") == 1
    for chapter in ("1. Grundlagen", "2. Mitwirkende", "3. Interkulturelle Öffnung"):
        assert chapter in page
    assert "Wegweiser in sieben Sprachen gedruckt." in page
    assert "Nach dem Zeitraum" not in page  # a highlight after the period
    assert "Kurs 1 läuft." in page
    assert "36.800 €" in page and "40.400 €" in page
    assert "1.000 €" not in page  # 2020 is before the period
    assert "Verein der Vietnamesen" in page
    assert "Erika Geheim" not in page  # a person's name only with consent
    assert "Dolmetscherdienst sichern." in page
    assert '<caption class="sr-only">Arbeit</caption>' in page
    assert 'alt="Balkendiagramm: Maßnahmen nach Stand und Handlungsfeld.' in page


def test_a_measure_has_its_status_of_the_periods_last_day(client, municipality):
    cycle = build_plan(municipality)
    page = text_of(client.get(live_url(cycle, "starts_on=2021-01-01&ends_on=2021-12-31")))
    # Its only report is of June 2022: at the end of 2021 it was planned.
    assert 'Mehrsprachige Wegweiser</th><td class="kern-table__cell">' in page
    row = page.split("Mehrsprachige Wegweiser</th>", 1)[1].split("</tr>", 1)[0]
    assert "geplant (0 %)" in row
    assert "Wegweiser in sieben Sprachen" not in page


def test_bad_dates_are_refused_with_a_message(client, municipality):
    cycle = build_plan(municipality)
    page = text_of(client.get(live_url(cycle, "starts_on=2022-01-01&ends_on=2021-01-01")))
    assert "Der Zeitraum kann nicht enden, bevor er beginnt." in page
    assert 'id="foundations"' not in page
    page = text_of(client.get(live_url(cycle, "starts_on=99999-01-01&ends_on=2021-01-01")))
    assert 'id="foundations"' not in page


def test_another_municipalitys_cycle_and_an_unpublished_one_are_not_found(
    client, municipality, other_municipality
):
    cycle = build_plan(municipality)
    address = live_url(cycle).replace("/dresden/", "/leipzig/")
    assert client.get(address).status_code == 404
    cycle.is_published = False
    cycle.save()
    assert client.get(live_url(cycle)).status_code == 404


def count_queries(client, cycle):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(live_url(cycle))
    assert response.status_code == 200
    return len(queries)


def test_the_page_runs_the_same_queries_for_few_and_many_measures(client, municipality):
    from tests.plan.factories import MeasureFactory, StatusReportFactory

    cycle = build_plan(municipality, measures=2)
    few = count_queries(client, cycle)
    goal = cycle.measures.first().goal
    for number in range(15):
        measure = MeasureFactory(goal=goal, code=f"1.1.{number + 10}")
        StatusReportFactory(measure=measure, is_highlight=True, text="Mehr.")
    from django.core.cache import caches

    for alias in ("default",):
        caches[alias].clear()
    assert count_queries(client, cycle) == few


def test_the_arabic_pdf_is_right_to_left_with_an_arabic_font(municipality):
    municipality.content_languages = ["de", "ar"]
    municipality.save()
    cycle = build_plan(municipality)
    with use_municipality(municipality), translation.override("ar"):
        data = selectors.build(cycle, START, END)
    html = documents.pdf_html(documents.present(data), "ar")
    assert '<html lang="ar" dir="rtl">' in html
    content = documents.as_pdf(data, "ar")
    assert "Noto-Sans-Arabic" in pdf.fonts(content)
    # pdftotext reads shaped Arabic glyphs back only letter by letter: Arabic letters
    # and the embedded Arabic font (not a fallback box) prove the script is set.
    text = pdf.text(content)
    assert len(re.findall("[\u0600-\u06ff]", text)) > 200
    assert "\u202b" in text  # pdftotext marks right-to-left runs
