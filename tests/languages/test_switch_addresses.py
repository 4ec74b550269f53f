"""The language switch's addresses (teilhabe/languages/context_processors.py) are
Django's own ``translate_url`` for every page and language, found with one call of it
per page instead of one per language."""

import pytest
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from teilhabe.languages import context_processors
from teilhabe.languages.context_processors import addresses_in

CODES = [code for code, _name in settings.LANGUAGES]
PATHS = [
    "/",
    "/dresden/",
    "/dresden/plan/2021-2026/massnahmen/?status=done&page=2",
    "/dresden/plan/2021-2026/massnahmen/1.1.1/",
    "/dresden/verzeichnis/organisationen/dsm/",
    "/dresden/veranstaltungen/kalender.ics",
    "/konto/anmelden/",
    "/impressum/",
    "/api/v1/docs",  # not language-prefixed
    "/gibt/es/nicht/",  # resolves nowhere
]


@pytest.mark.parametrize("current", ["de", "en", "ar", "de-x-simple"])
@pytest.mark.parametrize("path", PATHS)
def test_every_address_is_the_one_django_makes(path, current, monkeypatch):
    if current != "de" and not path.startswith("/api/"):
        path = f"/{current}{path}"
    calls = []

    def counted(*args):
        calls.append(args)
        return translate_url(*args)

    monkeypatch.setattr(context_processors, "translate_url", counted)
    with translation.override(current):
        expected = {code: translate_url(path, code) for code in CODES}
        assert addresses_in(path, current, CODES) == expected
        assert len(calls) == 1  # the speed this is for
        # A municipality offering fewer languages gets the same addresses for those.
        few = ["de", "en", current] if current not in ("de", "en") else ["de", "en"]
        assert addresses_in(path, current, few) == {code: expected[code] for code in few}


def test_the_switch_links_each_language_of_the_page(client, municipality):
    content = client.get(f"/en/{municipality.slug}/").content.decode()
    assert f'href="/{municipality.slug}/" hreflang="de" lang="de">Deutsch</a>' in content
    assert (
        f'<link rel="alternate" hreflang="de-x-simple" '
        f'href="http://testserver/de-x-simple/{municipality.slug}/">' in content
    )
