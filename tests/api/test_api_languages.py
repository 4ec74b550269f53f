"""Translated texts in the API: every language as an object keyed by language code, or
one language with ``Accept-Language`` (the key says which language the text is in when
it falls back); texts written through the API go through the same rules as forms."""

import json

import pytest

from teilhabe.accounts.models import Role
from tests import factories

URL = "/api/v1/dresden/organisations/kulturverein"


@pytest.fixture
def organisation(municipality):
    municipality.content_languages = ["de", "de-x-simple", "en", "ar", "uk"]
    municipality.save()
    return factories.OrganisationFactory(
        municipality=municipality,
        name="Kulturverein",
        slug="kulturverein",
        description={"de": "Wir treffen uns jeden Dienstag.", "ar": "نلتقي كل يوم ثلاثاء."},
    )


def test_every_language_keyed_by_code(client, organisation):
    response = client.get(URL)
    assert response.json()["description"] == {
        "de": "Wir treffen uns jeden Dienstag.",
        "ar": "نلتقي كل يوم ثلاثاء.",
    }
    assert "Content-Language" not in response
    assert "Accept-Language" in response["Vary"]


def test_accept_language_gives_one_language(client, organisation):
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="ar-SY,ar;q=0.9,de;q=0.5")
    assert response.json()["description"] == {"ar": "نلتقي كل يوم ثلاثاء."}
    assert response["Content-Language"] == "ar"
    assert "Accept-Language" in response["Vary"]


def test_a_missing_language_falls_back_to_german_under_its_own_key(client, organisation):
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="uk")
    assert response.json()["description"] == {"de": "Wir treffen uns jeden Dienstag."}
    assert response["Content-Language"] == "uk"


def test_plain_german_by_its_code(client, organisation):
    organisation.description.set("de-x-simple", "Wir treffen uns am Dienstag.")
    organisation.save()
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="de-x-simple")
    assert response.json()["description"] == {"de-x-simple": "Wir treffen uns am Dienstag."}


@pytest.mark.parametrize("header", ["xx", "fr-CH, fr;q=0.9", "%%%;q=abc", "*", "a" * 2000])
def test_unknown_or_malformed_languages_give_every_language(client, organisation, header):
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert set(response.json()["description"]) == {"de", "ar"}
    assert "Content-Language" not in response


def test_lists_are_translated_too(client, organisation):
    data = client.get("/api/v1/dresden/organisations", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert [item["description"] for item in data["items"]] == [{"ar": "نلتقي كل يوم ثلاثاء."}]


def test_schema_documents_translated_fields(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    description = schema["components"]["schemas"]["OrganisationOut"]["properties"]["description"]
    assert description["type"] == "object"
    assert "Accept-Language" in description["description"]


@pytest.fixture
def representative(client, organisation):
    user = factories.RoleFactory(
        municipality=organisation.municipality,
        kind=Role.Kind.ORGANISATION_REPRESENTATIVE,
        organisations=[organisation],
    ).user
    client.force_login(user)
    return user


def patch(client, body):
    return client.patch(URL, data=json.dumps(body), content_type="application/json")


def test_writing_one_language_keeps_the_others(client, organisation, representative):
    response = patch(client, {"description": {"uk": "Ми зустрічаємося щовівторка."}})
    assert response.status_code == 200, response.content
    organisation.refresh_from_db()
    assert organisation.description.text("uk") == "Ми зустрічаємося щовівторка."
    assert organisation.description.text("ar") == "نلتقي كل يوم ثلاثاء."
    assert not organisation.description.is_outdated("uk")


def test_changing_the_german_makes_translations_outdated(client, organisation, representative):
    assert patch(client, {"description": {"de": "Jetzt mittwochs."}}).status_code == 200
    organisation.refresh_from_db()
    assert organisation.description.is_outdated("ar")


@pytest.mark.parametrize(
    "texts",
    [
        {"xx": "Unbekannt"},
        {"tr": "Salı günleri buluşuyoruz."},  # not a content language of Dresden
        {"de": ""},  # German is the source and cannot be removed
        {"de": "a\x00b"},
        {"_source": "abc"},
    ],
)
def test_bad_texts_are_refused_and_change_nothing(client, organisation, representative, texts):
    before = dict(organisation.description)
    response = patch(client, {"description": texts})
    assert response.status_code == 422, response.content
    assert response.json()["detail"]
    organisation.refresh_from_db()
    assert dict(organisation.description) == before
