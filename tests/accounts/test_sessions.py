"""A session cookie that no session can have (a NUL character, which PostgreSQL refuses
in a query) is no session: the page or API answers as to a visitor, never with 500."""

import pytest
from django.urls import reverse

from tests import factories


@pytest.mark.parametrize("key", ["\x00" * 32, "abc\x00defghijklmnop", "ä" * 32])
@pytest.mark.parametrize("address", ["page", "api", "api login"])
def test_a_malformed_session_cookie_is_no_session(client, municipality, key, address):
    factories.OrganisationFactory(municipality=municipality, slug="verein")
    client.cookies["sessionid"] = key
    url = {
        "page": reverse("web:municipality", kwargs={"municipality": "dresden"}),
        "api": "/api/v1/dresden/organisations/verein",
        "api login": "/api/v1/dresden/organisations/verein/internal",
    }[address]
    status = 401 if address == "api login" else 200
    assert client.get(url).status_code == status


def test_a_real_session_still_logs_in(client, municipality):
    admin = factories.RoleFactory(municipality=municipality).user
    client.force_login(admin)
    factories.OrganisationFactory(municipality=municipality, slug="verein")
    response = client.get("/api/v1/dresden/organisations/verein/internal")
    assert response.status_code == 200
