"""A municipality that is switched off (``is_active=False``) is served nowhere: not its
pages, not its API, not in the lists of municipalities; for visitors and for its own
staff alike. Each address is first shown to work while the municipality is active, so
that its 404 afterwards comes from the switch and nothing else."""

import pytest
from django.urls import reverse

from teilhabe.accounts.models import Role
from tests import factories
from tests.events.factories import EventFactory
from tests.plan.factories import IndicatorFactory, MeasureFactory

PAGES = [
    ("web:municipality", {}),
    ("directory:organisations", {}),
    ("directory:organisation", {"slug": "verein"}),
    ("directory:departments", {}),
    ("plan:cycles", {}),
    ("plan:cycle", {"cycle": "ik"}),
    ("plan:measures", {"cycle": "ik"}),
    ("plan:measure", {"cycle": "ik", "code": "1.1.1"}),
    ("plan:my_measures", {}),
    ("events:list", {}),
    ("events:feed", {}),
    ("events:event", {"slug": "werkstatt"}),
    ("events:event_ics", {"slug": "werkstatt"}),
]
API = [
    "departments",
    "organisations",
    "organisations/verein",
    "organisations/verein/internal",
    "cycles",
    "cycles/ik/measures",
    "cycles/ik/measures/1.1.1",
    "events",
    "events/werkstatt",
]


@pytest.fixture
def leipzig(db):
    """A municipality with something at every address, and its office admin."""
    leipzig = factories.MunicipalityFactory(name="Leipzig", slug="leipzig")
    factories.OrganisationFactory(municipality=leipzig, slug="verein")
    measure = MeasureFactory(
        goal__field__cycle__municipality=leipzig, goal__field__cycle__slug="ik", code="1.1.1"
    )
    indicator = IndicatorFactory(cycle=measure.cycle, values={2024: 10})
    EventFactory(municipality=leipzig, slug="werkstatt")
    admin = factories.RoleFactory(municipality=leipzig, kind=Role.Kind.OFFICE_ADMIN).user
    return {"municipality": leipzig, "admin": admin, "indicator": indicator}


def switch_off(municipality):
    municipality.is_active = False
    municipality.save(update_fields=["is_active"])


@pytest.mark.parametrize("as_admin", [False, True], ids=["visitor", "office admin"])
@pytest.mark.parametrize(("name", "kwargs"), PAGES, ids=[name for name, _ in PAGES])
def test_pages_of_an_inactive_municipality_are_404(client, leipzig, name, kwargs, as_admin):
    municipality, admin = leipzig["municipality"], leipzig["admin"]
    if as_admin or name == "plan:my_measures":
        client.force_login(admin)
    url = reverse(name, kwargs={"municipality": "leipzig", **kwargs})
    assert client.get(url).status_code == 200, url
    switch_off(municipality)
    assert client.get(url).status_code == 404, url


def test_chart_of_an_inactive_municipality_is_404(client, leipzig):
    kwargs = {"cycle": "ik", "kind": "indicator", "pk": leipzig["indicator"].pk}
    url = reverse("plan:chart", kwargs={"municipality": "leipzig", **kwargs})
    assert client.get(url).status_code == 200
    switch_off(leipzig["municipality"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("as_admin", [False, True], ids=["visitor", "office admin"])
@pytest.mark.parametrize("path", API)
def test_api_of_an_inactive_municipality_is_404(client, leipzig, path, as_admin):
    municipality, admin = leipzig["municipality"], leipzig["admin"]
    if as_admin or path.endswith("/internal"):
        client.force_login(admin)
    url = f"/api/v1/leipzig/{path}"
    assert client.get(url).status_code == 200, url
    switch_off(municipality)
    response = client.get(url)
    assert response.status_code == 404, url
    assert response.json() == {"detail": "Not found."}


def test_api_changes_to_an_inactive_municipality_are_404(client, leipzig):
    municipality, admin = leipzig["municipality"], leipzig["admin"]
    switch_off(municipality)
    client.force_login(admin)
    response = client.patch(
        "/api/v1/leipzig/organisations/verein",
        {"district": "Mitte"},
        content_type="application/json",
    )
    assert response.status_code == 404
    response = client.post(
        "/api/v1/leipzig/cycles/ik/measures/1.1.1/reports",
        {"reported_on": "2024-05-01", "status": "planned", "progress": 0, "text": "Stand"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_inactive_municipality_is_not_listed(client, municipality, leipzig):
    switch_off(leipzig["municipality"])
    slugs = [m["slug"] for m in client.get("/api/v1/municipalities").json()]
    assert slugs == ["dresden"]
    # With one active municipality left, the landing page goes straight to it.
    response = client.get(reverse("web:landing"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:municipality", kwargs={"municipality": "dresden"})
