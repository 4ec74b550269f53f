"""Personal API tokens: made and revoked in the workspace, stored hashed, refused with
a reason when bad, bound to one municipality; with a token the API allows exactly
what the pages allow (the plan's and directory's rules), through the same services."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.models import Role
from teilhabe.api import services
from teilhabe.api.models import ApiToken
from teilhabe.plan.models import ConceptCycle, Measure
from tests import factories
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)

K = Role.Kind
C = "/api/v1/dresden/cycles/ik-2021"


@pytest.fixture
def plan(municipality):
    department = factories.DepartmentFactory(municipality=municipality, number="50")
    other_department = factories.DepartmentFactory(municipality=municipality, number="51")
    cycle = ConceptCycleFactory(municipality=municipality, slug="ik-2021")
    goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle), code="1.1")
    measure = MeasureFactory(goal=goal, code="1.1.1", lead_departments=[department])
    return {
        "municipality": municipality,
        "cycle": cycle,
        "goal": goal,
        "measure": measure,
        "department": department,
        "other_department": other_department,
    }


def token_for(municipality, kind, **role):
    user = factories.RoleFactory(municipality=municipality, kind=kind, **role).user
    _token, clear = services.create_token(user=user, municipality=municipality, name="Skript")
    return clear


def call(client, method, url, token=None, body=None, **headers):
    if token is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    data = body if isinstance(body, str) else json.dumps(body or {})
    return getattr(client, method)(url, data=data, content_type="application/json", **headers)


REPORT = {"reported_on": "2024-05-01", "status": "in_progress", "progress": 40, "text": "Läuft."}


def file_report(client, token, url=f"{C}/measures/1.1.1/reports", body=REPORT):
    return call(client, "post", url, token, body)


# --- Stored hashed, shown once ----------------------------------------------------------


def test_a_token_is_stored_as_its_hash_only(plan):
    user = factories.RoleFactory(municipality=plan["municipality"]).user
    token, clear = services.create_token(user=user, municipality=plan["municipality"], name="x")
    assert clear.startswith(f"thb_{token.prefix}_") and len(clear) == 60
    stored = ApiToken.objects.filter(pk=token.pk).values()[0]
    assert clear not in json.dumps(stored, default=str)
    assert clear.split("_")[2] not in json.dumps(stored, default=str)
    assert stored["digest"] == services.digest(clear)


def test_the_workspace_makes_a_token_and_shows_it_once(client, plan):
    user = factories.RoleFactory(municipality=plan["municipality"]).user
    client.force_login(user)
    url = reverse("api_tokens:list")
    response = client.post(url, {"name": "Berichtsskript", "municipality": plan["municipality"].pk})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    clear = response.context["clear_token"]
    assert clear in response.content.decode()
    token = ApiToken.objects.get(user=user)
    assert (token.name, token.municipality, token.digest) == (
        "Berichtsskript",
        plan["municipality"],
        services.digest(clear),
    )
    again = client.get(url).content.decode()
    assert "Berichtsskript" in again and clear not in again and f"thb_{token.prefix}_" in again
    # It works.
    assert file_report(client, clear).status_code == 201


@pytest.mark.parametrize(
    "data",
    [
        {"name": ""},
        {"name": "x" * 101},
        {"expires_on": "2001-01-01"},
        {"expires_on": (date.today() + timedelta(days=4 * 366)).isoformat()},
        {"municipality": "999999"},
    ],
)
def test_a_bad_token_form_makes_nothing(client, plan, other_municipality, data):
    user = factories.RoleFactory(municipality=plan["municipality"]).user
    client.force_login(user)
    form = {"name": "Skript", "municipality": plan["municipality"].pk, **data}
    response = client.post(reverse("api_tokens:list"), form)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_a_person_holds_a_bounded_number_of_tokens(client, plan, other_municipality, settings):
    """``TEILHABE_API_TOKENS_PER_PERSON`` usable tokens, in all municipalities together;
    one more is a clear error on the form and makes nothing. Revoked and expired ones
    do not count."""
    settings.TEILHABE_API_TOKENS_PER_PERSON = 3
    user = factories.RoleFactory(municipality=plan["municipality"]).user
    factories.RoleFactory(municipality=other_municipality, user=user)
    for place in (plan["municipality"], plan["municipality"], other_municipality):
        services.create_token(user=user, municipality=place, name="Skript")
    client.force_login(user)
    with translation.override("en"):
        url = reverse("api_tokens:list")
    form = {"name": "Noch eins", "municipality": plan["municipality"].pk}
    response = client.post(url, form)
    assert response.status_code == 400
    message = (
        "You already have 3 active tokens, the most one person may have. "
        "Revoke one you no longer use first."
    )
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.content.decode()
    assert ApiToken.objects.filter(user=user).count() == 3
    with pytest.raises(services.TokenError):
        services.create_token(user=user, municipality=plan["municipality"], name="Skript")

    # Another person is not bound by this one's tokens.
    other = factories.RoleFactory(municipality=plan["municipality"]).user
    services.create_token(user=other, municipality=plan["municipality"], name="Skript")

    # A revoked and an expired token make room.
    first, second, _third = ApiToken.objects.filter(user=user)
    services.revoke_token(first)
    assert client.post(url, form).status_code == 200
    ApiToken.objects.filter(pk=second.pk).update(expires_on=date.today() - timedelta(days=1))
    assert client.post(url, form).status_code == 200
    assert client.post(url, form).status_code == 400
    assert ApiToken.objects.filter(user=user).usable().count() == 3


def test_a_token_only_for_a_municipality_where_one_holds_a_role(client, plan, other_municipality):
    user = factories.RoleFactory(municipality=plan["municipality"]).user
    client.force_login(user)
    response = client.post(
        reverse("api_tokens:list"), {"name": "x", "municipality": other_municipality.pk}
    )
    assert response.status_code == 400 and "municipality" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_and_then_the_token_is_refused(client, plan):
    user = factories.RoleFactory(municipality=plan["municipality"]).user
    token, clear = services.create_token(user=user, municipality=plan["municipality"], name="x")
    client.force_login(user)
    url = reverse("api_tokens:revoke", kwargs={"pk": token.pk})
    page = client.get(url)
    assert page.status_code == 200 and f"thb_{token.prefix}_" in page.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client.post(url).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = file_report(client, clear)
    assert (refused.status_code, refused.json()) == (
        401,
        {"detail": "This token has been revoked."},
    )
    assert client.get(url).status_code == 404  # revoked once
    assert "widerrufen am" in client.get(reverse("api_tokens:list")).content.decode()


def test_another_persons_token_cannot_be_revoked(client, plan):
    owner = factories.RoleFactory(municipality=plan["municipality"]).user
    token, _clear = services.create_token(user=owner, municipality=plan["municipality"], name="x")
    client.force_login(factories.RoleFactory(municipality=plan["municipality"]).user)
    url = reverse("api_tokens:revoke", kwargs={"pk": token.pk})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_pages_need_a_log_in(client, plan):
    response = client.get(reverse("api_tokens:list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


# --- Bad tokens: 401 with the reason -----------------------------------------------------


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("Bearer ", "The token is malformed."),
        ("Bearer kaputt", "The token is malformed."),
        ("Bearer thb_0123456789ab_" + "A" * 43, "Unknown token."),
        ("Bearer thb_0123456789ab_" + "A" * 42 + "\x00", "The token is malformed."),
        ("Basic dXNlcjpwdw==", "Log in first, or send an API token."),
    ],
)
def test_bad_tokens_are_401_with_a_reason(client, plan, header, reason):
    response = client.post(
        f"{C}/measures/1.1.1/reports",
        data=json.dumps(REPORT),
        content_type="application/json",
        HTTP_AUTHORIZATION=header,
    )
    assert (response.status_code, response.json()) == (401, {"detail": reason})
    assert not plan["measure"].reports.exists()


def test_a_wrong_secret_with_a_real_prefix_is_unknown(client, plan):
    clear = token_for(plan["municipality"], K.OFFICE_ADMIN)
    forged = clear[:-1] + ("A" if clear[-1] != "A" else "B")
    response = file_report(client, forged)
    assert (response.status_code, response.json()) == (401, {"detail": "Unknown token."})


def test_an_expired_token_is_refused(client, plan):
    user = factories.RoleFactory(municipality=plan["municipality"]).user
    today = timezone.localdate()
    token, clear = services.create_token(
        user=user, municipality=plan["municipality"], name="x", expires_on=today
    )
    assert file_report(client, clear).status_code == 201  # valid through its last day
    ApiToken.objects.filter(pk=token.pk).update(expires_on=today - timedelta(days=1))
    response = file_report(client, clear, body={**REPORT, "text": "Noch einmal."})
    assert (response.status_code, response.json()) == (401, {"detail": "This token has expired."})


def test_a_deactivated_persons_token_is_refused(client, plan):
    clear = token_for(plan["municipality"], K.OFFICE_ADMIN)
    ApiToken.objects.get().user.__class__.objects.update(is_active=False)
    assert file_report(client, clear).status_code == 401
    assert not plan["measure"].reports.exists()


def test_a_bad_token_is_refused_even_with_a_session(client, plan):
    client.force_login(factories.RoleFactory(municipality=plan["municipality"]).user)
    response = file_report(client, "thb_0123456789ab_" + "A" * 43)
    assert response.status_code == 401


def test_last_use_is_noted(client, plan):
    clear = token_for(plan["municipality"], K.OFFICE_ADMIN)
    assert ApiToken.objects.get().last_used_at is None
    file_report(client, clear)
    assert ApiToken.objects.get().last_used_at is not None


# --- One municipality ---------------------------------------------------------------------


def test_a_token_works_only_for_its_municipality(client, plan, other_municipality):
    # The same person is office admin in both municipalities; the token is Leipzig's.
    user = factories.RoleFactory(municipality=other_municipality).user
    factories.RoleFactory(municipality=plan["municipality"], user=user)
    _token, clear = services.create_token(user=user, municipality=other_municipality, name="x")
    response = file_report(client, clear)
    assert (response.status_code, response.json()) == (
        403,
        {"detail": "This token is for another municipality."},
    )
    assert not plan["measure"].reports.exists()


def test_another_municipalitys_office_cannot_change_ours(client, plan, other_municipality):
    clear = token_for(other_municipality, K.OFFICE_ADMIN)
    for method, url, body in [
        ("post", f"{C}/measures/1.1.1/reports", REPORT),
        ("patch", f"{C}/measures/1.1.1", {"title": {"de": "Gekapert"}}),
        ("post", f"{C}/measures", {"code": "1.1.9"}),
        ("post", f"{C}/publish", None),
    ]:
        response = call(client, method, url, clear, body)
        assert response.status_code == 403, (url, response.content)
        assert response.json()["detail"]
    plan["measure"].refresh_from_db()
    assert str(plan["measure"].title) == "Maßnahme 1.1.1"
    assert not plan["measure"].reports.exists()


# --- The pages' permissions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "own_department", "status"),
    [
        (K.OFFICE_ADMIN, False, 201),
        (K.DEPARTMENT_EDITOR, True, 201),
        (K.DEPARTMENT_EDITOR, False, 403),
        (K.ORGANISATION_REPRESENTATIVE, False, 403),
        (K.MODERATOR, False, 403),
    ],
)
def test_status_reports_as_on_the_pages(client, plan, kind, own_department, status):
    departments = [plan["department"] if own_department else plan["other_department"]]
    role = {"departments": departments} if kind == K.DEPARTMENT_EDITOR else {}
    clear = token_for(plan["municipality"], kind, **role)
    response = file_report(client, clear)
    assert response.status_code == status, response.content
    assert plan["measure"].reports.count() == (1 if status == 201 else 0)
    if status == 201:
        report = plan["measure"].reports.get()
        assert report.author == ApiToken.objects.get().user
        assert report.author_department == plan["department"]


MEASURE = {
    "goal": "1.1",
    "code": "1.1.2",
    "title": {"de": "Sprachcafés", "en": "Language cafés"},
    "lead_departments": [],
    "target_groups": ["women"],
    "budget": "1200.50",
    "starts_on": "2022-01-01",
    "ends_on": "2023-12-31",
}


def test_the_office_creates_a_measure(client, plan):
    clear = token_for(plan["municipality"], K.OFFICE_ADMIN)
    body = {**MEASURE, "lead_departments": [plan["department"].pk]}
    response = call(client, "post", f"{C}/measures", clear, body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["code"], data["title"], data["target_groups"], data["budget"]) == (
        "1.1.2",
        {"de": "Sprachcafés", "en": "Language cafés"},
        ["women"],
        1200.5,
    )
    measure = Measure.objects.get(code="1.1.2")
    assert list(measure.lead_departments.all()) == [plan["department"]]
    assert measure.municipality == plan["municipality"] and not measure.is_draft
    # Public at once, as on the page.
    assert client.get(f"{C}/measures/1.1.2").status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "1.1.1"}, "__all__"),  # taken
        ({"goal": "9.9"}, "goal"),
        ({"title": {"en": "Only English"}}, "title"),  # German is the source
        ({"title": {"tr": "Dil kafeleri"}}, "title"),  # not a content language
        ({"lead_departments": []}, "lead_departments"),
        ({"ends_on": "2021-01-01"}, "ends_on"),
        ({"target_groups": ["aliens"]}, "target_groups"),
        ({"partner_organisations": ["nirgendwo"]}, "partner_organisations"),
    ],
)
def test_a_refused_measure_is_422_with_the_field_and_saves_nothing(client, plan, change, field):
    clear = token_for(plan["municipality"], K.OFFICE_ADMIN)
    body = {**MEASURE, "lead_departments": [plan["department"].pk], **change}
    response = call(client, "post", f"{C}/measures", clear, body)
    assert response.status_code == 422, response.content
    assert [e["loc"] for e in response.json()["errors"]][0] == [field]
    assert Measure.objects.count() == 1


def test_another_municipalitys_department_is_not_a_choice(client, plan, other_municipality):
    foreign = factories.DepartmentFactory(municipality=other_municipality)
    clear = token_for(plan["municipality"], K.OFFICE_ADMIN)
    body = {**MEASURE, "lead_departments": [foreign.pk]}
    response = call(client, "post", f"{C}/measures", clear, body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["lead_departments"]
    assert not Measure.objects.filter(code="1.1.2").exists()


def test_an_editor_changes_the_texts_of_their_measure_but_not_its_place(client, plan):
    clear = token_for(plan["municipality"], K.DEPARTMENT_EDITOR, departments=[plan["department"]])
    url = f"{C}/measures/1.1.1"
    response = call(client, "patch", url, clear, {"description": {"de": "Neu beschrieben."}})
    assert response.status_code == 200, response.content
    plan["measure"].refresh_from_db()
    assert plan["measure"].description.text("de") == "Neu beschrieben."
    assert str(plan["measure"].title) == "Maßnahme 1.1.1"  # the rest stays
    refused = call(client, "patch", url, clear, {"code": "1.1.7", "is_draft": True})
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Only the office changes these values: code, is_draft"}
    plan["measure"].refresh_from_db()
    assert (plan["measure"].code, plan["measure"].is_draft) == ("1.1.1", False)


def test_an_editor_of_another_department_changes_nothing(client, plan):
    clear = token_for(
        plan["municipality"], K.DEPARTMENT_EDITOR, departments=[plan["other_department"]]
    )
    response = call(client, "patch", f"{C}/measures/1.1.1", clear, {"funding_source": "Land"})
    assert response.status_code == 403
    plan["measure"].refresh_from_db()
    assert plan["measure"].funding_source == "Haushalt der Stadt"


def test_the_office_withdraws_a_measure_from_the_public_and_publishes_it_again(client, plan):
    clear = token_for(plan["municipality"], K.OFFICE_ADMIN)
    url = f"{C}/measures/1.1.1"
    assert call(client, "patch", url, clear, {"is_draft": True}).json()["is_draft"] is True
    assert client.get(url).status_code == 404
    assert call(client, "patch", url, clear, {"is_draft": False}).status_code == 200
    assert client.get(url).status_code == 200


def test_the_office_publishes_a_cycle_once(client, plan):
    ConceptCycleFactory(municipality=plan["municipality"], slug="ik-2027", is_published=False)
    clear = token_for(plan["municipality"], K.OFFICE_ADMIN)
    url = "/api/v1/dresden/cycles/ik-2027/publish"
    editor = token_for(plan["municipality"], K.DEPARTMENT_EDITOR, departments=[plan["department"]])
    assert call(client, "post", url, editor).status_code == 403
    assert not ConceptCycle.objects.get(slug="ik-2027").is_published
    response = call(client, "post", url, clear)
    assert response.status_code == 200 and response.json()["slug"] == "ik-2027"
    assert ConceptCycle.objects.get(slug="ik-2027").is_published
    again = call(client, "post", url, clear)
    assert again.status_code == 422 and again.json()["errors"][0]["msg"]


def test_a_representative_changes_their_organisation_with_a_token(client, plan):
    organisation = factories.OrganisationFactory(municipality=plan["municipality"], slug="verein")
    clear = token_for(
        plan["municipality"], K.ORGANISATION_REPRESENTATIVE, organisations=[organisation]
    )
    url = "/api/v1/dresden/organisations/verein"
    assert call(client, "patch", url, clear, {"district": "Pieschen"}).status_code == 200
    organisation.refresh_from_db()
    assert organisation.district == "Pieschen"
    internal = client.get(f"{url}/internal", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert internal.json()["internal_notes"] == "Vertrauliche Notiz"


def test_a_token_needs_no_csrf_token(plan):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    clear = token_for(plan["municipality"], K.OFFICE_ADMIN)
    assert file_report(client, clear).status_code == 201


# --- Rate limit ---------------------------------------------------------------------------


def test_changes_per_token_are_limited(client, plan, settings, rate_limit_clock):
    settings.TEILHABE_API_WRITES_PER_MINUTE = 2
    clear = token_for(plan["municipality"], K.OFFICE_ADMIN)
    other = token_for(plan["municipality"], K.OFFICE_ADMIN)
    texts = ["Eins.", "Zwei.", "Drei."]
    statuses = [file_report(client, clear, body={**REPORT, "text": t}).status_code for t in texts]
    assert statuses == [201, 201, 429]
    assert plan["measure"].reports.count() == 2
    limited = file_report(client, clear, body={**REPORT, "text": "Vier."})
    assert limited.json() == {"detail": "Too many changes with this token; try again in a minute."}
    # Reads are not counted, and another token has its own count.
    assert client.get(f"{C}/measures", HTTP_AUTHORIZATION=f"Bearer {clear}").status_code == 200
    assert file_report(client, other, body={**REPORT, "text": "Fünf."}).status_code == 201
