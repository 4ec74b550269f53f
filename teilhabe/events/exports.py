"""The participant list as rows for staff exports (CSV for Excel, XLSX).

Personal data: only for ``events.manage_event`` (the views check it). Cells that a
spreadsheet would read as a formula are neutralised."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.directory.models import Organisation

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def headers():
    return [
        _("Name"),
        _("E-mail address"),
        _("Organisation"),
        _("Type of organisation"),
        _("Audience group"),
        _("Status"),
        _("Seat reserved by staff"),
        _("Registered on"),
        _("Checked in"),
        _("Did not come"),
        _("Interpretation into"),
        _("Accessibility needs"),
        _("Dietary needs"),
    ]


def _local(value):
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""


def organisation_label(registration):
    if registration.organisation_id:
        return registration.organisation.name
    return registration.organisation_name


def organisation_type_label(code):
    if not code:
        return ""
    return str(Organisation.Type(code).label) if code in Organisation.Type.values else code


def participant_rows(registrations):
    """One list of plain values per registration, in the order of ``headers()``."""
    yes, no = _("yes"), _("no")
    for r in registrations:
        yield [
            r.name,
            r.email,
            organisation_label(r),
            organisation_type_label(r.organisation_type),
            str(r.audience_group.name) if r.audience_group_id else "",
            str(r.get_status_display()),
            yes if r.is_reserved else no,
            _local(r.created_at),
            _local(r.checked_in_at),
            yes if r.is_no_show else no,
            r.interpretation_language,
            r.accessibility_needs,
            r.dietary_needs,
        ]


def _safe(value):
    value = "" if value is None else str(value)
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def as_csv(registrations):
    """UTF-8 with byte order mark and semicolons, as German Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    for row in participant_rows(registrations):
        writer.writerow([_safe(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(registrations, title):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (title or "Teilnehmende")[:31].translate(str.maketrans("[]:*?/\\", "       "))
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in participant_rows(registrations):
        sheet.append([_safe(v) for v in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
