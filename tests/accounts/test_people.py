"""The office manages its people without the admin (``/<municipality>/personen/``):
the list, inviting, changing roles, deactivating. The rules under test: an office adds
roles only to accounts that already work for it (or new ones), deactivates only those
``may_change_account`` allows, keeps an active office administrator, and sees and
changes nothing of another municipality."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.accounts import services
from teilhabe.accounts.models import Role
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.conftest import make_user_with_role

K = Role.Kind
User = get_user_model()


def url(name, municipality="dresden", **kwargs):
    return reverse(f"people:{name}", kwargs={"municipality": municipality, **kwargs})


@pytest.fixture
def office_user(municipality):
    return factories.RoleFactory(
        municipality=municipality,
        kind=K.OFFICE_ADMIN,
        user__email="chefin@dresden.example.org",
        user__full_name="Chefin Dresden",
    ).user


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return client


@pytest.fixture
def social(municipality):
    return factories.DepartmentFactory(municipality=municipality, number="50", name="Sozialamt")


def roles_of(user, municipality):
    return sorted(
        Role.objects.filter(user=user, municipality=municipality).values_list("kind", flat=True)
    )


def table_rows(response):
    """The body rows of the page's table, each a list of its cells' text."""
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", response.content.decode(), re.S).group(1)
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


# --- The list ----------------------------------------------------------------------------


def test_the_list_shows_the_municipality_s_people_and_only_the_minimum(
    office, municipality, other_municipality, social
):
    club = factories.OrganisationFactory(municipality=municipality, name="Kulturverein")
    editor = factories.RoleFactory(
        municipality=municipality,
        kind=K.DEPARTMENT_EDITOR,
        departments=[social],
        user__full_name="Erika Amt",
        user__email="erika@dresden.example.org",
    ).user
    editor.last_login = datetime(2026, 3, 4, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    editor.is_active = False
    editor.save()
    factories.RoleFactory(
        municipality=municipality,
        kind=K.ORGANISATION_REPRESENTATIVE,
        organisations=[club],
        user__full_name="Vera Verein",
    )
    factories.RoleFactory(municipality=other_municipality, user__full_name="Leipziger Kollege")
    factories.UserFactory(full_name="Die Betreiberin", is_superuser=True, is_staff=True)

    response = office.get(url("list"))
    assert response.status_code == 200
    rows = table_rows(response)
    assert [row[0] for row in rows] == ["Chefin Dresden", "Erika Amt", "Vera Verein"]
    assert rows[1] == [
        "Erika Amt",
        "erika@dresden.example.org",
        "Redakteur*in eines Amtes: Sozialamt",
        "nein",
        "04.03.2026 09:30",
    ]
    assert rows[2][2] == "Vertreter*in einer Organisation: Kulturverein"
    assert rows[0][4] == "nie"
    # Five columns: name, e-mail, roles, active, last log-in; nothing else about a person.
    assert all(len(row) == 5 for row in rows)


def test_the_list_filters_by_role_and_refuses_an_unknown_one(office, municipality):
    factories.RoleFactory(municipality=municipality, kind=K.MODERATOR, user__full_name="Mo Derator")
    page = office.get(url("list"), {"role": K.MODERATOR})
    assert [p.full_name for p in page.context["people"]] == ["Mo Derator"]
    unknown = office.get(url("list"), {"role": "operator"})
    assert unknown.status_code == 400
    assert "keine gültige Auswahl" in unknown.content.decode()


def count_queries(client, address):
    client.get(address)  # warm caches (translations, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_the_list_runs_the_same_number_of_queries_for_few_and_many(office, municipality):
    def add(n):
        departments = [factories.DepartmentFactory(municipality=municipality) for _ in range(2)]
        organisations = [factories.OrganisationFactory(municipality=municipality) for _ in range(2)]
        for _ in range(n):
            factories.RoleFactory(
                municipality=municipality, kind=K.DEPARTMENT_EDITOR, departments=departments
            )
            factories.RoleFactory(
                municipality=municipality,
                kind=K.ORGANISATION_REPRESENTATIVE,
                organisations=organisations,
            )

    add(1)
    few = count_queries(office, url("list"))
    add(15)
    many = count_queries(office, url("list"))
    assert few == many
    assert count_queries(office, url("list") + "?role=department_editor") == few


def what_happens(response):
    """The text of the confirmation page's summary."""
    found = re.search(r'id="what-happens">(.*?)</(div|ul)>', response.content.decode(), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


# --- Inviting ----------------------------------------------------------------------------

INVITE = {
    "email": "neu@dresden.example.org",
    "full_name": "Nora Neu",
    "kind": K.DEPARTMENT_EDITOR,
    "language": "ar",
}


def test_inviting_asks_first_then_creates_the_account_and_mails_a_link(
    office, client, municipality, social
):
    assert office.get(url("invite")).status_code == 200
    data = {**INVITE, "departments": [social.pk]}
    page = office.post(url("invite"), data)
    assert page.status_code == 200
    assert page.context["what"] == "new"
    assert "neu@dresden.example.org" in what_happens(page)
    assert not User.objects.filter(email="neu@dresden.example.org").exists()
    assert OutgoingMail.objects.count() == 0

    done = office.post(url("invite"), {**data, "confirm": "yes"})
    user = User.objects.get(email="neu@dresden.example.org")
    assert done.status_code == 302
    assert done["Location"] == url("person", pk=user.pk)
    assert user.full_name == "Nora Neu"
    assert not user.has_usable_password()
    role = user.roles.get()
    assert (role.municipality, role.kind) == (municipality, K.DEPARTMENT_EDITOR)
    assert list(role.departments.all()) == [social]

    mail = OutgoingMail.objects.get()
    assert (mail.to, mail.language, mail.municipality) == (user.email, "ar", municipality)
    assert mail.body_text.startswith("مرحبًا Nora،")  # in the language the office chose
    link = re.search(r"(/ar/konto/passwort-neu/\S+/)", mail.body_text).group(1)

    # The link lets her choose a password once, then she logs in.
    client.logout()
    form = client.get(link, follow=True)
    assert form.context["validlink"]
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "ein-gutes-passwort-8", "new_password2": "ein-gutes-passwort-8"},
    )
    user.refresh_from_db()
    assert user.check_password("ein-gutes-passwort-8")
    assert not client.get(link, follow=True).context["validlink"]


