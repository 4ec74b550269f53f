"""The participant list as rows for staff exports (CSV for Excel, XLSX).

Personal data: only for ``events.manage_event`` (the views check it). Dates and times
are Berlin time. In the CSV a cell that a spreadsheet would read as a formula gets a
leading apostrophe (CSV has no cell types); the XLSX writes every text as a text cell,
which no spreadsheet evaluates, so names appear as they were entered, and times as
real date cells (both written by ``teilhabe/exports/files.py``)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.directory.models import Organisation
from teilhabe.exports import files


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
    """Berlin time without a zone (spreadsheets know no zones), or None."""
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def organisation_label(registration):
    if registration.organisation_id:
        return registration.organisation.name
    return registration.organisation_name


def organisation_type_label(code):
    if not code:
        return ""
    return str(Organisation.Type(code).label) if code in Organisation.Type.values else code


def participant_rows(registrations):
    """One list of values per registration, in the order of ``headers()``: texts, and
    naive Berlin datetimes (or None) for the times."""
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


def as_csv(registrations):
    return files.as_csv(headers(), participant_rows(registrations))


def as_xlsx(registrations, title):
    return files.as_xlsx(
        headers(),
        participant_rows(registrations),
        title=files.sheet_title(title, "Teilnehmende"),
    )
