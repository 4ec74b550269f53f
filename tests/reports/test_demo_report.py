"""The Dresden demo publishes the implementation report 2009–2014 of the 2009 cycle
(seed 004), linked from the cycle's page, with every chapter of the seed and its
figures, as a web page and as a PDF (read back with poppler-utils)."""

import re

import pytest
from django.urls import reverse

from teilhabe.reports.models import Report

from . import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(dresden_demo):
    return Report.objects.published().get(cycle__slug="2009")


SEED_FIGURES = [
    "222",  # employees trained
    "140.600 €",  # Amt 41, 2009
    "149.200 €",  # Amt 41, 2013
    "36.800 €",  # project funding for migrant associations, 2009
    "40.400 €",  # 2013
    "550.000 €",  # local action programme 2012 and 2013
]
SEED_TEXTS = [
    "Konzept zur Integration von Migrantinnen und Migranten 2009",
    "FAG 1",
    "FAG 4",
    "Caritas",  # a member of the FAGs
    "Verein der Vietnamesen in Dresden",
    "Mehrsprachige Informationsmaterialien und Öffentlichkeitsarbeit",
    "Willkommensbroschüre für Asylsuchende",
    "Förderung interkultureller Arbeit",
    "Projektförderung Migrantenvereine",
    "Traumafolgestörungen",  # a need for action
    "Gemeindedolmetscherdienstes",
]


def test_the_demo_publishes_the_2009_report_linked_from_the_cycle(client, published):
    assert (published.starts_on.isoformat(), published.ends_on.isoformat()) == (
        "2009-07-01",
        "2014-03-31",
    )
    assert published.language == "de" and published.file and published.snapshot
    page = client.get(reverse("plan:cycle", kwargs={"municipality": "dresden", "cycle": "2009"}))
    assert published.get_absolute_url() in page.content.decode()


def test_the_web_page_has_every_chapter_and_the_seeds_figures(client, published):
    html = client.get(published.get_absolute_url()).content.decode()
    text = re.sub(r"\s+", " ", html)
    assert text.count("<h1") == 1
    for chapter in (
        "1. Grundlagen",
        "2. Mitwirkende",
        "3. Interkulturelle Öffnung",
        "4. Leistungen nach Handlungsfeld und Amt",
        "5. Förderung",
        "6. Handlungsbedarfe",
    ):
        assert chapter in text, chapter
    for figure in SEED_FIGURES + SEED_TEXTS:
        assert figure in text, figure


def test_the_pdf_has_every_chapter_page_numbers_and_a_table_of_contents(published):
    content = published.file.read()
    count = pdf.page_count(content)
    assert count >= 8
    pages = pdf.page_texts(content)
    # Table cells break lines where the web page does not: compared without spaces.
    text = re.sub(r"\s+", "", pdf.text(content))
    for figure in SEED_FIGURES + SEED_TEXTS:
        assert re.sub(r"\s+", "", figure) in text, figure
    # Page numbers at the foot of each page; the contents name the page of each chapter.
    assert f"Seite 1 / {count}" in pages[0]
    assert f"Seite {count} / {count}" in pages[count - 1]
    contents = re.sub(r"\s+", " ", pages[0])
    found = re.search(r"5\. Förderung[ .]*(\d+)", contents)
    assert found, contents
    funding_page = int(found.group(1))
    assert "5. Förderung" in pages[funding_page - 1]
    assert "5. Förderung" not in pages[funding_page - 2]
    images = pdf.images(content, 1, 2)
    assert len(images) == 2 and all(i.stat().st_size > 5000 for i in images)
