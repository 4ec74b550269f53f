import json

import pytest

from teilhabe.accounts.models import Role
from tests import factories


@pytest.fixture
def organisation(municipality):
    return factories.OrganisationFactory(
        municipality=municipality, name="Ausländerrat Dresden e. V.", slug="auslaenderrat"
    )


def test_openapi_schema_lists_the_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/{municipality}/organisations" in schema["paths"]


def test_unknown_municipality_is_404_with_reason(client, db):
    response = client.get("/api/v1/nirgendwo/organisations")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_search_over_the_api(client, organisation):
    factories.OrganisationFactory(municipality=organisation.municipality, name="Sportverein")
    data = client.get("/api/v1/dresden/organisations", {"q": "auslaenderrat"}).json()
    assert [o["slug"] for o in data["items"]] == ["auslaenderrat"]


def test_internal_needs_login(client, organisation):
    response = client.get("/api/v1/dresden/organisations/auslaenderrat/internal")
    assert response.status_code == 401


def test_representative_updates_own_organisation(client, organisation):
    rep = factories.RoleFactory(
        municipality=organisation.municipality,
        kind=Role.Kind.ORGANISATION_REPRESENTATIVE,
        organisations=[organisation],
    ).user
    client.force_login(rep)
    response = client.patch(
        "/api/v1/dresden/organisations/auslaenderrat",
        data=json.dumps({"district": "Neustadt"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    organisation.refresh_from_db()
    assert organisation.district == "Neustadt"


@pytest.mark.parametrize(
    "payload",
    [
        {"name": ""},
        {"public_email": "keine-adresse"},
        {"website": "nicht eine url"},
        {"name": 5},
        "kaputt",
    ],
)
def test_invalid_update_is_422_and_changes_nothing(client, organisation, payload):
    admin = factories.RoleFactory(
        municipality=organisation.municipality, kind=Role.Kind.OFFICE_ADMIN
    ).user
    client.force_login(admin)
    body = payload if isinstance(payload, str) else json.dumps(payload)
    response = client.patch(
        "/api/v1/dresden/organisations/auslaenderrat", data=body, content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()
    organisation.refresh_from_db()
    assert organisation.name == "Ausländerrat Dresden e. V."
    assert organisation.public_email == ""


# --- Bad input is a 4xx with a JSON reason, never a 5xx or an HTML page -------------------


def assert_refused(response, status=422):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["detail"]
    return body


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("limit", 0),
        ("limit", 101),
        ("limit", 2**63),
        ("limit", "viele"),
        ("offset", -1),
        ("offset", 1_000_001),
        ("offset", 2**63),
        ("offset", 2**64 + 1),
    ],
)
def test_out_of_range_pagination_is_422_with_reason(client, organisation, name, value):
    body = assert_refused(client.get("/api/v1/dresden/organisations", {name: value}))
    assert [error["loc"] for error in body["errors"]] == [["query", name]]


def test_pagination_at_its_bounds_works(client, organisation):
    data = client.get("/api/v1/dresden/organisations", {"limit": 100, "offset": 0}).json()
    assert [o["slug"] for o in data["items"]] == ["auslaenderrat"]
    data = client.get("/api/v1/dresden/organisations", {"limit": 1, "offset": 1_000_000}).json()
    assert data == {"items": [], "count": 1}


def test_default_page_has_50_items(client, organisation):
    for _ in range(55):
        factories.OrganisationFactory(municipality=organisation.municipality)
    data = client.get("/api/v1/dresden/organisations").json()
    assert (len(data["items"]), data["count"]) == (50, 56)


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/dresden/organisations?q=%00",
        "/api/v1/dresden/organisations?type=a%00b",
        "/api/v1/dres%00den/organisations",
        "/api/v1/dresden/organisations/auslaender%00rat",
        "/api/v1/dresden/cycles/ik%00/measures/1.1%00",
        "/api/v1/dresden/events/" + "x" * 121,
        "/api/v1/dresden/cycles/ik/measures/" + "1" * 21,
        "/api/v1/dres.den/events",
    ],
)
def test_nul_characters_and_impossible_addresses_are_422(client, organisation, address):
    assert_refused(client.get(address))


def test_long_search_finds_nothing(client, organisation):
    data = client.get("/api/v1/dresden/organisations", {"q": "ä" * 5000}).json()
    assert data == {"items": [], "count": 0}


@pytest.mark.parametrize(
    "address", ["/api/v1/", "/api/v1/dresden", "/api/v1/dresden/nichts/da", "/api/v2/dresden"]
)
def test_unknown_addresses_under_the_api_are_json_404(client, db, address):
    assert assert_refused(client.get(address), 404) == {"detail": "Not found."}


@pytest.fixture
def office_admin(organisation):
    return factories.RoleFactory(
        municipality=organisation.municipality, kind=Role.Kind.OFFICE_ADMIN
    ).user


def patch(client, body):
    return client.patch(
        "/api/v1/dresden/organisations/auslaenderrat",
        data=body if isinstance(body, str) else json.dumps(body),
        content_type="application/json",
    )


@pytest.mark.parametrize(
    ("body", "status", "loc"),
    [
        ({"district": "Neu\x00stadt"}, 422, ["body", "payload", "district"]),
        ({"name": "x" * 251}, 422, ["body", "payload", "name"]),
        ({"distrikt": "Neustadt"}, 422, ["body", "payload", "distrikt"]),
        ({"public_email": "keine-adresse"}, 422, ["public_email"]),
        ("{kaputt", 400, None),
    ],
)
def test_bad_changes_are_refused_with_reason_and_change_nothing(
    client, organisation, office_admin, body, status, loc
):
    client.force_login(office_admin)
    refused = assert_refused(patch(client, body), status)
    if loc is not None:
        assert [error["loc"] for error in refused["errors"]] == [loc]
        assert all(error["msg"] and error["type"] for error in refused["errors"])
    organisation.refresh_from_db()
    assert (organisation.district, organisation.public_email) == ("", "")


def test_changes_need_the_csrf_token(organisation, office_admin):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(office_admin)
    assert_refused(patch(client, {"district": "Neustadt"}), 403)
    organisation.refresh_from_db()
    assert organisation.district == ""


def test_every_endpoint_documents_its_errors(client, db):
    """422 everywhere (every endpoint takes parameters), 404 where the address names
    objects, 400 where a body is read, 401 and 403 where a log-in is needed, 429 where
    a token changes something; each with the JSON schema of the body the API sends."""
    schema = client.get("/api/v1/openapi.json").json()
    error, invalid = "#/components/schemas/Error", "#/components/schemas/ValidationErrorOut"
    operations = [
        (path, method, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
    assert len(operations) == 30
    for path, method, operation in operations:
        expected = {"422": invalid} if operation.get("parameters") else {}
        if "{" in path:
            expected["404"] = error
        if "requestBody" in operation:
            expected["400"] = error
        if operation.get("security"):
            expected.update({"401": error, "403": error})
            if method != "get":
                expected["429"] = error
        documented = {
            status: response["content"]["application/json"]["schema"]["$ref"]
            for status, response in operation["responses"].items()
            if not status.startswith("2")
        }
        assert documented == expected, (method, path)


@pytest.mark.django_db
def test_a_method_an_address_does_not_take_is_a_json_405(client, municipality):
    response = client.delete("/api/v1/municipalities")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": "This address does not take this method."}
    assert response["Allow"] == "GET"
