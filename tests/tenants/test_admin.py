"""The admin, seen by the integration office of another municipality: it can neither
take over one of our accounts nor read our non-public titles in any list, filter,
choice or autocomplete."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from teilhabe.accounts.models import Role
from teilhabe.accounts.services import LAST_OFFICE_ADMIN
from teilhabe.directory.models import UmbrellaMembership
from teilhabe.events.models import Event, Feedback, Speaker
from teilhabe.tenants.scoping import municipality_id_of
from tests import factories
from tests.events.factories import (
    AudienceGroupFactory,
    EventFactory,
    EventSeriesFactory,
    InvitationFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
    StationFactory,
    VenueFactory,
)
from tests.factories import PASSWORD
from tests.plan.factories import (
    ConceptCycleFactory,
    CyclePhaseFactory,
    FieldOfActionFactory,
    FundingLineFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    OpenItemFactory,
    StatusReportFactory,
)

K = Role.Kind
SECRET = "LEIPZIGGEHEIM"


def populate(municipality, tag):
    """One row of every model the admin shows, each named with ``tag``; the plan and
    the event are unpublished drafts."""
    department = factories.DepartmentFactory(municipality=municipality, name=f"{tag} Amt")
    organisation = factories.OrganisationFactory(
        municipality=municipality, name=f"{tag} Verein", is_published=False
    )
    umbrella = factories.OrganisationFactory(municipality=municipality, name=f"{tag} Dach")
    UmbrellaMembership.objects.create(member=organisation, umbrella=umbrella)
    cycle = ConceptCycleFactory(
        municipality=municipality, title=f"{tag} Konzept", is_published=False
    )
    CyclePhaseFactory(cycle=cycle)
    field = FieldOfActionFactory(cycle=cycle, title=f"{tag} Feld", is_draft=True)
    goal = GoalFactory(field=field, title=f"{tag} Ziel", is_draft=True)
    measure = MeasureFactory(
        goal=goal,
        title=f"{tag} Maßnahme",
        lead_departments=[department],
        partner_organisations=[organisation],
        is_draft=True,
    )
    StatusReportFactory(measure=measure, text=f"{tag} Bericht")
    IndicatorFactory(cycle=cycle, title=f"{tag} Kennzahl", values={2022: 7})
    FundingLineFactory(cycle=cycle, title=f"{tag} Förderung", department=department)
    OpenItemFactory(cycle=cycle, text=f"{tag} Bedarf", taken_up_by=measure)
    group = AudienceGroupFactory(municipality=municipality, name=f"{tag} Gruppe")
    event = EventFactory(
        municipality=municipality,
        title=f"{tag} Werkstatt",
        status=Event.Status.DRAFT,
        venue=VenueFactory(municipality=municipality, name=f"{tag} Saal"),
        series=EventSeriesFactory(municipality=municipality, title=f"{tag} Reihe"),
        cycle=cycle,
        audience_groups=[group],
        fields_of_action=[field],
    )
    registration = RegistrationFactory(event=event, name=f"{tag} Person", audience_group=group)
    InvitationFactory(event=event, email=f"{tag.lower()}@example.org", registration=registration)
    item = ProgrammeItemFactory(event=event, title=f"{tag} Punkt")
    StationFactory(item=item, title=f"{tag} Tisch")
    Speaker.objects.create(item=item, name=f"{tag} Rednerin", organisation=organisation)
    Feedback.objects.create(event=event, rating=4, text=f"{tag} Rückmeldung")
    factories.RoleFactory(
        municipality=municipality,
        kind=K.DEPARTMENT_EDITOR,
        departments=[department],
        user__full_name=f"{tag} Mensch",
        user__email=f"{tag.lower()}.mensch@example.org",
    )
    return {"event": event, "measure": measure, "organisation": organisation}


@pytest.fixture
def two_worlds(municipality):
    leipzig = factories.MunicipalityFactory(name=f"Leipzig {SECRET}", slug="leipzig")
    ours = populate(municipality, "Dresdner")
    theirs = populate(leipzig, SECRET)
    office = factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN).user
    return {
        "dresden": municipality,
        "leipzig": leipzig,
        "ours": ours,
        "theirs": theirs,
        "office": office,
    }


def admin_pages(model_admin, own_object):
    opts = model_admin.model._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    pages = [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
    if own_object is not None:
        pages.append(reverse(f"{prefix}_change", args=[own_object.pk]))
    return pages


def registered_admins():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def test_no_admin_page_shows_another_municipalitys_titles(client, two_worlds):
    client.force_login(two_worlds["office"])
    seen = 0
    for model, model_admin in registered_admins():
        own = model_admin.get_queryset(_request(two_worlds["office"])).first()
        for page in admin_pages(model_admin, own):
            response = client.get(page)
            if response.status_code != 200:
                continue  # the office may not use this admin at all (e.g. the outbox)
            seen += 1
            assert SECRET not in response.content.decode(), (model.__name__, page)
    # Lists, forms and filters of all the office's models were looked at.
    assert seen >= 40


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_every_choice_in_every_admin_form_is_scoped(two_worlds):
    """Each relation field of each admin form (and inline) offers only rows of the
    office's municipality, shared vocabularies aside."""
    request = _request(two_worlds["office"])
    dresden = two_worlds["dresden"].pk
    checked = 0
    for model, model_admin in registered_admins():
        if not model_admin.has_add_permission(request):
            continue
        forms = [model_admin.get_form(request)]
        forms += [
            inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)
        ]
        for form in forms:
            for name, field in form.base_fields.items():
                queryset = getattr(field, "queryset", None)
                if queryset is None or getattr(queryset.model, "is_shared_vocabulary", False):
                    continue
                owners = {
                    obj.pk if obj._meta.model_name == "municipality" else _owner(obj)
                    for obj in queryset
                }
                assert owners <= {dresden}, (model.__name__, name)
                checked += 1
    assert checked >= 30


