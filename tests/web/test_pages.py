import pytest
from django.urls import reverse

from tests import factories


def test_landing_lists_municipalities(client, municipality, other_municipality):
    content = client.get("/").content.decode()
    assert "Dresden" in content and "Leipzig" in content


def test_landing_redirects_when_there_is_one_municipality(client, municipality):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/dresden/"


@pytest.mark.parametrize(
    "url", ["/gibtsnicht/", "/dresden/verzeichnis/organisationen/gibtsnicht/", "/en/gibtsnicht/"]
)
def test_unknown_municipality_or_object_is_404_in_the_users_language(client, municipality, url):
    response = client.get(url)
    assert response.status_code == 404
    content = response.content.decode()
    if url.startswith("/en/"):
        assert '<html lang="en">' in content and "This page does not exist." in content
    else:
        assert '<html lang="de">' in content and "Diese Seite gibt es nicht" in content


def test_unknown_language_falls_back_to_german(client, municipality):
    response = client.get("/dresden/", HTTP_ACCEPT_LANGUAGE="fr")
    assert '<html lang="de">' in response.content.decode()
    client.cookies["teilhabe_language"] = "xx"
    assert '<html lang="de">' in client.get("/dresden/").content.decode()


@pytest.mark.parametrize(
    "path, accept, lang",
    [
        ("/fr/dresden/", "", "de"),
        ("/fr/dresden/", "ar", "de"),  # an address without a language is German
        ("/xx/", "xx-YY;q=0.9, *;q=0.1", "de"),
        ("/de-x-simpel/dresden/", "q=;;,", "de"),
        ("/ar-xx/dresden/", "", "ar"),  # a regional variant of a language we have
        ("/AR/dresden/", "", "ar"),
    ],
)
def test_unknown_language_code_in_the_address_is_a_plain_404(
    client, municipality, path, accept, lang
):
    """No 500 and no redirect (loop or not): the address does not exist."""
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 404
    assert f'<html lang="{lang}"' in response.content.decode()


@pytest.mark.parametrize(
    "prefix,lang", [("", "de"), ("/en", "en"), ("/de-x-simple", "de-x-simple")]
)
def test_every_page_names_its_language_and_its_alternates(client, municipality, prefix, lang):
    content = client.get(f"{prefix}/dresden/").content.decode()
    assert f'<html lang="{lang}">' in content
    for code, path in [
        ("de", "/dresden/"),
        ("en", "/en/dresden/"),
        ("de-x-simple", "/de-x-simple/dresden/"),
    ]:
        assert f'hreflang="{code}" href="http://testserver{path}"' in content
    assert 'hreflang="x-default"' in content


def test_content_falls_back_to_german_with_a_visible_note(client, municipality):
    org = factories.OrganisationFactory(
        municipality=municipality, slug="nur-deutsch", description="Nur auf Deutsch beschrieben."
    )
    english = client.get(
        "/en/dresden/verzeichnis/organisationen/" + org.slug + "/"
    ).content.decode()
    assert "Nur auf Deutsch beschrieben." in english
    assert '<div class="translated-text" lang="de" dir="auto">' in english
    assert "This text is only available in German." in english
    german = client.get("/dresden/verzeichnis/organisationen/nur-deutsch/").content.decode()
    assert "fallback-note" not in german


def test_translated_content_is_shown_without_note(client, municipality):
    org = factories.OrganisationFactory(
        municipality=municipality,
        slug="zweisprachig",
        description={"de": "Deutsch.", "en": "In English."},
    )
    english = client.get(
        "/en/dresden/verzeichnis/organisationen/" + org.slug + "/"
    ).content.decode()
    assert "In English." in english and "fallback-note" not in english


@pytest.mark.parametrize(
    "name, heading, operator_data",
    [
        (
            "imprint",
            "Impressum",
            ["Stadtverwaltung Musterhausen", "Am Markt 3, 01234 Musterhausen"],
        ),
        (
            "privacy",
            "Datenschutzerklärung",
            ["Stadtverwaltung Musterhausen", "dsb@musterhausen.example"],
        ),
        ("accessibility", "Barrierefreiheitserklärung", ["barrierefrei@musterhausen.example"]),
    ],
)
def test_footer_pages_show_the_operators_data(client, db, settings, name, heading, operator_data):
    settings.TEILHABE_OPERATOR = {
        "name": "Stadtverwaltung Musterhausen",
        "address": "Am Markt 3, 01234 Musterhausen",
        "email": "kontakt@musterhausen.example",
        "phone": "",
        "data_protection_officer": "dsb@musterhausen.example",
        "accessibility_contact": "barrierefrei@musterhausen.example",
    }
    response = client.get(reverse(f"web:{name}"))
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<h1 class="kern-heading-x-large">{heading}</h1>' in content
    for text in operator_data:
        assert text in content
    # Every page links all three from its footer.
    footer = content[content.index("<footer") :]
    for other in ("imprint", "privacy", "accessibility"):
        assert f'href="{reverse(f"web:{other}")}"' in footer


def test_security_headers(client, municipality):
    response = client.get("/dresden/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_municipality_slug_cannot_shadow_platform_pages(db):
    from django.core.exceptions import ValidationError

    from teilhabe.tenants.models import Municipality

    with pytest.raises(ValidationError):
        Municipality(name="Konto", slug="konto").full_clean()
