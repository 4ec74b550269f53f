"""The directory's public statistics page: exact counts of the published organisations
by type, field of activity, language, district, year of founding and year of entry,
each a table with its chart; the plan's indicator of organisations beside them (the
Dresden demo's 110 migrant organisations at the end of 2022); a fixed number of
queries; cacheable like every public page."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from teilhabe.directory import statistics
from teilhabe.directory.models import Organisation
from tests import factories
from tests.plan.factories import ConceptCycleFactory, FieldOfActionFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def stats_url(municipality, prefix=""):
    return prefix + reverse("directory:statistics", args=[municipality.slug])


def chart_url(municipality, kind):
    return reverse("directory:statistics_chart", args=[municipality.slug, kind])


@pytest.fixture
def directory(municipality, other_municipality):
    def org(**values):
        created = values.pop("created", None)
        organisation = factories.OrganisationFactory(municipality=municipality, **values)
        if created:
            Organisation.objects.filter(pk=organisation.pk).update(
                created_at=datetime(created, 6, 1, tzinfo=UTC)
            )
        return organisation

    org(
        type="migrant",
        activities=["culture", "sport"],
        languages=["ar", "de"],
        district="Neustadt",
        founded_in=1995,
        created=2023,
    )
    org(
        type="migrant",
        activities=["culture"],
        languages=["ar"],
        district="Neustadt",
        founded_in=2010,
        created=2024,
    )
    org(
        type="umbrella",
        activities=["politics"],
        languages=["de"],
        district="Prohlis",
        founded_in=2010,
        created=2024,
    )
    org(type="welfare", district="", created=2024)
    # Not counted: unpublished, or of another municipality.
    org(
        type="migrant",
        activities=["culture"],
        languages=["ar"],
        district="Neustadt",
        founded_in=1995,
        is_published=False,
    )
    factories.OrganisationFactory(
        municipality=other_municipality, type="migrant", activities=["culture"], founded_in=1995
    )
    return municipality


def rows(table):
    return [(str(label), count) for label, count in table.rows]


def test_the_counts_are_exact(directory):
    data = statistics.directory_statistics(directory)
    assert data["total"] == 4
    tables = {t.key: t for t in data["tables"]}
    assert rows(tables["type"]) == [
        ("Migrant*innenorganisation", 2),
        ("Dachverband", 1),
        ("Wohlfahrtsverband", 1),
    ]
    assert rows(tables["activity"]) == [
        ("Kultur", 2),
        ("Politik und Teilhabe", 1),
        ("Sport", 1),
    ]
    assert rows(tables["language"]) == [("Arabisch", 2), ("Deutsch", 2)]
    assert rows(tables["district"]) == [("Neustadt", 2), ("Prohlis", 1), ("nicht angegeben", 1)]
    assert [(str(label), n, total) for label, n, total in tables["founded"].running] == [
        ("1995", 1, 1),
        ("2010", 2, 3),
    ]
    assert "1" in str(tables["founded"].note)  # one organisation without a year
    assert rows(tables["registered"]) == [("2023", 1), ("2024", 3)]


def test_the_page_shows_every_table_and_chart(client, directory):
    page = client.get(stats_url(directory, "/en")).content.decode()
    assert "The directory lists 4 organisations." in page
    for key in statistics.TABLES:
        assert f'id="{key}-table"' in page
        assert f'src="{chart_url(directory, key)}"' in page
    table = page.split('id="district-table"')[1].split("</table>")[0]
    cells = re.findall(r"<t[hd][^>]*>(?:<bdi>)?([^<]+)", table)
    assert cells[2:] == ["Neustadt", "2", "Prohlis", "1", "not given", "1"]
    founded = page.split('id="founded-table"')[1].split("</table>")[0]
    assert re.findall(r"<t[hd][^>]*>([^<]+)", founded)[3:] == ["1995", "1", "1", "2010", "2", "3"]


def test_a_chart_is_an_svg_without_script_of_the_same_numbers(client, directory):
    response = client.get(chart_url(directory, "district"))
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert "<script" not in svg
    assert "Neustadt" in svg and "Prohlis" in svg
    assert client.get(chart_url(directory, "nonsense")).status_code == 404


def test_the_page_and_charts_are_public_pages(client, directory):
    for url in (stats_url(directory), chart_url(directory, "type")):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public")
        assert "ETag" in response and "Set-Cookie" not in response


def test_the_page_runs_a_fixed_number_of_queries(
    client, municipality, settings, django_assert_num_queries
):
    settings.TEILHABE_PAGE_CACHE = False
    factories.OrganisationFactory(
        municipality=municipality, activities=["culture"], languages=["vi"], founded_in=2000
    )
    client.get(stats_url(municipality))  # the content version in the shared cache
    # municipality, versions, total, six tables, indicators (none: no values read)
    with django_assert_num_queries(10):
        client.get(stats_url(municipality))
    for number in range(20):
        factories.OrganisationFactory(
            municipality=municipality,
            activities=["culture", "sport"],
            languages=["vi", "ar"],
            district=f"Bezirk {number}",
            founded_in=1990 + number,
        )
    client.get(stats_url(municipality))  # the new page's ETag remembered
    with django_assert_num_queries(10):
        client.get(stats_url(municipality))


def test_the_indicator_of_organisations_stands_beside_the_counts(client, municipality):
    cycle = ConceptCycleFactory(municipality=municipality, title="Aktionsplan 2021 bis 2026")
    IndicatorFactory(
        cycle=cycle,
        title="Migrant*innenorganisationen in Dresden",
        description="Einladung zur Konferenz der Migrant*innenorganisationen 2023",
        unit="Organisationen",
        values={2022: 110},
        shown_in_directory_statistics=True,
    )
    IndicatorFactory(cycle=cycle, title="Ein anderer Wert", values={2022: 5})
    hidden = ConceptCycleFactory(municipality=municipality, is_published=False)
    IndicatorFactory(
        cycle=hidden, title="Unveröffentlicht", values={2022: 7}, shown_in_directory_statistics=True
    )
    draft_field = FieldOfActionFactory(cycle=cycle, is_draft=True)
    IndicatorFactory(
        cycle=cycle,
        field=draft_field,
        title="Im Entwurf",
        values={2022: 9},
        shown_in_directory_statistics=True,
    )
    page = client.get(stats_url(municipality)).content.decode()
    assert "Migrant*innenorganisationen in Dresden" in page
    assert ">110 <" in page and "Einladung zur Konferenz" in page
    assert "Aktionsplan 2021 bis 2026" in page
    for absent in ("Ein anderer Wert", "Unveröffentlicht", "Im Entwurf"):
        assert absent not in page


def test_another_municipality_sees_only_its_own_numbers(client, directory, other_municipality):
    page = client.get(stats_url(other_municipality, "/en")).content.decode()
    assert "The directory lists 1 organisation." in page
    assert "Neustadt" not in page


def test_the_dresden_demo_shows_the_seeds_110_organisations(client, dresden_demo):
    page = client.get("/dresden/verzeichnis/statistik/").content.decode()
    indicator = page.split('class="kern-card"')[1]
    assert "Migrant*innenorganisationen in Dresden" in indicator
    assert ">110 <" in indicator and "Ende 2022" in indicator
    assert "Konferenz der Migrant*innenorganisationen 2023" in indicator
    published = Organisation.objects.filter(municipality__slug="dresden", is_published=True)
    assert f"Das Verzeichnis nennt {published.count()} Organisationen." in page