def _owner(obj):
    if isinstance(obj, get_user_model()):
        return {role.municipality_id for role in obj.roles.all()}.pop()
    return municipality_id_of(obj)


@pytest.mark.parametrize(
    "changelist, parameter",
    [
        ("events_registration", "event__id__exact"),
        ("plan_measure", "cycle__id__exact"),
        ("plan_goal", "field__cycle__id__exact"),
        ("plan_fieldofaction", "cycle__id__exact"),
    ],
)
def test_list_filters_offer_only_own_objects(client, two_worlds, changelist, parameter):
    # A filter shows when there are two things to choose from.
    dresden = two_worlds["dresden"]
    RegistrationFactory(event=EventFactory(municipality=dresden, title="Dresdner Konferenz"))
    cycle = ConceptCycleFactory(municipality=dresden, title="Dresdner Aktionsplan")
    MeasureFactory(goal=GoalFactory(field=FieldOfActionFactory(cycle=cycle)))
    client.force_login(two_worlds["office"])
    response = client.get(reverse(f"admin:{changelist}_changelist"))
    spec = next(
        spec
        for spec in response.context["cl"].filter_specs
        if parameter.startswith(spec.field_path + "__")
    )
    titles = [title for _pk, title in spec.lookup_choices]
    assert titles, "the filter offers our own objects"
    assert all("Dresdner" in title for title in titles), titles
    assert not any(SECRET in title for title in titles)


def test_autocomplete_offers_only_own_users(client, two_worlds):
    client.force_login(two_worlds["office"])
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "accounts", "model_name": "role", "field_name": "user", "term": "mensch"},
    )
    names = [item["text"] for item in response.json()["results"]]
    assert names == ["Dresdner Mensch"]


# --- The takeover chain ------------------------------------------------------------------


@pytest.fixture
def chain(municipality, other_municipality):
    victim = factories.RoleFactory(
        municipality=municipality,
        kind=K.OFFICE_ADMIN,
        user__email="chefin@dresden.example.org",
        user__full_name="Chefin Dresden",
    ).user
    registration = RegistrationFactory(
        event=EventFactory(municipality=municipality, slug="werkstatt"), name="Geheime Person"
    )
    attacker = factories.RoleFactory(municipality=other_municipality, kind=K.OFFICE_ADMIN).user
    return {"victim": victim, "attacker": attacker, "registration": registration}


def test_another_office_cannot_take_over_our_office_admin(client, chain, other_municipality):
    victim, attacker = chain["victim"], chain["attacker"]
    client.force_login(attacker)

    # 1. Leipzig's office gives Dresden's office admin a role in Leipzig: refused (an
    # office gives roles on the workspace's People page, which offers its own people only).
    response = client.post(
        reverse("admin:accounts_role_add"),
        {"user": victim.pk, "municipality": other_municipality.pk, "kind": K.MODERATOR},
    )
    assert response.status_code == 403
    assert not Role.objects.filter(user=victim, municipality=other_municipality).exists()

    # 2. Even if she does hold a role there (given by the operator: she helps out in
    # Leipzig), Leipzig's office can change neither her password nor her account.
    Role.objects.create(user=victim, municipality=other_municipality, kind=K.MODERATOR)
    password_url = reverse("admin:auth_user_password_change", args=[victim.pk])
    response = client.post(
        password_url, {"password1": "gekapert-gekapert-1", "password2": "gekapert-gekapert-1"}
    )
    assert response.status_code == 403
    change_url = reverse("admin:accounts_user_change", args=[victim.pk])
    response = client.post(
        change_url,
        {"email": "angreifer@leipzig.example.org", "full_name": "Gekapert", "is_active": ""},
    )
    assert response.status_code == 403
    victim.refresh_from_db()
    assert victim.check_password(PASSWORD)
    assert victim.email == "chefin@dresden.example.org"
    assert victim.is_active

    # 3. So the attacker cannot log in as her, and Dresden's participants stay closed.
    client.logout()
    login = client.post(
        reverse("accounts:login"),
        {"username": "chefin@dresden.example.org", "password": "gekapert-gekapert-1"},
    )
    assert login.status_code == 200 and not login.wsgi_request.user.is_authenticated
    client.force_login(attacker)
    export = client.get(
        reverse(
            "events:export",
            kwargs={"municipality": "dresden", "slug": "werkstatt", "fmt": "csv"},
        )
    )
    assert export.status_code == 403
    assert "Geheime Person" not in export.content.decode()


