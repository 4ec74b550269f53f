"""What frames every page is in the reader's language: the admin's app and model names
(the admin has the same language prefixes as the pages), the breadcrumbs and the footer."""

import re
from html import unescape

import pytest

from teilhabe.accounts.models import Role
from tests import factories
from tests.plan.factories import ConceptCycleFactory, FieldOfActionFactory

APP_NAMES = {
    "de": {
        "Aufgabenwarteschlange",
        "Authentifizierung und Autorisierung",
        "Beteiligung",
        "E-Mails",
        "Integrationskonzept",
        "Kommunen",
        "Konten und Rollen",
        "Veranstaltungen",
        "Verzeichnis",
    },
    "en": {
        "Accounts and roles",
        "Authentication and Authorization",
        "Consultation",
        "E-mails",
        "Events",
        "Integration concept",
        "Municipalities",
        "Directory",
        "Task queue",
    },
}


def captions(content):
    return set(re.findall(r'<caption>\s*<a href="[^"]*" class="section"[^>]*>([^<]*)</a>', content))


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize("prefix, lang", [("", "de"), ("/en", "en")])
def test_the_admin_names_its_apps_in_the_readers_language(client, municipality, prefix, lang):
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    content = client.get(f"{prefix}/admin/").content.decode()
    assert f'<html lang="{lang}"' in content
    assert captions(content) == APP_NAMES[lang]


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("", ["Start › Integrationskonzept", "Konzeptperioden", "Maßnahmen", "Ziele"]),
        ("/en", ["Home › Integration concept", "Concept cycles", "Measures", "Goals"]),
    ],
)
def test_the_office_reads_the_admins_breadcrumbs_in_its_language(
    client, municipality, prefix, expected
):
    """The office's admin index (only its apps) and an app page with its breadcrumbs."""
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    client.force_login(office)
    content = client.get(f"{prefix}/admin/plan/").content.decode()
    breadcrumbs, *model_names = expected
    assert (
        text_of(re.search(r'<div class="breadcrumbs">.*?</div>', content, re.S)[0]) == breadcrumbs
    )
    for name in model_names:
        assert f">{name}</a>" in content


@pytest.fixture
def cycle(municipality):
    cycle = ConceptCycleFactory(
        municipality=municipality,
        slug="2021-2026",
        title={"de": "Aktionsplan Integration 2021 bis 2026", "en": "Action Plan 2021 to 2026"},
        short_title="Aktionsplan 2021–2026",
        is_published=True,
    )
    FieldOfActionFactory(cycle=cycle, number=1, slug="bildung")
    return cycle


def breadcrumbs_of(content):
    return text_of(re.search(r'<nav class="breadcrumbs".*?</nav>', content, re.S)[0])


@pytest.mark.parametrize(
    "path",
    [
        "plan/2021-2026/",
        "plan/2021-2026/zeitplan/",
        "plan/2021-2026/massnahmen/",
        "plan/2021-2026/handlungsfelder/bildung/",
    ],
)
def test_english_breadcrumbs_name_the_cycle_in_english(client, cycle, path):
    english = breadcrumbs_of(client.get(f"/en/dresden/{path}").content.decode())
    assert english.startswith("Dresden Integration concept Action Plan 2021 to 2026")
    assert "Aktionsplan" not in english
    german = breadcrumbs_of(client.get(f"/dresden/{path}").content.decode())
    assert german.startswith("Dresden Integrationskonzept Aktionsplan 2021–2026")


def test_the_footer_describes_the_sample_operator_in_the_readers_language(client, cycle):
    def footer(prefix):
        content = client.get(f"{prefix}/dresden/").content.decode()
        return text_of(content[content.index("<footer") :])

    assert footer("/en") == (
        "Imprint Privacy Accessibility statement Open data interface (API) "
        "Teilhabe is free software. Operator of this installation (example)"
    )
    assert footer("") == (
        "Impressum Datenschutz Barrierefreiheitserklärung Offene Datenschnittstelle (API) "
        "Teilhabe ist freie Software. Betreiber dieser Installation (Beispiel)"
    )
