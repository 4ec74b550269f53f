"""The Dresden demo data: loads, loads again without change, matches the seeds where
it says so, and its logins work on a demo installation only."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from teilhabe.accounts.models import Role, User
from teilhabe.demo import dresden
from teilhabe.demo.loader import load_dresden
from teilhabe.directory.models import Department, Organisation, UmbrellaMembership
from teilhabe.directory.vocabulary import ACTIVITY_CODES, LANGUAGES
from teilhabe.tenants.models import Municipality

LOGIN_URL = "/konto/anmelden/"
SAMPLE_ONLY_FIELDS = ("activities", "languages", "website", "public_email")


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Municipality, Department, Organisation, UmbrellaMembership, User, Role)
    }


@pytest.fixture
def dresden_loaded(db, dresden_demo):
    return Municipality.objects.get(slug="dresden")


@pytest.mark.django_db
def test_loads_dresden(dresden_loaded):
    assert dresden_loaded.official_name == "Landeshauptstadt Dresden"
    assert dresden_loaded.office_name == "Integrations- und Ausländerbeauftragte"
    assert dresden_loaded.introduction["en"] and dresden_loaded.introduction["de-x-simple"]
    assert counts() == {
        "Municipality": 1,
        "Department": len(dresden.DEPARTMENTS),
        "Organisation": len(dresden.ORGANISATIONS),
        "UmbrellaMembership": len(dresden.UMBRELLA_MEMBERSHIPS),
        "User": len(dresden.USERS),
        "Role": len(dresden.USERS),
    }


@pytest.mark.django_db
def test_second_load_changes_nothing(dresden_loaded):
    before = counts()
    dsm = Organisation.objects.get(slug="dsm")
    report = load_dresden()
    assert counts() == before
    for kind, tally in report.items():
        assert tally["created"] == tally["updated"] == 0, kind
    dsm_again = Organisation.objects.get(slug="dsm")
    assert dsm_again.updated_at == dsm.updated_at
    assert dsm_again.verified_at == dsm.verified_at


@pytest.mark.django_db
def test_load_repairs_changed_rows(dresden_loaded):
    Department.objects.filter(number="41").update(name="Falscher Name")
    User.objects.filter(email="buero@demo.teilhabe.example").update(is_demo=False)
    report = load_dresden()
    assert report["departments"]["updated"] == 1
    assert report["demo users"]["updated"] == 1
    assert Department.objects.get(number="41").name["de"] == "Kulturamt"
    assert User.objects.get(email="buero@demo.teilhabe.example").is_demo


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "name"),
    [
        ("10", "Haupt- und Personalamt"),
        ("33", "Bürgeramt"),
        ("40", "Schulverwaltungsamt"),
        ("41", "Kulturamt"),
        ("42", "Städtische Bibliotheken"),
        ("50", "Sozialamt"),
        ("51", "Jugendamt"),
        ("53", "Gesundheitsamt"),
        ("55", "Eigenbetrieb Kindertageseinrichtungen"),
        ("61", "Stadtplanungsamt"),
        ("80", "Amt für Wirtschaftsförderung"),
    ],
)
def test_department_numbers(dresden_loaded, number, name):
    department = Department.objects.get(municipality=dresden_loaded, number=number)
    assert department.name["de"] == name
    assert department.name["en"]


@pytest.mark.django_db
def test_unnumbered_units_and_sample_flags(dresden_loaded):
    office = Department.objects.get(short_name="INAUSLB")
    assert office.number == "" and office.kind == Department.Kind.DIVISION
    assert Department.objects.get(name__de="Eigenbetrieb Friedhof- und Bestattungswesen").kind == (
        Department.Kind.ENTERPRISE
    )
    # Only Amt 41 is tied to its name by the seeds; the other pairs are by convention.
    assert not Department.objects.get(number="41").is_sample
    assert Department.objects.get(number="51").is_sample


@pytest.mark.django_db
def test_key_organisations(dresden_loaded):
    dsm = Organisation.objects.get(municipality=dresden_loaded, slug="dsm")
    assert dsm.type == Organisation.Type.UMBRELLA
    assert "20 Migrantenorganisationen" in dsm.description["de"]
    assert "17. März 2021" in dsm.description["de"]
    assert dsm.is_verified and dsm.verified_at and not dsm.is_sample
    assert Organisation.objects.get(slug="jobcenter-dresden").type == (Organisation.Type.EMPLOYMENT)
    assert Organisation.objects.get(slug="ihk-dresden").type == Organisation.Type.CHAMBER
    assert (
        "FAG 1 „Wirtschaft, Arbeit, Berufsausbildung“"
        in (Organisation.objects.get(slug="tu-dresden").description["de"])
    )
    council = Organisation.objects.filter(name__icontains="Ausländerbeirat")
    assert not council.exists()  # a council body, not an organisation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("member", "umbrella"),
    [
        ("mbe-bdv", "bdv-sachsen"),
        ("cabana", "oeiz"),
        ("awo-migrationsdienst-prohlis", "awo"),
        ("caritas-jugendmigrationsdienst", "caritas"),
        ("projektschmiede", "kulturbuero-dresden"),
    ],
)
def test_umbrella_memberships(dresden_loaded, member, umbrella):
    organisation = Organisation.objects.get(slug=member)
    assert list(organisation.umbrellas.values_list("slug", flat=True)) == [umbrella]


@pytest.mark.django_db
def test_sample_details_are_marked(dresden_loaded):
    for row in dresden.ORGANISATIONS:
        if any(row.get(field) for field in SAMPLE_ONLY_FIELDS):
            assert row["is_sample"], row["slug"]
    assert Organisation.objects.get(slug="auslaenderrat-dresden").is_sample
    searchable = Organisation.objects.get(slug="verein-der-vietnamesen").search_text
    assert "vietnamesisch" in searchable and "culture" in searchable


def test_data_references_are_consistent():
    slugs = {row["slug"] for row in dresden.ORGANISATIONS}
    keys = {dresden.department_key(row) for row in dresden.DEPARTMENTS}
    languages = {code for code, _, _ in LANGUAGES}
    assert len(slugs) == len(dresden.ORGANISATIONS)
    for group in dresden.EXPERT_WORKING_GROUPS_2009:
        assert set(group["organisations"]) <= slugs
        assert set(group["departments"]) <= keys
    for member, umbrella in dresden.UMBRELLA_MEMBERSHIPS:
        assert {member, umbrella} <= slugs
    for row in dresden.ORGANISATIONS:
        assert set(row.get("activities", [])) <= set(ACTIVITY_CODES)
        assert set(row.get("languages", [])) <= languages
    for user in dresden.USERS:
        assert set(user.get("departments", [])) <= keys
        assert set(user.get("organisations", [])) <= slugs


@pytest.mark.django_db
def test_demo_roles(dresden_loaded):
    kinds = set(Role.objects.filter(municipality=dresden_loaded).values_list("kind", flat=True))
    assert kinds == set(Role.Kind.values)
    editor = Role.objects.get(kind=Role.Kind.DEPARTMENT_EDITOR)
    assert set(editor.departments.values_list("number", flat=True)) == {"41", "50"}
    representative = Role.objects.get(kind=Role.Kind.ORGANISATION_REPRESENTATIVE)
    assert set(representative.organisations.values_list("slug", flat=True)) == {
        "dsm",
        "auslaenderrat-dresden",
    }
    assert all(user.is_demo for user in User.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize("user", dresden.USERS, ids=lambda user: user["role"])
def test_demo_user_can_log_in(dresden_loaded, user):
    client = Client()
    response = client.post(LOGIN_URL, {"username": user["email"], "password": user["password"]})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=user["email"]).pk)


@pytest.mark.django_db
@pytest.mark.parametrize("user", dresden.USERS, ids=lambda user: user["role"])
def test_demo_user_refused_outside_demo(dresden_loaded, settings, user):
    settings.TEILHABE_DEMO = False
    client = Client()
    response = client.post(LOGIN_URL, {"username": user["email"], "password": user["password"]})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_command_loads_and_prints_logins():
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=out)
    output = out.getvalue()
    for user in dresden.USERS:
        assert user["email"] in output and user["password"] in output
    assert "Department editor (41 Kulturamt, 50 Sozialamt)" in output
    assert f"0 created, 0 updated, {len(dresden.ORGANISATIONS)} unchanged" in output
    assert Organisation.objects.count() == len(dresden.ORGANISATIONS)
