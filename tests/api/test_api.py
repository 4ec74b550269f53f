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
