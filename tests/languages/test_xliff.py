"""The files for translation agencies: XLIFF 2.0 as the standard says, the same units as
CSV, texts that survive the round trip unchanged, ids that cannot be shaped into
another municipality's, and a reader that refuses what it should."""

import xml.etree.ElementTree as ET  # noqa: S405 - parses our own output in the test

from teilhabe.languages import xliff
from teilhabe.languages.units import parse_unit_id, unit_id

TRICKY = "Zeile eins & <zwei>\n  eingerückt „Anführung“ ' \" \u200f"


def units():
    return [
        xliff.ExportUnit(
            id=unit_id(1, "plan.measure", 7, "title"),
            source_version="abcdef012345",
            source=TRICKY,
            target="",
            context="Maßnahme 1.1.1",
            state="missing",
        ),
        xliff.ExportUnit(
            id=unit_id(1, "plan.measure", 7, "description"),
            source_version="0123456789ab",
            source="=SUMME(A1:A9)",
            target="-alt",
            context="@Kontext",
            state="outdated",
        ),
    ]


def test_the_xliff_is_xliff_2_with_source_version_and_notes():
    root = ET.fromstring(xliff.write_xliff(units(), "uk", original="teilhabe:dresden:all"))  # noqa: S314
    ns = {"x": xliff.XLIFF_NS}
    assert root.tag == f"{{{xliff.XLIFF_NS}}}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "de", "uk")
    first, second = root.findall("x:file/x:unit", ns)
    assert first.get("id") == unit_id(1, "plan.measure", 7, "title")
    assert first.get(f"{{{xliff.OWN_NS}}}sourceVersion") == "abcdef012345"
    assert first.find("x:segment/x:source", ns).text == TRICKY
    assert first.find("x:segment/x:target", ns) is None
    notes = {n.get("category"): n.text for n in first.findall("x:notes/x:note", ns)}
    assert notes == {"context": "Maßnahme 1.1.1", "state": "missing"}
    # An outdated translation goes out with its current text, to be revised.
    assert second.find("x:segment/x:target", ns).text == "-alt"


def test_returned_xliff_and_csv_read_back_the_same_texts():
    filled = [
        xliff.ExportUnit(u.id, u.source_version, u.source, f"{TRICKY} {i}", u.context, u.state)
        for i, u in enumerate(units())
    ]
    for data in (xliff.write_xliff(filled, "uk", original="t"), xliff.write_csv(filled, "uk")):
        returned = xliff.read_returned_file(data)
        assert returned.error == ""
        assert returned.language == "uk"
        assert [(u.id, u.source_version, u.target) for u in returned.units] == [
            (u.id, u.source_version, u.target) for u in filled
        ]


def test_csv_cells_never_run_as_formulas_and_read_back_unchanged():
    data = xliff.write_csv(units(), "uk").decode("utf-8-sig")
    assert "'=SUMME(A1:A9)" in data and "'-alt" in data and "'@Kontext" in data
    assert xliff.read_csv(data.encode()).units[1].target == "-alt"


def test_an_id_names_model_pk_and_field_and_is_signed_for_one_municipality():
    ident = unit_id(1, "plan.measure", 7, "title")
    parsed = parse_unit_id(1, ident)
    assert (parsed.label, parsed.pk, parsed.field, parsed.signed_here) == (
        "plan.measure",
        7,
        "title",
        True,
    )
    assert not parse_unit_id(2, ident).signed_here
    assert not parse_unit_id(1, ident.replace("-7-", "-8-")).signed_here
    assert not parse_unit_id(1, ident.replace("-title-", "-description-")).signed_here
    for garbled in ("", "plan.measure-7-title", "x-1-y-z", "plan.measure-٧-title-abc", "a-b-c-d-e"):
        assert parse_unit_id(1, garbled) is None


def test_markup_inside_a_target_is_refused_per_unit():
    data = (
        f'<xliff xmlns="{xliff.XLIFF_NS}" version="2.0" srcLang="de" trgLang="uk"><file id="f">'
        '<unit id="a"><segment><source>x</source><target>a<ph id="1"/>b</target></segment></unit>'
        '<unit id="b"><segment><source>x</source><target>gut</target></segment>'
        "<ignorable><target> </target></ignorable>"
        "<segment><source>y</source><target>so</target></segment></unit></file></xliff>"
    ).encode()
    first, second = xliff.read_xliff(data).units
    assert "Auszeichnungen" in first.error
    assert (second.error, second.target) == ("", "gut so")


def test_a_parameter_entity_or_external_dtd_is_refused_before_reading():
    for payload in (
        b'<!DOCTYPE x SYSTEM "http://example.org/x.dtd"><xliff/>',
        b'<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><xliff/>',
    ):
        returned = xliff.read_xliff(payload)
        assert "Dokumenttyp oder Entitäten" in returned.error
        assert returned.units == []
