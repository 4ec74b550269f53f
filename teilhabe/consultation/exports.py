"""The consideration table (Abwägungstabelle) of a consultation as a file: CSV (for
German Excel), XLSX, JSON and PDF, with the filters of the page.

Public fields only: number, demand, source (statement with its published organisations
and date, section of a draft, event station), fields of action, the published answer
(outcome, reason, department, date), the public measures, the demand's address. Texts
are in the active language with the German fallback. In the CSV a cell a spreadsheet
would read as a formula gets a leading apostrophe; the XLSX writes every text as a
text cell (``teilhabe/exports/files.py``). The JSON has the same columns."""

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _

from teilhabe.exports import files
from teilhabe.languages.content import translated

from .models import Demand
from .selectors import OUTCOME_LABELS, outcome_of, published_answer


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


def as_csv(demands, demand_url):
    return files.as_csv(headers(), rows(demands, demand_url))


def as_xlsx(demands, demand_url, title):
    return files.as_xlsx(
        headers(),
        rows(demands, demand_url),
        title=files.sheet_title(title, _("Consideration")),
        widths=(8, 60, 40, 30, 16, 60, 30, 12, 40, 40),
        wrap=True,
    )


def as_json(demands, demand_url, title):
    return files.as_json(headers(), rows(demands, demand_url), title=title)


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