def test_office_changes_accounts_that_work_only_for_its_municipality(client, municipality):
    office = factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN).user
    editor = factories.RoleFactory(municipality=municipality, kind=K.DEPARTMENT_EDITOR).user
    client.force_login(office)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[editor.pk]),
        {"password1": "ein-neues-passwort-7", "password2": "ein-neues-passwort-7"},
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("ein-neues-passwort-7")


def test_a_shared_account_is_changed_only_by_the_operator_or_its_holder(
    client, municipality, other_municipality
):
    shared = factories.RoleFactory(municipality=municipality, kind=K.MODERATOR).user
    Role.objects.create(user=shared, municipality=other_municipality, kind=K.MODERATOR)
    office = factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN).user
    url = reverse("admin:auth_user_password_change", args=[shared.pk])
    data = {"password1": "ein-neues-passwort-7", "password2": "ein-neues-passwort-7"}

    client.force_login(office)
    assert client.post(url, data).status_code == 403
    # The office still sees the account (she works for Dresden too), read only.
    page = client.get(reverse("admin:accounts_user_change", args=[shared.pk]))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]

    # An office admin who works for two municipalities changes their own password.
    Role.objects.create(user=office, municipality=other_municipality, kind=K.MODERATOR)
    own = reverse("admin:auth_user_password_change", args=[office.pk])
    assert client.post(own, data).status_code == 302

    operator = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(operator)
    assert client.post(url, data).status_code == 302
    shared.refresh_from_db()
    assert shared.check_password("ein-neues-passwort-7")


def test_office_cannot_make_anyone_operator(client, municipality):
    office = factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN).user
    editor = factories.RoleFactory(municipality=municipality, kind=K.DEPARTMENT_EDITOR).user
    client.force_login(office)
    response = client.post(
        reverse("admin:accounts_user_change", args=[editor.pk]),
        {
            "email": editor.email,
            "full_name": "Neuer Name",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.full_name == "Neuer Name"
    assert not editor.is_superuser and not editor.is_staff


def test_office_adds_a_user_with_a_role_in_its_own_municipality_only(
    client, municipality, other_municipality
):
    office = factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN).user
    client.force_login(office)
    url = reverse("admin:accounts_user_add")
    base = {
        "email": "neu@example.org",
        "full_name": "Neue Kollegin",
        "password1": "sehr-geheim-4711",
        "password2": "sehr-geheim-4711",
    }
    # Without a role the account would belong to no municipality: refused.
    assert client.post(url, base).status_code == 200
    # Another municipality is not a choice.
    response = client.post(
        url, {**base, "municipality": other_municipality.pk, "kind": K.DEPARTMENT_EDITOR}
    )
    assert "municipality" in response.context["adminform"].form.errors
    assert not get_user_model().objects.filter(email="neu@example.org").exists()

    response = client.post(
        url, {**base, "municipality": municipality.pk, "kind": K.DEPARTMENT_EDITOR}
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="neu@example.org")
    assert [(r.municipality, r.kind) for r in user.roles.all()] == [
        (municipality, K.DEPARTMENT_EDITOR)
    ]
    # And the office can now find her for further roles.
    search = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "accounts", "model_name": "role", "field_name": "user", "term": "neu"},
    )
    assert [item["text"] for item in search.json()["results"]] == ["Neue Kollegin"]


# --- The last office administrator -----------------------------------------------------


def test_roles_are_read_only_in_the_admin_for_the_office(client, municipality):
    """Roles change on the People page (which keeps an office administrator); the admin
    would let an office remove its last one."""
    office = factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN)
    client.force_login(office.user)
    change = reverse("admin:accounts_role_change", args=[office.pk])
    assert client.get(change).status_code == 200
    data = {"user": office.user.pk, "municipality": municipality.pk, "kind": K.MODERATOR}
    assert client.post(change, data).status_code == 403
    delete = reverse("admin:accounts_role_delete", args=[office.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    office.refresh_from_db()
    assert office.kind == K.OFFICE_ADMIN


def _deactivate_in_admin(client, user):
    """The admin's messages after deactivating ``user`` on the change form."""
    page = client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {"email": user.email, "full_name": user.full_name, "is_active": ""},
        follow=True,
    )
    assert page.status_code == 200
    return [str(message) for message in page.context["messages"]]


@pytest.mark.parametrize("who", ["herself", "the operator"])
def test_the_admin_does_not_deactivate_the_last_office_admin(client, municipality, who):
    office = factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN).user
    actor = office if who == "herself" else factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(actor)
    assert _deactivate_in_admin(client, office) == [str(LAST_OFFICE_ADMIN)]
    office.refresh_from_db()
    assert office.is_active

    # With a second office administrator, the first can go.
    factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN)
    client.force_login(actor)
    assert str(LAST_OFFICE_ADMIN) not in _deactivate_in_admin(client, office)
    office.refresh_from_db()
    assert not office.is_active
