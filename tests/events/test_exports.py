"""The participant exports: the XLSX holds times as real date cells and names as text
exactly as entered (a text cell is never evaluated); the CSV, which has no cell types,
guards a formula-like cell with an apostrophe."""

import csv
import io
from datetime import UTC, datetime

from django.urls import reverse
from openpyxl import load_workbook

from teilhabe.accounts.models import Role
from tests.conftest import make_user_with_role
from tests.events.factories import EventFactory, RegistrationFactory

FORMULA_NAME = '=HYPERLINK("http://evil.example","Klick")'


def export(client, event, fmt):
    client.force_login(make_user_with_role(event.municipality, Role.Kind.OFFICE_ADMIN))
    url = reverse(
        "events:export",
        kwargs={"municipality": event.municipality.slug, "slug": event.slug, "fmt": fmt},
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def registered_event(municipality):
    event = EventFactory(municipality=municipality)
    registration = RegistrationFactory(event=event, name=FORMULA_NAME)
    # 20 March 2027, 09:15 UTC = 10:15 in Berlin.
    registration.created_at = datetime(2027, 3, 20, 9, 15, tzinfo=UTC)
    registration.save(update_fields=["created_at"])
    return event


def test_xlsx_has_date_cells_and_unguarded_text_cells(client, municipality):
    event = registered_event(municipality)
    sheet = load_workbook(io.BytesIO(export(client, event, "xlsx"))).active
    header = [cell.value for cell in sheet[1]]
    name = sheet.cell(row=2, column=header.index("Name") + 1)
    assert name.value == FORMULA_NAME
    assert name.data_type == "s"  # text, not a formula
    registered = sheet.cell(row=2, column=header.index("Angemeldet am") + 1)
    assert registered.value == datetime(2027, 3, 20, 10, 15)
    assert registered.is_date
    assert registered.number_format == "DD.MM.YYYY HH:MM"
    checked_in = sheet.cell(row=2, column=header.index("Eingelassen") + 1)
    assert checked_in.value is None


def test_csv_guards_formulas_and_writes_german_dates(client, municipality):
    event = registered_event(municipality)
    content = export(client, event, "csv").decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert row[header.index("Name")] == "'" + FORMULA_NAME
    assert row[header.index("Angemeldet am")] == "20.03.2027 10:15"
