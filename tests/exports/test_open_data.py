"""The open data of a municipality: the page, each dataset as CSV, XLSX and JSON (public
rows and fields only, no personal data), the data dictionary, the DCAT-AP catalogue and
the ZIP package; a fixed number of queries whatever the data size."""

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.models import Role
from teilhabe.exports.datasets import DATASETS
from teilhabe.plan.models import TargetGroup
from tests import factories
from tests.events.factories import EventFactory, RegistrationFactory, VenueFactory
from tests.plan.factories import ConceptCycleFactory, GoalFactory, MeasureFactory

SECRETS = (
    "Erika Intern",
    "intern@example.org",
    "Vertrauliche Notiz",
    "geheim-123",
    "https://meet.example.org/raum",
    "Rosa Registriert",
    "rosa@example.org",
    "Entwurfsmaßnahme",
    "Verborgene Einladung",
    "Leipziger Maßnahme",
    "amt-intern@example.org",
)


def build(municipality, measures=2, prefix="Dresden"):
    cycle = ConceptCycleFactory(municipality=municipality, title="Aktionsplan", slug="ik")
    department = factories.DepartmentFactory(
        municipality=municipality,
        number="50",
        name="Sozialamt",
        contact_email="amt-intern@example.org",
    )
    partner = factories.DepartmentFactory(municipality=municipality, number="", name="Kulturbüro")
    organisation = factories.OrganisationFactory(
        municipality=municipality, name="Ausländerrat e. V.", slug="auslaenderrat"
    )
    factories.OrganisationFactory(
        municipality=municipality, name="Unveröffentlicht e. V.", is_published=False
    )
    goal = GoalFactory(field__cycle=cycle, field__number=1, field__title="Sprache", code="1.1")
    TargetGroup.objects.get_or_create(code="women")
    for number in range(measures):
        MeasureFactory(
            goal=goal,
            code=f"1.1.{number + 1}",
            title=f"{prefix} Sprachcafé {number + 1}",
            lead_departments=[department],
            partner_departments=[partner],
            partner_organisations=[organisation],
            target_groups=["women"],
        )
    MeasureFactory(
        goal=goal,
        code="1.1.99",
        title="Entwurfsmaßnahme",
        is_draft=True,
        lead_departments=[department],
    )
    venue = VenueFactory(municipality=municipality)
    event = EventFactory(
        municipality=municipality, slug="werkstatt", title="Werkstatt Wohnen", venue=venue
    )
    RegistrationFactory(event=event, name="Rosa Registriert", email="rosa@example.org")
    EventFactory(
        municipality=municipality,
        slug="verborgen",
        title="Verborgene Einladung",
        access="invitation",
        is_listed=False,
        join_url="https://meet.example.org/raum",
        passcode="geheim-123",
    )
    return cycle


@pytest.fixture
def dresden(municipality, other_municipality):
    build(municipality)
    other = ConceptCycleFactory(municipality=other_municipality, slug="ik")
    MeasureFactory(goal__field__cycle=other, code="1.1.1", title="Leipziger Maßnahme")
    return municipality


def url(name, municipality="dresden", language="de", **kwargs):
    with translation.override(language):
        return reverse(f"exports:{name}", kwargs={"municipality": municipality, **kwargs})


def csv_rows(content):
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_open_data_page_links_every_file_and_explains_every_column(client, dresden):
    response = client.get(url("open_data", language="en"))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    page = response.content.decode()
    for slug in DATASETS:
        for fmt in ("csv", "xlsx", "json"):
            assert url("dataset", language="en", dataset=slug, fmt=fmt) in page
    for name in ("package", "catalogue", "dictionary"):
        assert url(name, language="en") in page
    assert "Lead departments (number, otherwise name" in page
    assert "Datenlizenz Deutschland" in page
    german = client.get(url("open_data")).content.decode()
    assert "Federführende Ämter" in german
    # The municipality's page links it.
    assert url("open_data") in client.get("/dresden/").content.decode()


