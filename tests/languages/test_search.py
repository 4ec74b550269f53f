"""Search finds a measure or an organisation by its text in any of its languages,
on the public pages and through the API."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories
from tests.plan.factories import MeasureFactory


@pytest.fixture
def organisations(municipality):
    municipality.content_languages = ["de", "en", "ar", "uk", "vi"]
    municipality.save()
    factories.OrganisationFactory(
        municipality=municipality,
        name="Kulturbrücke e. V.",
        slug="kulturbruecke",
        description={
            "de": "Beratung für Familien.",
            "ar": "استشارات للعائلات في دريسدن.",
            "uk": "Консультації для родин.",
        },
    )
    factories.OrganisationFactory(
        municipality=municipality, name="Sportverein", slug="sport", description="Fußball."
    )


def organisation_names(client, query, language="de"):
    with translation.override(language):
        address = reverse("directory:organisations", kwargs={"municipality": "dresden"})
    response = client.get(address + "?" + urlencode({"q": query}))
    assert response.status_code == 200
    return [o.name for o in response.context["organisations"]]


@pytest.mark.parametrize(
    "query, language",
    [
        ("Familien", "de"),
        ("استشارات", "ar"),  # Arabic, on the Arabic page
        ("دريسدن", "de"),  # and on the German one: the language of the page does not matter
        ("родин", "uk"),
        ("консультації", "de"),  # case-folded Cyrillic
    ],
)
def test_organisation_found_by_text_in_any_language(client, organisations, query, language):
    assert organisation_names(client, query, language) == ["Kulturbrücke e. V."]


def test_organisation_found_through_the_api_in_any_language(client, organisations):
    data = client.get("/api/v1/dresden/organisations", {"q": "استشارات"}).json()
    assert [item["slug"] for item in data["items"]] == ["kulturbruecke"]


def test_organisation_type_found_by_its_name_in_the_readers_language(client, organisations):
    # "Migrant organisation" in Ukrainian, from the interface catalogue.
    with translation.override("uk"):
        from teilhabe.directory.models import Organisation

        type_name = str(Organisation.objects.get(slug="kulturbruecke").get_type_display())
    assert type_name and type_name != "Migrantenorganisation"
    assert "Kulturbrücke e. V." in organisation_names(client, type_name, "uk")


def test_measure_found_by_its_title_in_any_language(client, municipality):
    municipality.content_languages = ["de", "en", "ru"]
    municipality.save()
    measure = MeasureFactory(
        goal__field__cycle__municipality=municipality,
        title={"de": "Sprachcafé im Stadtteil", "ru": "Языковое кафе в районе"},
    )
    MeasureFactory(goal=measure.goal, title="Sporthalle")
    with translation.override("ru"):
        address = reverse(
            "plan:measures", kwargs={"municipality": "dresden", "cycle": measure.cycle.slug}
        )
    response = client.get(address + "?" + urlencode({"q": "кафе"}))
    assert [m.code for m in response.context["measures"]] == [measure.code]
