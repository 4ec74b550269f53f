"""Reading an uploaded table: the encodings German spreadsheets save (UTF-8, UTF-8 with a
byte order mark, Windows-1252) read alike; UTF-16, binary files, oversized and malformed
files and wrong columns are refused with a reason."""

import io
import json

import pytest
from django.utils import translation

from teilhabe.exports import files
from teilhabe.imports import reading, services
from teilhabe.imports.reading import FileRefused, read_table

CSV = (
    "number;name;short_name;kind\r\n"
    "50;Sozialamt für Größe;SA;office\r\n"
    ";Büro „Öffnung“;;division\r\n"
)


def refusal(data, filename="daten.csv", kind=None):
    with pytest.raises(FileRefused) as refused:
        if kind:
            services.read_upload(kind, data, filename)
        else:
            read_table(data, filename)
    return str(refused.value)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CSV.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + CSV.encode("utf-8"), "utf-8"),
        (CSV.replace("„", '"').replace("“", '"').encode("cp1252"), "windows-1252"),
        (CSV.encode("cp1252"), "windows-1252"),  # „ and “ exist in Windows-1252
    ],
)
def test_utf8_with_and_without_bom_and_windows_1252_read_alike(data, encoding):
    table = read_table(data)
    assert table.encoding == encoding
    assert table.headers == ["number", "name", "short_name", "kind"]
    assert [values["name"] for _line, values in table.rows][0] == "Sozialamt für Größe"
    assert table.rows[1][0] == 3  # the line in the file, for the errors
    assert table.rows[1][1]["name"].startswith("Büro ")


def test_commas_and_tabs_separate_too():
    for delimiter in (",", "\t"):
        table = read_table(CSV.replace(";", delimiter).encode())
        assert table.rows[0][1]["short_name"] == "SA"


@pytest.mark.parametrize(
    "data",
    [
        CSV.encode("utf-16"),  # with its byte order mark
        CSV.encode("utf-16-le"),
        CSV.encode("utf-16-be"),
    ],
)
def test_utf16_is_refused_with_what_to_do(data):
    assert "UTF-16" in refusal(data) and "CSV UTF-8" in refusal(data)


def test_binary_files_are_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert (
        refusal(png)
        == "Dies ist keine Textdatei. Laden Sie eine CSV-Datei oder eine XLSX-Arbeitsmappe hoch."
    )
    # Bytes that are neither UTF-8 nor Windows-1252 (0x81 is undefined there).
    assert "nicht gelesen" in refusal(b"name\r\nA\x81B\r\n")
    assert "keine Textdatei" in refusal(b"name\r\nA\x07B\r\n")


def test_errors_are_in_the_users_language():
    with translation.override("en"):
        assert refusal(b"") == "The file is empty."
        assert "UTF-16" in refusal(CSV.encode("utf-16"))


def test_oversized_and_too_long_files_are_refused(monkeypatch):
    assert "zu groß" in refusal(b"x" * (reading.MAX_BYTES + 1))
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    rows = "name\r\n" + "".join(f"Amt {n}\r\n" for n in range(4))
    assert "mehr als 3 Zeilen" in refusal(rows.encode())
    assert "länger als" in refusal(("name\r\n" + "x" * (reading.MAX_CELL + 1)).encode())


def test_malformed_csv_and_headers_are_refused():
    assert "(Zeile 3)" in refusal(b'name\r\n"offen\r\nx"y\r\n')
    assert "mehr als einmal" in refusal(b"name;name\r\nA;B\r\n")
    assert "leer" in refusal(b"name;;kind\r\nA;B;office\r\n")
    assert "mehr Zellen" in refusal(b"name\r\nA;B\r\n")
    assert "keine Daten" in refusal(b"name;kind\r\n")


def test_unknown_and_missing_columns_are_refused_by_kind():
    message = refusal(b"name;colour\r\nA;red\r\n", kind="departments")
    assert message.startswith("Unbekannte Spalte: colour.")
    assert "number, name, short_name, kind" in message
    message = refusal(b"number\r\n50\r\n", kind="departments")
    assert message == "Die Pflichtspalte name fehlt."
    message = refusal(b"code;title\r\n1.1.1;X\r\n", kind="measures")
    assert "field_number, field_title, goal_code, goal_title" in message


def test_xlsx_reads_as_the_csv_and_a_damaged_workbook_is_refused():
    content = files.as_xlsx(
        ["number", "name", "short_name", "kind"],
        [["50", "=Sozialamt", "", "office"], [41, "Kulturamt", "KA", "office"]],
        title="aemter",
    )
    table = read_table(content, "aemter.xlsx")
    assert table.encoding == "xlsx"
    assert table.rows[0][1]["name"] == "=Sozialamt"  # a text cell, as written
    assert table.rows[1][1]["number"] == 41
    assert "XLSX" in refusal(content[:200], "aemter.xlsx")
    assert "XLSX" in refusal(b"not a workbook", "aemter.xlsx")


def test_the_csv_apostrophe_before_a_formula_is_taken_off():
    content = files.as_csv(["number", "name"], [["50", "=Sozialamt"], ["51", "'quoted"]])
    table = read_table(content)
    assert [values["name"] for _line, values in table.rows] == ["=Sozialamt", "'quoted"]


def test_a_large_file_reads_quickly_enough():
    rows = io.StringIO()
    rows.write("number;name\r\n")
    for n in range(5000):
        rows.write(f"{n};Amt {n}\r\n")
    assert len(read_table(rows.getvalue().encode()).rows) == 5000


def test_a_refusal_is_kept_untranslated_and_read_in_any_language():
    """As the worker stores a refusal (``DataImport.reason``): plural forms included."""
    from teilhabe.imports import texts
    from teilhabe.imports.kinds import KINDS
    from teilhabe.imports.services import check_headers

    with pytest.raises(FileRefused) as refused:
        check_headers(KINDS["departments"], ["name", "farbe", "größe"])
    stored = json.loads(json.dumps(refused.value.args[0].as_json()))
    with translation.override("en"):
        assert texts.render(stored).startswith("Unknown columns: farbe, größe. Known columns:")
    with translation.override("de"):
        assert texts.render(stored).startswith("Unbekannte Spalten: farbe, größe.")
    with pytest.raises(FileRefused) as refused:
        check_headers(KINDS["departments"], ["name", "farbe"])
    with translation.override("en"):
        assert texts.render(refused.value.args[0].as_json()).startswith("Unknown column: farbe.")
