"""The interface catalogues: every language but English (whose msgids are the texts)
is complete and well-formed, and the compiled translations reach the pages."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import trans_real

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
CATALOGUES = {
    code: LOCALE_DIR / translation.to_locale(code) / "LC_MESSAGES" / "django.po"
    for code, _name in settings.LANGUAGES
}
TRANSLATED = [code for code in CATALOGUES if code != "en"]
# The plural rules of each language (CLDR), as gettext writes them.
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "de-x-simple": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "ar": (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
        ": n%100>=11 ? 4 : 5);"
    ),
    "fa": "nplurals=2; plural=(n > 1);",
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<12 || n%100>14) ? 1 : 2);"
    ),
    "tr": "nplurals=2; plural=(n > 1);",
    "uk": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<12 || n%100>14) ? 1 : 2);"
    ),
    "vi": "nplurals=1; plural=0;",
}


def nplurals(language):
    return int(re.match(r"nplurals=(\d+)", PLURAL_FORMS[language]).group(1))


# %(name)s, %s, %d, %%, and str.format-style {name}
PLACEHOLDER = re.compile(r"%\(\w+\)[#0 +-]?\d*(?:\.\d+)?[sdifeEgGxXoc]|%[sdif]|\{\w*\}")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def load(language):
    return polib.pofile(str(CATALOGUES[language]))


def reset_translation_cache():
    trans_real._translations = {}
    trans_real._default = None
    translation.deactivate()


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    call_command("compile_translations", verbosity=0)
    reset_translation_cache()
    yield
    reset_translation_cache()


# --- (a) complete and well-formed ---------------------------------------------------------


@pytest.mark.parametrize("language", list(CATALOGUES))
def test_header_names_language_and_plural_forms(language):
    po = load(language)
    assert po.metadata["Language"] == language
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[language]
    assert "UTF-8" in po.metadata["Content-Type"]
    assert not po.metadata_is_fuzzy


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_entry_is_translated(language):
    po = load(language)
    assert len(po) > 100
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    assert untranslated == []
    for entry in po:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == list(range(nplurals(language))), entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("language", list(CATALOGUES))
def test_no_entry_is_fuzzy_or_obsolete(language):
    po = load(language)
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po.obsolete_entries()] == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_survive_translation(language):
    problems = []
    for entry in load(language):
        if entry.msgid_plural:
            # Every form but the singular of a two-form language is used for many
            # numbers, so it keeps the plural's placeholders; a singular form may
            # spell "one" out but must not bring placeholders of its own.
            pairs = [(entry.msgid_plural, form) for form in entry.msgstr_plural.values()]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, target in pairs:
            if placeholders(source) != placeholders(target):
                problems.append((source, target))
    assert problems == []


def test_python_format_entries_are_flagged():
    for entry in load("de"):
        if re.search(r"%\(\w+\)s", entry.msgid):
            assert "python-format" in entry.flags, entry.msgid


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_line_breaks_or_stray_whitespace_added(language):
    for entry in load(language):
        targets = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for target in targets:
            assert target == target.strip() or entry.msgid != entry.msgid.strip(), entry.msgid
            assert target.count("\n") == entry.msgid.count("\n"), entry.msgid


def test_every_interface_string_of_the_source_is_in_the_catalogues():
    """What makemessages finds in the code and templates; add missing ones with
    ``manage.py catalogue missing`` and ``manage.py catalogue add``."""
    from teilhabe.languages.management.commands.catalogue import missing_entries

    assert [entry.msgid for entry in missing_entries()] == []


def test_catalogues_share_the_same_msgids():
    keys = {
        language: {(entry.msgctxt, entry.msgid) for entry in load(language)}
        for language in CATALOGUES
    }
    for language in CATALOGUES:
        assert keys[language] == keys["de"], language


# --- (b) up to date with the source --------------------------------------------------------


@pytest.mark.parametrize(
    "msgid, german",
    [
        ("Skip to content", "Zum Inhalt springen"),
        ("Organisations", "Organisationen"),
        ("This text is only available in German.", "Dieser Text liegt nur auf Deutsch vor."),
        ("Imprint", "Impressum"),
        ("Log in", "Anmelden"),
        ("Log out", "Abmelden"),
        ("My area", "Mein Bereich"),
        ("Privacy", "Datenschutz"),
        ("Accessibility statement", "Barrierefreiheitserklärung"),
        ("sample data", "Beispieldaten"),
        ("verified by the integration office", "von der Integrationsstelle geprüft"),
    ],
)
def test_key_msgids_are_in_the_german_catalogue(msgid, german):
    entry = load("de").find(msgid)
    assert entry is not None, msgid
    assert entry.msgstr == german


def test_login_error_says_the_details_do_not_match():
    entry = load("de").find("E-mail address and password do not match an active account.")
    assert "stimmen nicht" in entry.msgstr


def test_plain_language_fallback_note_and_skip_link():
    po = load("de-x-simple")
    assert po.find("This text is only available in German.").msgstr == (
        "Diesen Text gibt es nur in normalem Deutsch."
    )
    assert po.find("Skip to content").msgstr == "Zum Inhalt"


def test_plain_language_differs_from_german():
    german = {entry.msgid: entry.msgstr for entry in load("de") if not entry.msgid_plural}
    simple = {entry.msgid: entry.msgstr for entry in load("de-x-simple") if not entry.msgid_plural}
    differing = [msgid for msgid in german if german[msgid] != simple[msgid]]
    # Short labels are often the same; the longer texts are rewritten.
    assert len(differing) > len(german) // 3


def test_gettext_uses_the_compiled_catalogues():
    with translation.override("de"):
        assert translation.gettext("Skip to content") == "Zum Inhalt springen"
        assert translation.ngettext("%(counter)s department", "%(counter)s departments", 3) == (
            "%(counter)s Ämter"
        )
        assert translation.pgettext("department kind", "Office (Amt)") == "Amt"
    with translation.override("de-x-simple"):
        assert translation.gettext("Skip to content") == "Zum Inhalt"
    with translation.override("en"):
        assert translation.gettext("Skip to content") == "Skip to content"


# --- (c) the pages --------------------------------------------------------------------------


@pytest.mark.django_db
def test_imprint_in_german(client):
    response = client.get("/impressum/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="de">' in content
    assert "Impressum" in content
    assert "Zum Inhalt springen" in content
    assert "Imprint" not in content


@pytest.mark.django_db
def test_imprint_in_english(client):
    response = client.get("/en/impressum/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "Imprint" in content
    assert "Skip to content" in content
    assert "Zum Inhalt" not in content


@pytest.mark.django_db
def test_imprint_in_plain_language(client):
    english = client.get("/en/impressum/").content.decode()
    response = client.get("/de-x-simple/impressum/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="de-x-simple">' in content
    assert content != english
    assert "Impressum" in content
    assert ">Zum Inhalt<" in content
    assert "Zum Inhalt springen" not in content
    assert "verantwortlich" in content
    assert "Skip to content" not in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, expected",
    [
        ("/datenschutz/", "Datenschutzerklärung"),
        ("/en/datenschutz/", "Privacy notice"),
        ("/de-x-simple/datenschutz/", "Wer ist verantwortlich?"),
        ("/barrierefreiheit/", "Barrierefreiheitserklärung"),
        ("/en/barrierefreiheit/", "Accessibility statement"),
        ("/de-x-simple/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ],
)
def test_footer_pages_in_every_language(client, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()
