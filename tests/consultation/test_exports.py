"""Exports of the consideration table: CSV, XLSX and PDF with the page's filters,
public fields only; unknown formats are not found."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from teilhabe.consultation import exports, pdfs, selectors
from teilhabe.consultation.models import ConsiderationPdf

from .trail import build_trail


@pytest.fixture
def trail(municipality):
    return build_trail(municipality)


def export_url(fmt, language="de", consultation="analyse", municipality="dresden", query=""):
    with translation.override(language):
        address = reverse(
            "consultation:consideration_export",
            kwargs={"municipality": municipality, "consultation": consultation, "fmt": fmt},
        )
    return address + (f"?{query}" if query else "")


def pdf_url(language="de", query=""):
    with translation.override(language):
        address = reverse(
            "consultation:consideration_pdf",
            kwargs={"municipality": "dresden", "consultation": "analyse"},
        )
    return address + (f"?{query}" if query else "")


def download(client, address, content_type):
    response = client.get(address)
    assert response.status_code == 200, address
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response.content


def csv_rows(client, query="", language="de"):
    content = download(client, export_url("csv", language, query=query), "text/csv; charset=utf-8")
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


SECRETS = ("Geheime Begründung", "Vorgeschlagene Begründung", "Geheimer Entwurf", "1.1.9")


def test_csv_has_a_row_per_public_demand_with_its_trail(client, trail):
    rows = csv_rows(client, language="en")
    assert rows[0] == [
        "Number",
        "Demand",
        "Source",
        "Fields of action",
        "Answer",
        "Reason",
        "Answering department",
        "Answered on",
        "Measures",
        "Address",
    ]
    by_number = {row[0]: row for row in rows[1:]}
    assert list(by_number) == ["1", "2", "3", "4", "5"]
    first = by_number["1"]
    assert first[1] == "More language courses."
    assert first[2].startswith("Position paper: Positionspapier der Migrantenorganisationen (")
    assert "Dachverband Migrantenorganisationen" in first[2] and "Kulturverein" in first[2]
    assert first[3] == "1. Sprache"
    assert first[4] == "adopted"
    assert first[5] == "Language cafés."
    assert first[6] == "Sozialamt"
    assert first[8] == "1.1.1 Sprachcafés in jedem Stadtteil"
    assert first[9] == "http://testserver/en/dresden/beteiligung/forderungen/ik/1/"
    assert by_number["2"][2] == "Comment on section 2.1 Sprache und Bildung of Analyse"
    assert by_number["3"][2] == "Station “Tisch Arbeit” at Integrationskonferenz"
    for number in ("3", "4", "5"):
        assert by_number[number][4] == "not answered yet"
        assert by_number[number][5:9] == ["", "", "", ""]
    text = repr(rows)
    for secret in SECRETS:
        assert secret not in text
    # No personal data of the comment's author.
    assert "Amira" not in text


def test_json_has_the_csv_rows_with_the_filters(client, trail):
    import json

    content = download(
        client, export_url("json", "en", query="source=statement"), "application/json"
    )
    document = json.loads(content)
    assert document["title"] == trail.consultation.translated("title", "en").text
    assert document["columns"][:2] == ["Number", "Demand"]
    assert [row["Number"] for row in document["rows"]] == [1, 4, 5]
    first = document["rows"][0]
    assert first["Demand"] == "More language courses."
    assert first["Answer"] == "adopted"
    assert first["Address"] == "http://testserver/en/dresden/beteiligung/forderungen/ik/1/"
    for secret in SECRETS:
        assert secret not in content.decode()


def test_csv_takes_the_filters_of_the_page(client, trail):
    assert [r[0] for r in csv_rows(client, "source=statement")[1:]] == ["1", "4", "5"]
    assert [r[0] for r in csv_rows(client, "outcome=open&field=arbeit")[1:]] == ["3"]
    # A bad value is left out, as on the page: no 500.
    assert [r[0] for r in csv_rows(client, "outcome=vielleicht")[1:]] == ["1", "2", "3", "4", "5"]


def test_csv_cells_that_look_like_formulas_are_defused(client, trail):
    trail.from_station.text = {"de": '=HYPERLINK("http://evil")'}
    trail.from_station.save()
    row = next(r for r in csv_rows(client)[1:] if r[0] == "3")
    assert row[1] == '\'=HYPERLINK("http://evil")'


def test_xlsx_has_the_same_rows_as_text_cells(client, trail):
    from openpyxl import load_workbook

    trail.from_station.text = {"de": "=1+2"}
    trail.from_station.save()
    content = download(
        client,
        export_url("xlsx", "en", query="outcome=open"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == ["Number", "Demand"]
    assert [row[0] for row in rows[1:]] == [3, 4, 5]
    assert rows[1][1] == "=1+2"
    assert sheet["B2"].data_type == "s"  # text, not a formula
    assert rows[2][1] == "Dolmetscherpool aufbauen."
    assert rows[2][4] == "not answered yet"
    for secret in SECRETS:
        assert secret not in repr(rows)


def page_texts(document):
    """The text of each laid-out page of a WeasyPrint document."""
    texts = []
    for page in document.pages:
        parts = []
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if hasattr(box, "text") and isinstance(box.text, str):
                parts.append(box.text)
            stack.extend(reversed(getattr(box, "children", [])))
        texts.append(" ".join(parts))
    return texts


@pytest.mark.django_db(transaction=True)
def test_pdf_is_a_pdf_of_the_filtered_table(client, trail):
    assert client.get(pdf_url("en", query="source=statement")).status_code == 202
    call_command("worker", batch=True, interval=0, verbosity=0)
    content = download(client, pdf_url("en", query="source=statement"), "application/pdf")
    assert content.startswith(b"%PDF-")
    assert content.rstrip().endswith(b"%%EOF")
    # What the PDF is made of: the same rows, laid out.
    with translation.override("en"):
        demands = selectors.consideration_demands(trail.consultation, source="statement")
        document = exports.pdf_document(
            demands,
            lambda demand: f"https://example.org/{demand.number}",
            {
                "consultation": trail.consultation,
                "municipality": trail.municipality,
                "filters": [("Source", "Statement or position paper")],
                "exported_on": trail.adopted.created_at.date(),
            },
        )
    text = " ".join(page_texts(document))
    assert "Consideration table" in text
    assert "Source: Statement or position paper" in text
    assert "More language courses." in text
    assert "Dolmetscherpool aufbauen." in text
    assert "Sprache und Bildung" not in text  # the comment's demand is filtered out
    for secret in SECRETS:
        assert secret not in text


def test_pdf_of_many_demands_runs_over_pages(municipality):
    trail = build_trail(municipality, extra=40)
    with translation.override("en"):
        document = exports.pdf_document(
            selectors.consideration_demands(trail.consultation),
            lambda demand: "",
            {
                "consultation": trail.consultation,
                "municipality": municipality,
                "filters": [],
                "exported_on": trail.adopted.created_at.date(),
            },
        )
    texts = page_texts(document)
    assert len(texts) > 1
    # The header row is repeated on every page.
    assert all(text.count("Answering department") == 1 for text in texts)
    assert "Weitere Forderung Nummer 39." in texts[-1]


@pytest.mark.parametrize("fmt", ["xml", "xls", "PDF", "csv.exe"])
def test_unknown_format_is_not_found(client, trail, fmt):
    assert client.get(export_url(fmt)).status_code == 404


def test_export_of_a_foreign_or_unpublished_consultation_is_not_found(
    client, trail, other_municipality
):
    assert client.get(export_url("csv", municipality="leipzig")).status_code == 404
    trail.consultation.is_published = False
    trail.consultation.save()
    assert client.get(export_url("csv")).status_code == 404


def test_pdf_of_too_many_demands_is_refused_and_nothing_is_queued(client, trail, monkeypatch):
    from django.test import override_settings

    monkeypatch.setattr(pdfs, "MAX_DEMANDS", 3)
    with override_settings(TEILHABE_PAGE_CACHE=False):
        response = client.get(pdf_url("en"))
        assert response.status_code == 400
        assert "A PDF holds at most 3 demands." in response.content.decode()
        assert not ConsiderationPdf.objects.exists()
        assert client.get(pdf_url(query="source=statement")).status_code == 202
        assert client.get(export_url("csv")).status_code == 200


def test_xliff_keeps_its_namespaces_after_a_pdf_was_made(client, trail):
    """WeasyPrint registers XML namespaces of its own on import (the empty prefix among
    them): the translation export, in the same process, still writes plain XLIFF."""
    from teilhabe.languages import xliff

    pdf, _ = pdfs.request_pdf(trail.consultation, {}, language="de", version="1")
    pdfs.make(pdf.pk)
    document = xliff.write_xliff([], "en", original="test")
    assert b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"' in document
    assert b"ns0:" not in document


def test_workbooks_and_pdfs_are_rate_limited_per_address(client, trail, settings, rate_limit_clock):
    """Each costs seconds of a server process (a new PDF: of the worker); the CSV
    (fast) is not counted."""
    settings.TEILHABE_RATE_LIMIT_PER_MINUTE = 2
    codes = [
        client.get(export_url(fmt, query=f"seite={n}")).status_code
        for n, fmt in enumerate(["xlsx", "csv", "csv", "csv", "xlsx"])
    ]
    codes.append(client.get(pdf_url(query="seite=5")).status_code)
    assert codes == [200, 200, 200, 200, 200, 429]
    assert not ConsiderationPdf.objects.exists()
