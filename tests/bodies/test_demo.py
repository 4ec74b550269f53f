"""The Dresden demo's bodies: the pages of FAG 1–4 list exactly the members seed 004
names (organisations by their directory entry, departments by number, the two functions
the lists name), and the other four bodies of the seeds are there."""

import re

import pytest

from teilhabe.bodies.models import Body, Membership

pytestmark = pytest.mark.django_db

# Seed 004 ("2. Mitwirkende"), list by list: the organisations (as the directory has
# them, the seed's wording in the comment where it differs), the Ämter by number, and
# entries naming a function.
SEED_004 = {
    "fag-1": {
        "organisations": {
            "cabana",  # Cabana, ÖIZ e. V.
            "caritas-jugendmigrationsdienst",
            "kiw-gesellschaft",
            "exis",
            "verein-der-vietnamesen",  # ... / Vertreter des Ausländerbeirats
            "cultura-et-cetera",
            "tu-dresden",
            "jobcenter-dresden",
            "agentur-fuer-arbeit-dresden",  # Arbeitsagentur Dresden
            "ihk-dresden",  # Industrie- und Handelskammer
            "handwerkskammer-dresden",
        },
        "departments": {"10", "15", "51", "80"},
        "other": set(),
        "for the council": "Verein der Vietnamesen in Dresden e. V.",
    },
    "fag-2": {
        "organisations": {
            "cabana",
            "auslaenderrat-dresden",  # ... / Vertreter des Ausländerbeirats
            "dresdner-verein-soziale-integration",
            "caritas-jugendmigrationsdienst",
            "verein-der-vietnamesen",
            "krankenhaus-friedrichstadt",
            "krankenhaus-neustadt",
        },
        "departments": {"50", "51", "53", "61"},
        "other": {"VertreterInnen der Eigenbetriebe"},
        "for the council": "Ausländerrat Dresden e. V.",
    },
    "fag-3": {
        "organisations": {
            "auslaenderrat-dresden",
            "awo-migrationsdienst-prohlis",
            "caritas-jugendmigrationsdienst",
            "portal",
            "polonia-dresden",
            "bamf",
            "saechsische-bildungsagentur-dresden",  # Sächsische Bildungsagentur, RS Dresden
            "kreiselternrat-dresden",
        },
        "departments": {"15", "40", "42", "51", "53", "55"},
        "other": {"Vertreter des Ausländerbeirats"},
        "for the council": None,
    },
    "fag-4": {
        "organisations": {
            "portal",
            "juedischer-frauenverein-dresden",
            "auslaenderrat-dresden",
            "dresdner-verein-soziale-integration",
            "mbe-bdv",  # Migrationsberatung für Erwachsene (MBE) im BdV LV Sa/Schl. Lausitz
            "chinesisch-deutsches-zentrum",
            "kreissportbund-dresden",
            "afropa",  # AFROPA e. V. - Vertreter des Ausländerbeirats
        },
        "departments": {"15", "33", "41"},
        "other": {"OB-Bereich"},  # "VertreterInnen Ämter 15, 33, 41, des OB-Bereiches"
        "for the council": "AFROPA e. V.",
    },
}

ITEM = re.compile(r'<li data-member-kind="(\w+)">(.*?)</li>', re.S)
ORGANISATION_LINK = re.compile(r'href="/dresden/verzeichnis/organisationen/([\w-]+)/"')


def members_on_page(html):
    """{"organisations": slugs, "departments": numbers, "other": names} of the page's
    list of members until May 2013."""
    listed = html[
        html.index('id="former-members"') : html.index("</ul>", html.index('id="former-members"'))
    ]
    found = {"organisations": set(), "departments": set(), "other": set()}
    for kind, item in ITEM.findall(listed):
        text = re.sub(r"<[^>]+>", "", item)
        if kind == "organisation":
            found["organisations"].add(ORGANISATION_LINK.search(item).group(1))
        elif kind == "department" and re.match(r"\d+ – ", text):
            found["departments"].add(text.split(" – ")[0])
        elif kind == "department":
            found["other"].add("OB-Bereich" if "Oberbürgermeister" in text else text)
        else:
            found["other"].add(text.split(" · ")[0])
    return found, listed


@pytest.mark.parametrize("slug", sorted(SEED_004))
def test_the_fag_pages_reproduce_the_lists_of_seed_004(client, dresden_demo, slug):
    response = client.get(f"/dresden/gremien/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    found, listed = members_on_page(html)
    expected = SEED_004[slug]
    assert found == {key: expected[key] for key in ("organisations", "departments", "other")}
    assert "Mitglieder bis Mai 2013" in html and 'id="current-members"' not in html
    council = expected["for the council"]
    noted = re.findall(
        r"<bdi>([^<]+)</bdi></a> \(zugleich Vertreter des Ausländerbeirats\)", listed
    )
    assert noted == ([council] if council else [])
    assert "Juli 2009 bis Mai 2013" in html  # the body's period (seed 004: until May 2013)


def test_the_other_bodies_of_the_seeds_are_there(dresden_demo):
    bodies = {b.slug: b for b in Body.objects.filter(municipality__slug="dresden")}
    assert bodies["steuerungsgruppe"].kind == Body.Kind.STEERING_GROUP
    assert bodies["koordinierungsgruppe"].kind == Body.Kind.COORDINATION_GROUP
    assert bodies["fach-ag-migration-integration"].name["de"] == "Fach-AG „Migration-Integration“"
    council = bodies["integrations-und-auslaenderbeirat"]
    assert council.kind == Body.Kind.ADVISORY_COUNCIL
    assert council.name["de"] == "Integrations- und Ausländerbeirat Dresden"
    assert len(bodies) == 8
    # The seeds name no members of these four: the demo invents none.
    others = [bodies[s] for s in bodies if not s.startswith("fag-")]
    assert not Membership.objects.filter(body__in=others).exists()
    assert {f.number for f in bodies["fag-3"].fields.all()} == {3}
    assert {c.slug for c in council.cycles.all()} == {"2009", "2015-2020", "2021-2026"}


def test_loading_again_changes_nothing(dresden_demo):
    from teilhabe.demo.loader import load_dresden

    report = load_dresden()
    assert report["bodies"] == {"unchanged": 8}
    assert report["memberships"] == {
        "unchanged": sum(
            len(g["organisations"]) + len(g["departments"]) + len(g["other"])
            for g in SEED_004.values()
        )
    }
