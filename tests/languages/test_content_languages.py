"""Content languages are data: each municipality chooses them (German always on), and
sets where a missing text falls back to; the language switch offers them."""

import pytest
from django.core.exceptions import ValidationError

from tests import factories


@pytest.fixture
def dresden(db):
    return factories.MunicipalityFactory(name="Dresden", slug="dresden")


def test_new_municipalities_offer_german_plain_german_and_english(dresden):
    assert dresden.offered_languages() == ["de", "de-x-simple", "en"]


def test_adding_a_language_is_a_change_of_data(dresden):
    dresden.content_languages = ["de", "uk", "en", "ar"]
    dresden.full_clean()
    dresden.save()
    dresden.refresh_from_db()
    # In the installation's order, whatever order they were chosen in.
    assert dresden.offered_languages() == ["de", "en", "ar", "uk"]


@pytest.mark.parametrize(
    "languages, message",
    [
        (["en", "ar"], "Deutsch ist die Sprache, in der jeder Text zuerst geschrieben wird"),
        (["de", "xx"], "bietet nicht an: xx"),
        ("de", "Wählen Sie die Inhaltssprachen"),
    ],
)
def test_bad_content_languages_are_refused(dresden, languages, message):
    dresden.content_languages = languages
    with pytest.raises(ValidationError) as refused:
        dresden.full_clean()
    assert message in str(refused.value)


def test_german_stays_on_even_if_the_data_says_otherwise(dresden):
    dresden.content_languages = ["en"]  # e.g. written by hand in the database
    assert dresden.offered_languages() == ["de", "en"]


def test_fallback_chains(dresden):
    dresden.content_languages = ["de", "de-x-simple", "en", "ru", "uk"]
    dresden.fallback_languages = {"uk": ["ru", "en"]}
    dresden.full_clean()
    assert dresden.fallback_chain("uk") == ["uk", "ru", "en", "de"]
    assert dresden.fallback_chain("ru") == ["ru", "de"]
    assert dresden.fallback_chain("de-x-simple") == ["de-x-simple", "de"]
    assert dresden.fallback_chain("de") == ["de"]
    # A fallback language the municipality no longer offers is skipped.
    dresden.content_languages = ["de", "en", "uk"]
    assert dresden.fallback_chain("uk") == ["uk", "en", "de"]


@pytest.mark.parametrize(
    "fallbacks, message",
    [
        ({"de-x-simple": ["en"]}, "Einfache Sprache weicht immer auf Deutsch aus"),
        ({"uk": ["ar"]}, "müssen andere Inhaltssprachen sein"),
        ({"uk": ["uk"]}, "müssen andere Inhaltssprachen sein"),
        ({"ar": ["en"]}, "ist keine Inhaltssprache"),
        ({"de": ["en"]}, "ist keine Inhaltssprache"),
        (["uk"], "Ersatzsprachen je Sprache"),
    ],
)
def test_bad_fallbacks_are_refused(dresden, fallbacks, message):
    dresden.content_languages = ["de", "de-x-simple", "en", "uk"]
    dresden.fallback_languages = fallbacks
    with pytest.raises(ValidationError) as refused:
        dresden.full_clean()
    assert message in refused.value.message_dict["fallback_languages"][0]


def test_the_switch_offers_the_municipalitys_languages_by_their_own_names(client, dresden):
    dresden.content_languages = ["de", "en", "ar", "uk"]
    dresden.save()
    page = client.get("/dresden/").content.decode()
    switch = page[page.index('class="language-switch"') :]
    switch = switch[: switch.index("</nav>")]
    assert 'href="/ar/dresden/" hreflang="ar" lang="ar">العربية</a>' in switch
    assert 'href="/uk/dresden/" hreflang="uk" lang="uk">Українська</a>' in switch
    assert 'hreflang="ru"' not in switch
    assert 'hreflang="de-x-simple"' not in switch
    assert '<link rel="alternate" hreflang="ar" href="http://testserver/ar/dresden/">' in page
    assert 'hreflang="ru"' not in page
    # Pages outside a municipality offer every language of the installation.
    landing = client.get("/impressum/").content.decode()
    for code in ("de", "de-x-simple", "en", "ar", "fa", "ru", "tr", "uk", "vi"):
        assert f'hreflang="{code}"' in landing


@pytest.mark.parametrize("slug", ["ar", "uk", "de-x-simple", "konto"])
def test_language_prefixes_cannot_be_municipality_names(db, slug):
    municipality = factories.MunicipalityFactory.build(name="X", slug=slug)
    with pytest.raises(ValidationError):
        municipality.full_clean()
