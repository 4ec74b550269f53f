"""The consideration table (Abwägungstabelle) of a consultation as a file: CSV (for
German Excel), XLSX and PDF, with the filters of the page.

Public fields only: number, demand, source (statement with its published organisations
and date, section of a draft, event station), fields of action, the published answer
(outcome, reason, department, date), the public measures, the demand's address. Texts
are in the active language with the German fallback. In the CSV a cell a spreadsheet
would read as a formula gets a leading apostrophe; the XLSX writes every text as a
text cell (see ``teilhabe/events/exports.py``)."""

import csv
import io

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _

from teilhabe.languages.content import translated

from .models import Demand
from .selectors import OUTCOME_LABELS, outcome_of, published_answer

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def headers():
    return [
        _("Number"),
        _("Demand"),
        _("Source"),
        _("Fields of action"),
        _("Answer"),
        _("Reason"),
        _("Answering department"),
        _("Answered on"),
        _("Measures"),
        _("Address"),
    ]


def source_text(demand):
    """The demand's source in one line, e.g. "Position paper: … (DSM e. V., 17.03.2021)"."""
    if demand.source == Demand.Source.STATEMENT:
        statement = demand.statement
        details = [o.name for o in statement.organisations.all()]
        details.append(formats.date_format(statement.submitted_on, "SHORT_DATE_FORMAT"))
        title = translated(statement, "title").text
        return f"{statement.get_kind_display()}: {title} ({', '.join(details)})"
    if demand.source == Demand.Source.COMMENT:
        section = demand.comment.section
        return _("Comment on section %(section)s of %(draft)s") % {
            "section": f"{section.number} {translated(section, 'heading').text}".strip(),
            "draft": translated(section.draft, "title").text,
        }
    station = demand.station
    return _("Station “%(station)s” at %(event)s") % {
        "station": translated(station, "title").text,
        "event": translated(station.item.event, "title").text,
    }


def rows(demands, demand_url):
    """One list of cells per demand; ``demand_url(demand)`` is the address of its page."""
    for demand in demands:
        answer = published_answer(demand)
        measures = answer.measures.all() if answer else []
        yield [
            demand.number,
            translated(demand, "text").text,
            source_text(demand),
            "; ".join(f"{f.number}. {translated(f, 'title').text}" for f in demand.fields.all()),
            str(OUTCOME_LABELS[outcome_of(demand)]),
            translated(answer, "reason").text if answer else "",
            translated(answer.department, "name").text if answer and answer.department else "",
            formats.date_format(answer.answered_on, "SHORT_DATE_FORMAT") if answer else "",
            "; ".join(f"{m.code} {translated(m, 'title').text}" for m in measures),
            demand_url(demand),
        ]


def _csv_cell(value):
    value = "" if value is None else str(value)
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def as_csv(demands, demand_url):
    """UTF-8 with byte order mark and semicolons, as German Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    for row in rows(demands, demand_url):
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(demands, demand_url, title):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (title or _("Consideration"))[:31].translate(str.maketrans("[]:*?/\\", "       "))
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(demands, demand_url):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                # A text cell, even if it starts with "=": openpyxl would store a formula.
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEFGHIJ", (8, 60, 40, 30, 16, 60, 30, 12, 40, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_html(demands, demand_url, context):
    """The print page the PDF is made from."""
    return render_to_string(
        "consultation/trail_consideration_print.html",
        {**context, "headers": headers(), "rows": list(rows(demands, demand_url))},
    )


def pdf_document(demands, demand_url, context):
    """The laid-out pages (WeasyPrint's ``Document``): A4 landscape, with the filters and
    the date of the export on the first page."""
    from weasyprint import HTML

    return HTML(string=pdf_html(demands, demand_url, context)).render()


def as_pdf(demands, demand_url, context):
    return pdf_document(demands, demand_url, context).write_pdf()
