import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from teilhabe.accounts.models import Role
from teilhabe.directory import search
from teilhabe.directory.models import Organisation, UmbrellaMembership
from tests import factories


def directory_url(**params):
    from urllib.parse import urlencode

    return reverse("directory:organisations", kwargs={"municipality": "dresden"}) + (
        "?" + urlencode(params) if params else ""
    )


def names(response):
    return [o.name for o in response.context["organisations"]]


@pytest.fixture
def orgs(municipality):
    rat = factories.OrganisationFactory(
        municipality=municipality,
        name="Ausländerrat Dresden e. V.",
        slug="auslaenderrat",
        activities=["social", "politics"],
        languages=["ar", "fa"],
    )
    viet = factories.OrganisationFactory(
        municipality=municipality,
        name="Verein der Vietnamesen in Dresden e. V.",
        slug="vietnamesen",
        activities=["culture"],
        languages=["vi"],
        description="Tết-Fest und Kultur",
    )
    ihk = factories.OrganisationFactory(
        municipality=municipality,
        name="Industrie- und Handelskammer Dresden",
        slug="ihk",
        type=Organisation.Type.CHAMBER,
        activities=["work"],
    )
    draft = factories.OrganisationFactory(
        municipality=municipality, name="Entwurfsverein", slug="entwurf", is_published=False
    )
    return {"rat": rat, "viet": viet, "ihk": ihk, "draft": draft}


@pytest.mark.parametrize(
    "query", ["Ausländerrat", "auslaenderrat", "AUSLÄNDERRAT", "auslanderrat", "rat dresden"]
)
def test_search_finds_with_and_without_umlauts(client, orgs, query):
    assert names(client.get(directory_url(q=query))) == ["Ausländerrat Dresden e. V."]


def test_search_covers_description_activities_and_languages(client, orgs):
    assert names(client.get(directory_url(q="Tết"))) == ["Verein der Vietnamesen in Dresden e. V."]
    assert names(client.get(directory_url(q="vietnamesisch"))) == [
        "Verein der Vietnamesen in Dresden e. V."
    ]
    assert names(client.get(directory_url(q="Persian"))) == ["Ausländerrat Dresden e. V."]
    assert names(client.get(directory_url(q="Kammer"))) == ["Industrie- und Handelskammer Dresden"]


def test_unpublished_are_never_listed(client, orgs):
    assert "Entwurfsverein" not in names(client.get(directory_url()))
    assert names(client.get(directory_url(q="Entwurfsverein"))) == []


def test_filters(client, orgs):
    assert names(client.get(directory_url(type="chamber"))) == [
        "Industrie- und Handelskammer Dresden"
    ]
    assert names(client.get(directory_url(activity="culture"))) == [
        "Verein der Vietnamesen in Dresden e. V."
    ]
    assert names(client.get(directory_url(language="fa"))) == ["Ausländerrat Dresden e. V."]
    assert names(client.get(directory_url(language="fa", type="chamber"))) == []


def test_invalid_filter_values_are_ignored_not_errors(client, orgs):
    response = client.get(directory_url(type="unsinn", activity="<script>", language="xx"))
    assert response.status_code == 200
    assert len(names(response)) == 3


def test_pagination(client, municipality):
    for i in range(45):
        factories.OrganisationFactory(municipality=municipality, name=f"Verein {i:02d}")
    first = client.get(directory_url())
    assert len(names(first)) == 20
    third = client.get(directory_url(page=3))
    assert len(names(third)) == 5
    assert client.get(directory_url(page=99)).status_code == 404


