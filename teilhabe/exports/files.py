"""Tables as files, the one place every export writes them: CSV as German Excel opens it
(UTF-8 with byte order mark, semicolons), XLSX with text cells and JSON.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(formula injection, e.g. a name "=HYPERLINK(...)" typed into a registration form). CSV
has no cell types, so such a cell gets a leading apostrophe, which spreadsheets hide;
``uncell`` takes it off again when a file comes back (``teilhabe/imports``). The XLSX
writes every text as a text cell, which no spreadsheet evaluates, so texts stay exactly
as they were entered; dates and times are real date cells, numbers numbers."""

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
XLSX_DATE_FORMAT = "DD.MM.YYYY"
CSV_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "pdf": "application/pdf",
    "zip": "application/zip",
    "jsonld": "application/ld+json",
}


def csv_cell(value, *, datetime_format=CSV_DATETIME_FORMAT):
    """A value as CSV text; a text a spreadsheet would run as a formula gets an
    apostrophe. Dates are ISO (``2021-06-15``), times in ``datetime_format`` (None: ISO
    8601 with the offset), truth values ``true``/``false``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat() if datetime_format is None else value.strftime(datetime_format)
    if isinstance(value, date):
        return value.isoformat()
    value = "" if value is None else str(value)
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def uncell(text):
    """The text ``csv_cell`` wrote: without the apostrophe it added before a formula."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def as_csv(headers, rows, *, datetime_format=CSV_DATETIME_FORMAT):
    """UTF-8 with byte order mark and semicolons, as German Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_cell(v, datetime_format=datetime_format) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sheet_title(title, fallback):
    """A worksheet name Excel accepts: at most 31 characters, none of ``[]:*?/\\``."""
    return (title or fallback)[:31].translate(str.maketrans("[]:*?/\\", "       "))


def as_xlsx(headers, rows, *, title, widths=(), wrap=False):
    """One worksheet: a bold header row (frozen), texts as text cells, dates and times
    as date cells. ``widths``: column widths in characters, from the first column on."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    alignment = Alignment(wrap_text=True, vertical="top") if wrap else None
    for row in rows:
        sheet.append([_xlsx_value(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime):
                cell.number_format = XLSX_DATETIME_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = XLSX_DATE_FORMAT
            elif isinstance(cell.value, str):
                # A text cell, even if it starts with "=": openpyxl would store a formula.
                cell.data_type = "s"
                if alignment:
                    cell.alignment = alignment
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        # Spreadsheets know no zones: Berlin time.
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def json_value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def as_json(headers, rows, **meta):
    """``{**meta, "columns": [...], "rows": [{column: value}, ...]}``, UTF-8, dates in
    ISO 8601, amounts as strings (no rounding through a float)."""
    headers = list(headers)
    document = {
        **meta,
        "columns": headers,
        "rows": [
            {name: json_value(value) for name, value in zip(headers, row, strict=True)}
            for row in rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
