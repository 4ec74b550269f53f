"""Staff of one municipality can neither read nor change another's non-public data:
not in the pages, not in the admin, not in the API."""

import json

import pytest
from django.urls import reverse

from teilhabe.accounts.models import Role
from tests import factories
from tests.admin_forms import change_form_data


@pytest.fixture
def setup(municipality, other_municipality):
    ours = factories.OrganisationFactory(
        municipality=municipality, name="Unser Verein", slug="unser-verein"
    )
    hidden = factories.OrganisationFactory(
        municipality=other_municipality,
        name="Fremder Entwurf",
        slug="fremder-entwurf",
        is_published=False,
    )
    theirs = factories.OrganisationFactory(
        municipality=other_municipality,
        name="Fremder Verein",
        slug="fremder-verein",
        internal_notes="Geheimnis aus Leipzig",
    )
    admin = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    return {"ours": ours, "hidden": hidden, "theirs": theirs, "admin": admin}


def test_unpublished_organisation_of_another_municipality_is_404(client, setup):
    client.force_login(setup["admin"])
    url = reverse(
        "directory:organisation", kwargs={"municipality": "leipzig", "slug": "fremder-entwurf"}
    )
    assert client.get(url).status_code == 404


def test_internal_data_of_another_municipality_is_not_shown(client, setup):
    client.force_login(setup["admin"])
    url = reverse(
        "directory:organisation", kwargs={"municipality": "leipzig", "slug": "fremder-verein"}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "Geheimnis aus Leipzig" not in response.content.decode()
    own = client.get(setup["ours"].get_absolute_url()).content.decode()
    assert "Vertrauliche Notiz" in own


def test_organisation_of_another_municipality_cannot_be_edited(client, setup):
    client.force_login(setup["admin"])
    url = reverse(
        "directory:organisation_edit", kwargs={"municipality": "leipzig", "slug": "fremder-verein"}
    )
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Gekapert", "type": "other"}).status_code == 403
    setup["theirs"].refresh_from_db()
    assert setup["theirs"].name == "Fremder Verein"


def test_slug_of_another_municipality_does_not_resolve_under_ours(client, setup):
    url = reverse(
        "directory:organisation", kwargs={"municipality": "dresden", "slug": "fremder-verein"}
    )
    assert client.get(url).status_code == 404


def test_admin_lists_and_opens_only_own_municipality(client, setup):
    client.force_login(setup["admin"])
    listing = client.get(reverse("admin:directory_organisation_changelist")).content.decode()
    assert "Unser Verein" in listing
    assert "Fremder Verein" not in listing
    assert "Fremder Entwurf" not in listing
    foreign_url = reverse("admin:directory_organisation_change", args=[setup["theirs"].pk])
    # The admin answers an object outside the office's scope as if it did not exist.
    response = client.get(foreign_url)
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    # A form that saves our own organisation changes nothing when sent for theirs.
    own_url = reverse("admin:directory_organisation_change", args=[setup["ours"].pk])
    data = change_form_data(client.get(own_url), name="Gekapert")
    client.post(foreign_url, data)
    setup["theirs"].refresh_from_db()
    assert setup["theirs"].name == "Fremder Verein"
    assert client.post(own_url, data).status_code == 302
    setup["ours"].refresh_from_db()
    assert setup["ours"].name == "Gekapert"
    municipalities = client.get(reverse("admin:tenants_municipality_changelist")).content.decode()
    assert "Leipzig" not in municipalities


def test_admin_cannot_move_an_organisation_into_another_municipality(
    client, setup, other_municipality
):
    client.force_login(setup["admin"])
    response = client.get(reverse("admin:directory_organisation_add"))
    form = response.context["adminform"].form
    assert list(form.fields["municipality"].queryset) == [setup["ours"].municipality]


def test_admin_refuses_users_without_office_role(client, municipality):
    editor = factories.RoleFactory(municipality=municipality, kind=Role.Kind.DEPARTMENT_EDITOR).user
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_api_internal_endpoint_is_scoped(client, setup):
    client.force_login(setup["admin"])
    own = client.get(f"/api/v1/dresden/organisations/{setup['ours'].slug}/internal")
    assert own.status_code == 200
    assert own.json()["internal_notes"] == "Vertrauliche Notiz"
    foreign = client.get("/api/v1/leipzig/organisations/fremder-verein/internal")
    assert foreign.status_code == 403
    assert "Geheimnis" not in foreign.content.decode()


def test_api_change_of_another_municipality_is_refused(client, setup):
    client.force_login(setup["admin"])
    response = client.patch(
        "/api/v1/leipzig/organisations/fremder-verein",
        data=json.dumps({"name": "Gekapert"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    setup["theirs"].refresh_from_db()
    assert setup["theirs"].name == "Fremder Verein"


def test_public_api_never_shows_internal_fields_or_unpublished(client, setup):
    data = client.get("/api/v1/leipzig/organisations").json()
    names = [item["name"] for item in data["items"]]
    assert names == ["Fremder Verein"]
    assert "internal_notes" not in data["items"][0]
    assert client.get("/api/v1/leipzig/organisations/fremder-entwurf").status_code == 404
