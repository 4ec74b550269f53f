"""What public pages cost (issue 10, "cheaper uncached requests"): the pages that had no
query-count test get one (the same number of queries for a little and for a lot of
data), and on PostgreSQL no page opens a server-side cursor."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.plan.test_portal import build_plan


def queries_of(client, address):
    client.get(address)  # warm the per-process caches (translations, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200, address
    return [query["sql"] for query in queries]


def test_landing_page_runs_two_queries_however_many_municipalities(client, municipality):
    """The site's content version with the page's remembered ETag (one read of the
    shared cache, teilhabe.web.caching), then the municipalities."""
    factories.MunicipalityFactory(slug="zweite")
    few = queries_of(client, reverse("web:landing"))
    for i in range(8):
        factories.MunicipalityFactory(slug=f"weitere-{i}")
    assert len(queries_of(client, reverse("web:landing"))) == len(few) == 2


def test_municipality_home_and_departments_do_not_grow_with_the_directory(client, municipality):
    home = reverse("web:municipality", kwargs={"municipality": municipality.slug})
    departments = reverse("directory:departments", kwargs={"municipality": municipality.slug})
    factories.DepartmentFactory(municipality=municipality)
    factories.OrganisationFactory(municipality=municipality)
    few = {page: len(queries_of(client, page)) for page in (home, departments)}
    for _ in range(15):
        factories.DepartmentFactory(municipality=municipality)
        factories.OrganisationFactory(municipality=municipality)
    assert {page: len(queries_of(client, page)) for page in (home, departments)} == few


@pytest.mark.postgres  # server-side cursors are PostgreSQL's
def test_filtered_lists_open_no_server_side_cursor(client, municipality):
    """A form's model choices are read with QuerySet.iterator(): on PostgreSQL that was a
    DECLARE, a FETCH and a CLOSE for each list of choices (settings: no server-side
    cursors)."""
    build_plan(municipality, "ik", 1, 1, 2, 1)
    factories.OrganisationFactory(municipality=municipality)
    slug = municipality.slug
    for address in (
        reverse("plan:measures", kwargs={"municipality": slug, "cycle": "ik"}),
        reverse("directory:organisations", kwargs={"municipality": slug}),
    ):
        statements = queries_of(client, address)
        assert not [sql for sql in statements if sql.startswith("DECLARE")], address
        assert any("plan_targetgroup" in sql or "directory_language" in sql for sql in statements)


def test_the_plan_models_and_their_migrations_agree(db):
    """The index the status counts read (report_status_by_id) is declared on the model and
    made by a migration: a model and its migrations that differ fail here."""
    from django.core.management import call_command

    call_command("makemigrations", "plan", "--check", "--dry-run", verbosity=0)
