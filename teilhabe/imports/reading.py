"""Reading an uploaded table: XLSX (the first worksheet) or CSV in UTF-8, UTF-8 with a
byte order mark or Windows-1252 (what German Excel saves as "CSV"), separated by
semicolons, commas or tabs. Anything else is refused with a reason the office can act
on: UTF-16 ("Unicode text"), binary files, files that are too large or have too many
rows, columns or characters in a cell, and headers that name unknown, doubled or no
columns.

Windows-1252 is tried only when the bytes are not UTF-8: UTF-8 text with umlauts is never
valid Windows-1252 read as UTF-8, so the guess is safe in that direction. Five bytes are
undefined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D); a file with one of them is no
Windows-1252 text either and is refused."""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from teilhabe.exports.files import uncell

from .texts import gettext as _
from .texts import ngettext

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 60
MAX_CELL = 20_000  # characters; the longest field (a description) is far below
XLSX_MAGIC = b"PK\x03\x04"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


class FileRefused(Exception):
    """The file cannot be read as a table; the message (a ``texts.Text``) says why."""


@dataclass
class Table:
    headers: list
    # (line in the file, {column: value}); values are text, or dates and numbers from XLSX
    rows: list = field(default_factory=list)
    encoding: str = ""


def read_table(data, filename=""):
    """The table in ``data`` (bytes), or ``FileRefused``."""
    if not data:
        raise FileRefused(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise FileRefused(
            _("The file is too large (at most %(size)s MB).") % {"size": MAX_BYTES // (1024 * 1024)}
        )
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data)
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise FileRefused(_("The file is not a readable XLSX workbook."))
    return _read_csv(data)


def decode(data):
    """The text of a CSV file and the encoding it was in."""
    if data.startswith(UTF16_BOMS) or data[:200].count(b"\x00") > 0:
        if data.startswith(UTF16_BOMS) or _looks_utf16(data):
            raise FileRefused(
                _(
                    "The file is in UTF-16 (“Unicode text”). Save it as “CSV UTF-8” or as "
                    "an Excel workbook (XLSX) and upload it again."
                )
            )
        raise FileRefused(_("This is not a text file. Upload a CSV file or an XLSX workbook."))
    if b"\x00" in data:
        raise FileRefused(_("This is not a text file. Upload a CSV file or an XLSX workbook."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(character in CONTROL for character in text):
            raise FileRefused(_("This is not a text file. Upload a CSV file or an XLSX workbook."))
        return text, "utf-8" if encoding == "utf-8-sig" else "windows-1252"
    raise FileRefused(
        _(
            "The file's characters cannot be read: save it as “CSV UTF-8” or as an Excel "
            "workbook (XLSX)."
        )
    )


def _looks_utf16(data):
    head = data[:200]
    return head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4


def _read_csv(data):
    text, encoding = decode(data)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = list(_bounded(reader))
    except csv.Error as error:
        raise FileRefused(
            _("The CSV file cannot be read (line %(line)s): %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    table = _table(records, uncell_texts=True)
    table.encoding = encoding
    return table


def _bounded(records):
    for number, record in enumerate(records, start=1):
        if number > MAX_ROWS + 1:
            raise FileRefused(
                _("The file has more than %(count)s rows; split it into smaller files.")
                % {"count": MAX_ROWS}
            )
        yield number, record


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise FileRefused(_("The file is not a readable XLSX workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        records = []
        # One column more than allowed is enough to refuse a sheet that is too wide.
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        for number, values in _bounded(rows):
            records.append((number, [_xlsx_cell(v) for v in values]))
    except FileRefused:
        raise
    except Exception as error:  # a damaged sheet: openpyxl raises many kinds
        raise FileRefused(_("The file is not a readable XLSX workbook.")) from error
    finally:
        workbook.close()
    table = _table(records, uncell_texts=False)
    table.encoding = "xlsx"
    return table


def _xlsx_cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime) and not value.hour and not value.minute and not value.second:
        return value.date()
    if isinstance(value, bool | int | float | date):
        return value
    return str(value)


def _table(records, *, uncell_texts):
    records = [(n, r) for n, r in records if any(str(cell).strip() for cell in r)]
    if not records:
        raise FileRefused(_("The file is empty."))
    _line, header = records[0]
    headers = [str(cell).strip().lower() for cell in header]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise FileRefused(_("The file has too many columns."))
    if any(not name for name in headers):
        raise FileRefused(_("The first row must name every column; one is empty."))
    doubled = sorted({name for name in headers if headers.count(name) > 1})
    if doubled:
        raise FileRefused(
            ngettext(
                "The column %(columns)s appears more than once.",
                "The columns %(columns)s appear more than once.",
                len(doubled),
            )
            % {"columns": ", ".join(doubled)}
        )
    table = Table(headers=headers)
    for line, record in records[1:]:
        if len(record) > len(headers) and any(str(c).strip() for c in record[len(headers) :]):
            raise FileRefused(
                _("Row %(line)s has more cells than the first row names columns.") % {"line": line}
            )
        values = {}
        for name, cell in zip(headers, record, strict=False):
            if isinstance(cell, str):
                if len(cell) > MAX_CELL:
                    raise FileRefused(
                        _("A cell in row %(line)s is longer than %(count)s characters.")
                        % {"line": line, "count": MAX_CELL}
                    )
                cell = uncell(cell) if uncell_texts else cell
            values[name] = cell
        table.rows.append((line, values))
    if not table.rows:
        raise FileRefused(_("The file has a first row of column names but no data."))
    return table
