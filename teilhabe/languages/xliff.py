"""The files a translation agency gets and sends back: XLIFF 2.0, and the same units as
CSV for those who work in a spreadsheet.

Each unit carries its id (teilhabe.languages.units), the German source, the current
translation if there is one (an outdated one, to be revised) and the version of the
German text it was exported with (``th:sourceVersion`` in XLIFF, ``source_version`` in
CSV): the import refuses a unit whose German has changed since.

Reading is done with defusedxml and no document type declaration at all: entities,
external references and entity expansion ("billion laughs") are refused before any
unit is looked at.
"""

import csv
import io
import xml.etree.ElementTree as ET  # noqa: S405 - writing only; reading uses defusedxml
from dataclasses import dataclass, field

import defusedxml
from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _

from teilhabe.exports.files import csv_cell, uncell

from .content import SOURCE_LANGUAGE, installed_languages

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
OWN_NS = "urn:teilhabe:xliff:1"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("", XLIFF_NS)
ET.register_namespace("th", OWN_NS)

CSV_ID, CSV_VERSION, CSV_CONTEXT = "id", "source_version", "context"


@dataclass(frozen=True)
class ExportUnit:
    id: str
    source_version: str
    source: str  # German
    target: str  # the current translation, if any
    context: str  # what the text is, for the translator
    state: str  # "missing" or "outdated"


@dataclass
class ReturnedUnit:
    """A unit as read from a returned file, not yet checked against the data."""

    id: str
    source_version: str
    target: str
    error: str = ""  # a problem already visible in the file


@dataclass
class ReturnedFile:
    language: str = ""
    units: list = field(default_factory=list)
    error: str = ""  # the file as a whole cannot be read: nothing is looked at


def _q(name, namespace=XLIFF_NS):
    return f"{{{namespace}}}{name}"


# --- Writing --------------------------------------------------------------------------------


def write_xliff(units, language, *, original):
    """An XLIFF 2.0 document (bytes, UTF-8) with one ``<unit>`` per export unit."""
    # Registered again: another library may have taken the empty prefix since this
    # module was imported (WeasyPrint registers its PDF metadata's namespaces on import).
    ET.register_namespace("", XLIFF_NS)
    ET.register_namespace("th", OWN_NS)
    root = ET.Element(
        _q("xliff"), {"version": "2.0", "srcLang": SOURCE_LANGUAGE, "trgLang": language}
    )
    file_element = ET.SubElement(root, _q("file"), {"id": "f1", "original": original})
    for unit in units:
        element = ET.SubElement(
            file_element,
            _q("unit"),
            {"id": unit.id, _q("sourceVersion", OWN_NS): unit.source_version},
        )
        notes = ET.SubElement(element, _q("notes"))
        ET.SubElement(notes, _q("note"), {"category": "context"}).text = unit.context
        ET.SubElement(notes, _q("note"), {"category": "state"}).text = unit.state
        segment = ET.SubElement(
            element, _q("segment"), {"state": "initial" if unit.state == "missing" else "reviewed"}
        )
        source = ET.SubElement(segment, _q("source"), {f"{{{XML_NS}}}space": "preserve"})
        source.text = unit.source
        if unit.target:
            target = ET.SubElement(segment, _q("target"), {f"{{{XML_NS}}}space": "preserve"})
            target.text = unit.target
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_csv(units, language):
    """The same units as CSV (UTF-8 with BOM, for Excel): id, source version, context,
    German, target."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([CSV_ID, CSV_VERSION, CSV_CONTEXT, SOURCE_LANGUAGE, language])
    for unit in units:
        writer.writerow(
            [
                unit.id,
                unit.source_version,
                csv_cell(unit.context),
                csv_cell(unit.source),
                csv_cell(unit.target),
            ]
        )
    return buffer.getvalue().encode("utf-8")


# --- Reading --------------------------------------------------------------------------------


def read_returned_file(data, filename=""):
    """A returned file (XLIFF or CSV, told apart by its content) as a ``ReturnedFile``."""
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") or filename.lower().endswith((".xlf", ".xliff", ".xml")):
        return read_xliff(data)
    return read_csv(data)


def read_xliff(data):
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (
        defusedxml.DTDForbidden,
        defusedxml.EntitiesForbidden,
        defusedxml.ExternalReferenceForbidden,
    ):
        return ReturnedFile(
            error=_(
                "The file declares a document type or entities. For safety, such files "
                "are not read; export a plain XLIFF file."
            )
        )
    except ET.ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else "?"
        return ReturnedFile(
            error=_("The file is not well-formed XML (line %(line)s).") % {"line": line}
        )
    if root.tag != _q("xliff") or root.get("version") != "2.0":
        return ReturnedFile(error=_("The file is not an XLIFF 2.0 document."))
    if (root.get("srcLang") or "").lower() != SOURCE_LANGUAGE:
        return ReturnedFile(error=_("The source language of the file must be German (de)."))
    language = root.get("trgLang") or ""
    if not language:
        return ReturnedFile(error=_("The file names no target language (trgLang)."))
    returned = ReturnedFile(language=language)
    for element in root.iter(_q("unit")):
        returned.units.append(_read_unit(element, language))
    if not returned.units:
        returned.error = _("The file contains no units.")
    return returned


def _read_unit(element, language):
    unit = ReturnedUnit(
        id=element.get("id", ""),
        source_version=element.get(_q("sourceVersion", OWN_NS), ""),
        target="",
    )
    parts = []
    for part in element:
        if part.tag not in (_q("segment"), _q("ignorable")):
            continue
        target = part.find(_q("target"))
        if target is None:
            continue
        if len(target):
            unit.error = _("The translation contains markup; only plain text can be imported.")
        stated = target.get(f"{{{XML_NS}}}lang")
        if stated and stated != language:
            unit.error = _("The translation is marked as %(stated)s, the file as %(language)s.") % {
                "stated": stated,
                "language": language,
            }
        parts.append(target.text or "")
    unit.target = "".join(parts)
    return unit


def read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ReturnedFile(error=_("The file is neither XLIFF nor a CSV file in UTF-8."))
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        return ReturnedFile(error=_("The CSV file cannot be read: %(error)s") % {"error": error})
    if not rows:
        return ReturnedFile(error=_("The file is empty."))
    header = [cell.strip() for cell in rows[0]]
    targets = [c for c in header if c in installed_languages() and c != SOURCE_LANGUAGE]
    if CSV_ID not in header or CSV_VERSION not in header or len(targets) != 1:
        return ReturnedFile(
            error=_(
                "The first row of the CSV file must name the columns id, source_version "
                "and exactly one target language (as exported)."
            )
        )
    language = targets[0]
    columns = {name: header.index(name) for name in (CSV_ID, CSV_VERSION, language)}
    returned = ReturnedFile(language=language)
    for row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: (row[i] if i < len(row) else "") for name, i in columns.items()}
        returned.units.append(
            ReturnedUnit(
                id=cells[CSV_ID].strip(),
                source_version=cells[CSV_VERSION].strip(),
                target=uncell(cells[language]),
            )
        )
    if not returned.units:
        returned.error = _("The file contains no units.")
    return returned