def test_measures_csv_has_the_public_measures_with_goals_fields_departments_and_status(
    client, dresden
):
    response = client.get(url("dataset", dataset="massnahmen", fmt="csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response.content)
    assert rows[0] == DATASETS["massnahmen"].headers
    assert [row[5] for row in rows[1:]] == ["1.1.1", "1.1.2"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["cycle"] == "ik"
    assert (first["field_number"], first["field_title"]) == ("1", "Sprache")
    assert first["goal_code"] == "1.1"
    assert first["title"] == "Dresden Sprachcafé 1"
    assert first["lead_departments"] == "50"
    assert first["partner_departments"] == "Kulturbüro"  # no number: its name
    assert first["partner_organisations"] == "auslaenderrat"
    assert first["target_groups"] == "women"
    assert (first["starts_on"], first["ends_on"], first["budget"]) == (
        "2021-01-01",
        "2024-12-31",
        "36800.00",
    )
    assert (first["status"], first["progress"]) == ("planned", "0")
    assert first["url"] == "http://127.0.0.1:8000/dresden/plan/ik/massnahmen/1.1.1/"
    for secret in SECRETS:
        assert secret not in response.content.decode()


def test_xlsx_and_json_have_the_same_rows(client, dresden):
    from openpyxl import load_workbook

    csv_content = csv_rows(client.get(url("dataset", dataset="massnahmen", fmt="csv")).content)
    content = client.get(url("dataset", dataset="massnahmen", fmt="xlsx")).content
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == csv_content[0]
    assert [row[5] for row in rows[1:]] == ["1.1.1", "1.1.2"]
    assert sheet["G2"].data_type == "s"
    response = client.get(url("dataset", dataset="massnahmen", fmt="json"))
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document["columns"] == csv_content[0]
    assert document["license"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    assert [row["code"] for row in document["rows"]] == ["1.1.1", "1.1.2"]
    assert document["rows"][0]["budget"] == "36800.00"
    assert document["rows"][0]["field_number"] == 1


def test_organisations_events_and_departments_carry_public_fields_only(client, dresden):
    texts = {}
    for slug in ("organisationen", "veranstaltungen", "aemter"):
        for fmt in ("csv", "json"):
            response = client.get(url("dataset", dataset=slug, fmt=fmt))
            assert response.status_code == 200
            texts[slug, fmt] = response.content.decode("utf-8-sig")
    organisations = json.loads(texts["organisationen", "json"])["rows"]
    assert [o["slug"] for o in organisations] == ["auslaenderrat"]  # published only
    events = json.loads(texts["veranstaltungen", "json"])["rows"]
    assert [e["slug"] for e in events] == ["werkstatt"]  # not the hidden one
    assert events[0]["starts_at"].endswith(("+01:00", "+02:00"))  # ISO 8601, Berlin
    departments = json.loads(texts["aemter", "json"])["rows"]
    assert {d["name"] for d in departments} == {"Sozialamt", "Kulturbüro"}
    everything = "".join(texts.values())
    for secret in SECRETS:
        assert secret not in everything


def test_personal_data_of_events_only_for_the_office(client, dresden, municipality):
    """The public events dataset names no participant; the participant export (with
    names and e-mail addresses) is the office's."""
    public = client.get(url("dataset", dataset="veranstaltungen", fmt="csv")).content.decode()
    assert "Rosa Registriert" not in public and "rosa@example.org" not in public
    staff_export = reverse(
        "events:export", kwargs={"municipality": "dresden", "slug": "werkstatt", "fmt": "csv"}
    )
    editor = factories.RoleFactory(municipality=municipality, kind=Role.Kind.DEPARTMENT_EDITOR)
    client.force_login(editor.user)
    refused = client.get(staff_export)
    assert refused.status_code == 403
    assert b"rosa@example.org" not in refused.content
    client.force_login(factories.RoleFactory(municipality=municipality).user)
    assert "rosa@example.org" in client.get(staff_export).content.decode("utf-8-sig")


def test_the_package_has_a_csv_per_dataset_the_dictionary_and_the_catalogue(client, dresden):
    response = client.get(url("package"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {f"{slug}.csv" for slug in DATASETS} <= names
    assert {"datenlexikon.csv", "dcat.jsonld", "LIESMICH.txt"} <= names
    assert (
        archive.read("massnahmen.csv")
        == client.get(url("dataset", dataset="massnahmen", fmt="csv")).content
    )
    dictionary = csv_rows(archive.read("datenlexikon.csv"))
    assert dictionary[0] == ["dataset", "column", "type", "meaning_de", "meaning_en"]
    described = {(row[0], row[1]) for row in dictionary[1:]}
    for slug, dataset in DATASETS.items():
        for column in dataset.headers:
            assert (slug, column) in described
    assert all(row[2] and row[3] and row[4] for row in dictionary[1:])
    assert archive.read("dcat.jsonld") == client.get(url("catalogue")).content


def test_the_catalogue_is_dcat_ap(client, dresden, municipality):
    response = client.get(url("catalogue"))
    assert response["Content-Type"] == "application/ld+json"
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalogue["dct:publisher"]["foaf:name"] == municipality.official_name
    assert catalogue["dct:license"] == {"@id": "http://dcat-ap.de/def/licenses/dl-by-de/2.0"}
    assert catalogue["dct:modified"]["@value"] == timezone.now().date().isoformat()
    datasets = catalogue["dcat:dataset"]
    assert [d["dct:identifier"] for d in datasets] == [f"dresden/{slug}" for slug in DATASETS]
    measures = datasets[0]
    assert measures["@type"] == "dcat:Dataset"
    assert {"@language": "en", "@value": "Measures of the integration concept"} in measures[
        "dct:title"
    ]
    downloads = [d["dcat:downloadURL"]["@id"] for d in measures["dcat:distribution"]]
    assert downloads == [
        f"http://127.0.0.1:8000/dresden/offene-daten/massnahmen.{fmt}"
        for fmt in ("csv", "xlsx", "json")
    ]
    assert all(d["@type"] == "dcat:Distribution" for d in measures["dcat:distribution"])
    assert measures["dcat:distribution"][0]["dcat:mediaType"] == "text/csv"


@pytest.mark.parametrize(
    "kwargs", [{"dataset": "massnahmen", "fmt": "xml"}, {"dataset": "personen", "fmt": "csv"}]
)
def test_unknown_dataset_or_format_is_not_found(client, dresden, kwargs):
    assert client.get(url("dataset", **kwargs)).status_code == 404


def test_another_municipality_has_its_own_data(client, dresden):
    rows = csv_rows(client.get(url("dataset", "leipzig", dataset="massnahmen", fmt="csv")).content)
    assert [row[6] for row in rows[1:]] == ["Leipziger Maßnahme"]


def _queries(client, address):
    client.get(address)  # the content version and the site's settings, read once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    # Without the shared cache's upkeep (culling, remembering a new ETag): a workbook's
    # bytes carry the time it was written.
    upkeep = ("teilhabe_cache", "SAVEPOINT")
    return len([q for q in queries.captured_queries if not any(u in q["sql"] for u in upkeep)])


@pytest.mark.parametrize(
    "address",
    [
        ("package", {}),
        ("dataset", {"dataset": "massnahmen", "fmt": "csv"}),
        ("dataset", {"dataset": "organisationen", "fmt": "json"}),
        ("dataset", {"dataset": "veranstaltungen", "fmt": "xlsx"}),
        ("dataset", {"dataset": "aemter", "fmt": "csv"}),
        ("open_data", {}),
    ],
)
def test_exports_run_a_fixed_number_of_queries(client, db, address, settings):
    settings.TEILHABE_PAGE_CACHE = False  # every request reads the data
    small = factories.MunicipalityFactory(name="Klein", slug="klein")
    large = factories.MunicipalityFactory(name="Gross", slug="gross")
    build(small, measures=1)
    cycle = build(large, measures=30, prefix="Groß")
    for number in range(20):
        factories.OrganisationFactory(municipality=large, activities=["culture"])
        EventFactory(
            municipality=large,
            slug=f"e{number}",
            starts_at=timezone.now() + timedelta(days=number + 1),
            ends_at=timezone.now() + timedelta(days=number + 1, hours=2),
        )
    assert cycle.measures.count() == 31
    name, kwargs = address
    assert _queries(client, url(name, "klein", **kwargs)) == _queries(
        client, url(name, "gross", **kwargs)
    )