def test_an_invited_person_whose_link_expired_gets_a_new_one(client, municipality):
    invited = User.objects.create_user("spaet@dresden.example.org", password=None)
    Role.objects.create(user=invited, municipality=municipality, kind=K.MODERATOR)
    client.post(reverse("accounts:password_reset"), {"email": "spaet@dresden.example.org"})
    assert OutgoingMail.objects.filter(to="spaet@dresden.example.org").count() == 1


def test_another_municipality_s_department_is_not_a_choice(
    office, municipality, other_municipality
):
    foreign = factories.DepartmentFactory(municipality=other_municipality)
    foreign_club = factories.OrganisationFactory(municipality=other_municipality)
    response = office.post(url("invite"), {**INVITE, "departments": [foreign.pk], "confirm": "yes"})
    assert response.status_code == 400
    assert "ist keine gültige Auswahl" in response.content.decode()
    response = office.post(
        url("invite"),
        {
            **INVITE,
            "kind": K.ORGANISATION_REPRESENTATIVE,
            "organisations": [foreign_club.pk],
            "confirm": "yes",
        },
    )
    assert response.status_code == 400
    assert "organisations" in response.context["form"].errors
    assert not User.objects.filter(email=INVITE["email"]).exists()
    assert OutgoingMail.objects.count() == 0


def test_departments_only_with_the_editor_role_and_the_editor_names_one(office, social):
    without_role = office.post(
        url("invite"), {**INVITE, "kind": K.MODERATOR, "departments": [social.pk]}
    )
    assert without_role.status_code == 400
    assert without_role.context["form"].errors["departments"] == [
        _("Only with the role “%(role)s”.") % {"role": "Redakteur*in eines Amtes"}
    ]
    without_department = office.post(url("invite"), INVITE)
    assert without_department.status_code == 400
    assert "departments" in without_department.context["form"].errors
    assert not User.objects.filter(email=INVITE["email"]).exists()


def test_an_account_working_here_gets_the_role_and_no_mail(office, municipality, social):
    moderator = make_user_with_role(municipality, K.MODERATOR)
    data = {**INVITE, "email": moderator.email.upper(), "departments": [social.pk]}
    page = office.post(url("invite"), data)
    assert page.context["what"] == "existing"
    office.post(url("invite"), {**data, "confirm": "yes"})
    assert roles_of(moderator, municipality) == [K.DEPARTMENT_EDITOR, K.MODERATOR]
    moderator.refresh_from_db()
    assert moderator.full_name != "Nora Neu"  # the office changes no other field
    assert OutgoingMail.objects.count() == 0


@pytest.mark.parametrize("whose", ["another municipality", "the operator", "nobody"])
def test_another_municipality_s_or_the_operator_s_account_is_refused(
    office, municipality, other_municipality, whose
):
    if whose == "another municipality":
        stranger = make_user_with_role(other_municipality, K.OFFICE_ADMIN)
    elif whose == "the operator":
        stranger = factories.UserFactory(is_superuser=True, is_staff=True)
    else:
        stranger = factories.UserFactory()
    data = {**INVITE, "email": stranger.email, "kind": K.MODERATOR}
    for step in (data, {**data, "confirm": "yes"}):
        response = office.post(url("invite"), step)
        assert response.status_code == 409
        assert response.context["form"].errors["email"] == [str(services.ASK_THE_OPERATOR)]
    assert not Role.objects.filter(user=stranger, municipality=municipality).exists()
    assert OutgoingMail.objects.count() == 0