def test_htmx_request_gets_only_the_results(client, orgs):
    response = client.get(directory_url(q="rat"), HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert 'id="results"' in content and "<html" not in content


def count_queries(client, url):
    client.get(url)  # warm: the content version and the page's ETag in the shared cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_directory_query_count_does_not_grow_with_data(client, municipality):
    for _ in range(3):
        factories.OrganisationFactory(
            municipality=municipality, activities=["culture"], languages=["vi"]
        )
    few = count_queries(client, directory_url())
    for _ in range(17):
        factories.OrganisationFactory(
            municipality=municipality, activities=["culture", "sport"], languages=["vi", "ar"]
        )
    assert count_queries(client, directory_url()) == few


def test_profile_query_count_does_not_grow_with_memberships(client, municipality):
    umbrella = factories.OrganisationFactory(
        municipality=municipality, type=Organisation.Type.UMBRELLA, slug="dach"
    )
    url = umbrella.get_absolute_url()
    factories.OrganisationFactory(municipality=municipality)
    member = factories.OrganisationFactory(municipality=municipality)
    UmbrellaMembership.objects.create(member=member, umbrella=umbrella)
    few = count_queries(client, url)
    for _ in range(10):
        UmbrellaMembership.objects.create(
            member=factories.OrganisationFactory(municipality=municipality), umbrella=umbrella
        )
    assert count_queries(client, url) == few


def test_profile_shows_umbrella_and_members(client, orgs, municipality):
    dsm = factories.OrganisationFactory(
        municipality=municipality,
        name="Dachverband sächsischer Migrantenorganisationen e. V.",
        slug="dsm",
        type=Organisation.Type.UMBRELLA,
    )
    UmbrellaMembership.objects.create(member=orgs["viet"], umbrella=dsm)
    assert "Dachverband" in client.get(orgs["viet"].get_absolute_url()).content.decode()
    assert "Verein der Vietnamesen" in client.get(dsm.get_absolute_url()).content.decode()


def test_public_profile_hides_internal_data(client, orgs):
    content = client.get(orgs["rat"].get_absolute_url()).content.decode()
    assert "Vertrauliche Notiz" not in content and "intern@example.org" not in content


@pytest.fixture
def representative(orgs, municipality):
    return factories.RoleFactory(
        municipality=municipality,
        kind=Role.Kind.ORGANISATION_REPRESENTATIVE,
        organisations=[orgs["rat"]],
    ).user


def edit_url(org):
    return reverse(
        "directory:organisation_edit", kwargs={"municipality": "dresden", "slug": org.slug}
    )


def test_representative_edits_own_profile(client, orgs, representative):
    client.force_login(representative)
    form = client.get(edit_url(orgs["rat"])).context["form"]
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in ("activities", "languages")
    }
    data.update(district="Johannstadt", activities=["social"], languages=["ar", "ru"])
    response = client.post(edit_url(orgs["rat"]), data)
    assert response.status_code == 302, response.context["form"].errors
    rat = Organisation.objects.get(pk=orgs["rat"].pk)
    assert rat.district == "Johannstadt"
    assert sorted(rat.languages.values_list("code", flat=True)) == ["ar", "ru"]
    assert "russisch" in rat.search_text


def test_invalid_profile_shows_errors_beside_fields_and_saves_nothing(client, orgs, representative):
    client.force_login(representative)
    response = client.post(
        edit_url(orgs["rat"]),
        {"name": "", "type": "migrant", "public_email": "kaputt", "district": "Neu"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_name-error"' in content and 'id="id_public_email-error"' in content
    assert 'aria-invalid="true"' in content
    rat = Organisation.objects.get(pk=orgs["rat"].pk)
    assert rat.name == "Ausländerrat Dresden e. V." and rat.district == ""


def test_representative_cannot_edit_another_organisation(client, orgs, representative):
    client.force_login(representative)
    assert client.get(edit_url(orgs["viet"])).status_code == 403


def test_department_list_shows_the_municipalitys_departments_by_number(
    client, municipality, other_municipality
):
    factories.DepartmentFactory(municipality=municipality, number="50", name="Sozialamt")
    factories.DepartmentFactory(municipality=municipality, number="41", name="Kulturamt")
    factories.DepartmentFactory(municipality=other_municipality, number="42", name="Fremdes Amt")
    response = client.get(reverse("directory:departments", kwargs={"municipality": "dresden"}))
    assert [(d.number, d.name["de"]) for d in response.context["departments"]] == [
        ("41", "Kulturamt"),
        ("50", "Sozialamt"),
    ]
    content = response.content.decode()
    assert (
        '<td data-label="Nummer" class="kern-table__cell">41</td>'
        '<td data-label="Name" class="kern-table__cell">Kulturamt'
    ) in content
    assert content.index("Kulturamt") < content.index("Sozialamt")
    assert "Fremdes Amt" not in content


@given(st.text(max_size=40))
@settings(max_examples=60, deadline=None)
def test_every_search_term_is_found_in_its_own_normalised_text(text):
    """Whatever a name contains, searching for its words finds it again."""
    normalised = search.normalise(text)
    for term in search.terms(text):
        assert term in normalised
