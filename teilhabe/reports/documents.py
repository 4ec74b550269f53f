"""The report laid out: the web page's context and the PDF (WeasyPrint) from the same
data (``selectors.build`` or a published snapshot) and the same template
(``reports/includes/report.html``)."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import charts

ARABIC_SCRIPT = {"ar", "fa"}
FONT_DIR = Path(settings.BASE_DIR) / "web" / "static" / "vendor" / "noto-sans-arabic"


def _dates(value):
    """ISO dates in the data as dates, for the template's date filter."""
    if isinstance(value, dict):
        return {
            k: (
                date.fromisoformat(v)
                if isinstance(v, str) and (k.endswith("_on") or k.endswith("_date")) and v
                else _dates(v)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_dates(v) for v in value]
    return value


def present(data):
    """The template's context for the report ``data`` (not changed: ``_dates`` copies
    every dict and list): dates as dates, the charts drawn, the funding years as
    columns."""
    report = _dates(data)
    drawn = charts.draw(data)
    for line, chart in zip(report["funding"]["lines"], drawn["funding"], strict=True):
        line["chart"] = chart
    report["funding"]["total_chart"], report["funding"]["totals"] = drawn["funding_total"]
    report["status_chart"] = drawn["status"]
    report["outcome_chart"] = drawn["outcomes"]
    for field in report["fields"]:
        field["counts"] = [
            {"label": s["label"], "number": n}
            for s, n in zip(report["statuses"], field["status_counts"], strict=True)
        ]
    return report


def font_faces(language):
    """@font-face rules WeasyPrint reads from the disk (no network): the Arabic-script
    font for Arabic and Persian only (loading a font costs time in every PDF), as
    TrueType (``make assets`` unpacks the WOFF2 the browsers get)."""
    if language not in ARABIC_SCRIPT:
        return []
    return [
        {
            "weight": weight,
            "url": (FONT_DIR / f"noto-sans-arabic-arabic-{weight}-normal.ttf").as_uri(),
        }
        for weight in (400, 700)
    ]


def pdf_html(report, language):
    with translation.override(language):
        return render_to_string(
            "reports/pdf.html",
            {
                "report": report,
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "arabic_script": language in ARABIC_SCRIPT,
                "font_faces": font_faces(language),
                "pdf": True,
            },
        )


def as_pdf(data, language, progress=None):
    """The PDF's bytes for the report ``data`` in ``language``; ``progress(percent)``
    is told how far it got."""
    from weasyprint import HTML

    progress = progress or (lambda percent: None)
    with translation.override(language):
        report = present(data)
    progress(30)
    html = pdf_html(report, language)
    progress(45)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    progress(85)
    return document.write_pdf()
