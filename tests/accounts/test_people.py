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
from django.utils.translation import gettext

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
    assert rows[2][4] == "nie"
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
        departments = [factories.DepartmentFactory(municipality=municipality) for _n in range(2)]
        organisations = [
            factories.OrganisationFactory(municipality=municipality) for _n in range(2)
        ]
        for _n in range(n):
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


def test_an_address_longer_than_the_column_is_a_form_error(office):
    long_address = "a" * 250 + "@example.org"
    response = office.post(
        url("invite"), {**INVITE, "kind": K.MODERATOR, "email": long_address, "confirm": "yes"}
    )
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    assert not User.objects.filter(email=long_address).exists()


def test_departments_only_with_the_editor_role_and_the_editor_names_one(office, social):
    without_role = office.post(
        url("invite"), {**INVITE, "kind": K.MODERATOR, "departments": [social.pk]}
    )
    assert without_role.status_code == 400
    assert without_role.context["form"].errors["departments"] == [
        gettext("Only with the role “%(role)s”.") % {"role": "Redakteur*in eines Amtes"}
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


# --- Changing roles ----------------------------------------------------------------------


def test_adding_a_role_saves_at_once(office, municipality):
    moderator = make_user_with_role(municipality, K.MODERATOR)
    response = office.post(url("person", pk=moderator.pk), {"kinds": [K.MODERATOR, K.OFFICE_ADMIN]})
    assert response.status_code == 302
    assert roles_of(moderator, municipality) == [K.MODERATOR, K.OFFICE_ADMIN]


def test_removing_a_role_or_a_department_asks_first(office, municipality, social):
    youth = factories.DepartmentFactory(municipality=municipality, name="Jugendamt")
    editor = make_user_with_role(municipality, K.DEPARTMENT_EDITOR, departments=[social, youth])
    Role.objects.create(user=editor, municipality=municipality, kind=K.MODERATOR)
    page = office.get(url("person", pk=editor.pk))
    assert sorted(page.context["form"].initial["kinds"]) == [K.DEPARTMENT_EDITOR, K.MODERATOR]
    data = {"kinds": [K.DEPARTMENT_EDITOR], "departments": [youth.pk]}
    confirm = office.post(url("person", pk=editor.pk), data)
    assert confirm.status_code == 200
    assert what_happens(confirm) == "Moderator*in Redakteur*in eines Amtes: 50 – Sozialamt"
    assert roles_of(editor, municipality) == [K.DEPARTMENT_EDITOR, K.MODERATOR]

    done = office.post(url("person", pk=editor.pk), {**data, "confirm": "yes"})
    assert done.status_code == 302
    assert roles_of(editor, municipality) == [K.DEPARTMENT_EDITOR]
    assert list(Role.objects.get(user=editor).departments.all()) == [youth]


def test_the_last_role_of_an_account_is_not_removed(office, municipality):
    moderator = make_user_with_role(municipality, K.MODERATOR)
    response = office.post(url("person", pk=moderator.pk), {"confirm": "yes"})
    assert response.status_code == 409
    assert response.context["form"].non_field_errors() == [str(services.LAST_ROLE)]
    assert roles_of(moderator, municipality) == [K.MODERATOR]


def test_a_shared_account_leaves_our_list_when_its_last_role_here_goes(
    office, municipality, other_municipality
):
    shared = make_user_with_role(municipality, K.MODERATOR)
    Role.objects.create(user=shared, municipality=other_municipality, kind=K.MODERATOR)
    assert office.post(url("person", pk=shared.pk), {"confirm": "yes"}).status_code == 302
    assert roles_of(shared, municipality) == []
    assert roles_of(shared, other_municipality) == [K.MODERATOR]
    assert office.get(url("person", pk=shared.pk)).status_code == 404


def test_the_last_office_admin_keeps_the_role_and_the_account(office, office_user, municipality):
    response = office.post(
        url("person", pk=office_user.pk), {"kinds": [K.MODERATOR], "confirm": "yes"}
    )
    assert response.status_code == 409
    assert response.context["form"].non_field_errors() == [str(services.LAST_OFFICE_ADMIN)]
    assert roles_of(office_user, municipality) == [K.OFFICE_ADMIN]

    response = office.post(url("activation", pk=office_user.pk), {"confirm": "yes", "active": "0"})
    assert response.status_code == 409
    office_user.refresh_from_db()
    assert office_user.is_active

    # An inactive colleague with the role does not count; an active one does.
    colleague = make_user_with_role(municipality, K.OFFICE_ADMIN)
    colleague.is_active = False
    colleague.save()
    response = office.post(url("activation", pk=office_user.pk), {"confirm": "yes", "active": "0"})
    assert response.status_code == 409
    colleague.is_active = True
    colleague.save()
    response = office.post(
        url("person", pk=office_user.pk), {"kinds": [K.MODERATOR], "confirm": "yes"}
    )
    assert response.status_code == 302
    assert roles_of(office_user, municipality) == [K.MODERATOR]


# --- Deactivating ------------------------------------------------------------------------


def test_deactivating_asks_first_and_a_second_click_changes_nothing(office, client, municipality):
    editor = make_user_with_role(municipality, K.MODERATOR)
    person = office.get(url("person", pk=editor.pk)).content.decode()
    assert f'href="{url("activation", pk=editor.pk)}"' in person
    page = office.get(url("activation", pk=editor.pk))
    assert page.status_code == 200
    assert page.context["form"]["active"].value() == "0"
    assert office.post(url("activation", pk=editor.pk), {"active": "0"}).status_code == 400
    editor.refresh_from_db()
    assert editor.is_active

    for _click in range(2):  # a double click
        done = office.post(url("activation", pk=editor.pk), {"confirm": "yes", "active": "0"})
        assert done.status_code == 302
    editor.refresh_from_db()
    assert not editor.is_active
    client.logout()
    login = client.post(
        reverse("accounts:login"), {"username": editor.email, "password": factories.PASSWORD}
    )
    assert not login.wsgi_request.user.is_authenticated

    office.force_login(User.objects.get(email="chefin@dresden.example.org"))
    assert office.get(url("activation", pk=editor.pk)).context["form"]["active"].value() == "1"
    office.post(url("activation", pk=editor.pk), {"confirm": "yes", "active": "1"})
    editor.refresh_from_db()
    assert editor.is_active


def test_a_shared_account_is_deactivated_only_by_the_operator(
    office, municipality, other_municipality
):
    shared = make_user_with_role(municipality, K.MODERATOR)
    Role.objects.create(user=shared, municipality=other_municipality, kind=K.MODERATOR)
    person = office.get(url("person", pk=shared.pk)).content.decode()
    assert url("activation", pk=shared.pk) not in person
    assert office.get(url("activation", pk=shared.pk)).status_code == 403
    response = office.post(url("activation", pk=shared.pk), {"confirm": "yes", "active": "0"})
    assert response.status_code == 403
    shared.refresh_from_db()
    assert shared.is_active


# --- Who may ------------------------------------------------------------------------------


def every_page(person):
    return [
        ("get", url("list"), {}),
        ("get", url("invite"), {}),
        ("post", url("invite"), {**INVITE, "kind": K.MODERATOR, "confirm": "yes"}),
        ("get", url("person", pk=person.pk), {}),
        ("post", url("person", pk=person.pk), {"kinds": [K.OFFICE_ADMIN], "confirm": "yes"}),
        ("get", url("activation", pk=person.pk), {}),
        ("post", url("activation", pk=person.pk), {"confirm": "yes", "active": "0"}),
    ]


def nothing_changed(person, municipality):
    person.refresh_from_db()
    assert person.is_active
    assert roles_of(person, municipality) == [K.MODERATOR]
    assert not User.objects.filter(email=INVITE["email"]).exists()


@pytest.mark.parametrize("kind", [K.DEPARTMENT_EDITOR, K.ORGANISATION_REPRESENTATIVE, K.MODERATOR])
def test_other_roles_are_refused(client, municipality, kind):
    person = make_user_with_role(municipality, K.MODERATOR)
    client.force_login(make_user_with_role(municipality, kind))
    for method, address, data in every_page(person):
        assert getattr(client, method)(address, data).status_code == 403, address
    nothing_changed(person, municipality)


def test_another_municipality_s_office_neither_sees_nor_changes_anyone(
    client, municipality, other_municipality
):
    person = make_user_with_role(municipality, K.MODERATOR)
    client.force_login(make_user_with_role(other_municipality, K.OFFICE_ADMIN))
    # Under our address: refused.
    for method, address, data in every_page(person):
        assert getattr(client, method)(address, data).status_code == 403, address
    # Under its own: our person is not found.
    for method, address, data in every_page(person)[3:]:
        leipzig = address.replace("/dresden/", "/leipzig/")
        assert getattr(client, method)(leipzig, data).status_code == 404, leipzig
    assert person.full_name not in client.get(url("list", "leipzig")).content.decode()
    nothing_changed(person, municipality)


def test_anonymous_visitors_are_sent_to_the_log_in(client, municipality):
    person = make_user_with_role(municipality, K.MODERATOR)
    for method, address, data in every_page(person):
        response = getattr(client, method)(address, data)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    nothing_changed(person, municipality)


def test_the_workspace_links_the_people_page(office):
    page = office.get(reverse("workspace:home")).content.decode()
    reference = re.search(r'<ul class="kern-list" id="reference-data">(.*?)</ul>', page, re.S)
    links = re.findall(r'href="([^"]+)"', reference.group(1))
    assert links[-2:] == [url("list"), reverse("admin:index")]


# --- At the same moment -------------------------------------------------------------------


def _signed_in_browser(live_server_url, user, path):
    """A browser with ``user``'s session that has fetched the form at ``path``."""
    from urllib.parse import urlsplit

    from django.test import Client

    from tests.simultaneous import CSRF_INPUT, Browser

    session = Client()
    session.force_login(user)
    split = urlsplit(live_server_url)
    browser = Browser(split.hostname, split.port)
    browser.cookies["sessionid"] = session.cookies["sessionid"].value
    status, page = browser.request("GET", path)
    assert status == 200, (status, page[:300])
    return browser, CSRF_INPUT.search(page).group(1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", ["remove the role", "deactivate", "deactivate in the admin"])
def test_two_office_admins_removing_each_other_at_once_leave_one(live_server, municipality, action):
    """Each of the two administrators takes the other's role (or account) at the same
    moment: the municipality's row lock lets one through; the other is refused, so one
    active office administrator remains."""
    from django.urls import reverse

    from tests.simultaneous import run_at_once

    first = make_user_with_role(municipality, K.OFFICE_ADMIN)
    second = make_user_with_role(municipality, K.OFFICE_ADMIN)

    def prepared(actor, target):
        """(browser, path, fields, where a successful change leads)"""
        if action == "remove the role":
            path, fields = url("person", pk=target.pk), {"kinds": K.MODERATOR, "confirm": "yes"}
        elif action == "deactivate":
            path, fields = url("activation", pk=target.pk), {"active": "0", "confirm": "yes"}
        else:
            path = reverse("admin:accounts_user_change", args=[target.pk])
            fields = {"email": target.email, "full_name": target.full_name, "is_active": ""}
        done = (
            reverse("admin:accounts_user_changelist")
            if action == "deactivate in the admin"
            else url("person", pk=target.pk)
        )
        browser, token = _signed_in_browser(live_server.url, actor, path)
        return browser, path, {**fields, "csrfmiddlewaretoken": token}, done

    pairs = [prepared(first, second), prepared(second, first)]
    try:
        posts = [
            lambda b=b, p=p, f=f: (b.request("POST", p, f), b.last_location)
            for b, p, f, _done in pairs
        ]
        results = run_at_once(posts)
    finally:
        for browser, *_rest in pairs:
            browser.close()
    done = [
        path
        for ((status, _page), location), (_b, path, _f, success) in zip(results, pairs, strict=True)
        if status == 302 and location.endswith(success)
    ]
    assert len(done) == 1, [(status, location) for (status, _page), location in results]
    assert all(status < 500 for (status, _page), _location in results)
    remaining = Role.objects.filter(
        municipality=municipality, kind=K.OFFICE_ADMIN, user__is_active=True
    )
    assert remaining.count() == 1


def test_the_service_itself_refuses_a_shared_account(municipality, other_municipality):
    """The page hides the button; the service refuses too, whoever calls it."""
    make_user_with_role(municipality, K.OFFICE_ADMIN)
    shared = make_user_with_role(municipality, K.MODERATOR)
    Role.objects.create(user=shared, municipality=other_municipality, kind=K.MODERATOR)
    with pytest.raises(services.PeopleError) as refused:
        services.set_active(municipality, shared, active=False)
    assert refused.value.message == services.ASK_THE_OPERATOR
    shared.refresh_from_db()
    assert shared.is_active
