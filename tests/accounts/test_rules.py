"""Every permission, role by role, in the user's own and in another municipality.

The matrix covers every permission registered with django-rules (a test fails when a
new permission is added without its row)."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from teilhabe.accounts.models import Role
from tests import factories
from tests.bodies.factories import BodyFactory, join
from tests.events.factories import EventFactory
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
    StatusReportFactory,
)

K = Role.Kind
EVERY_ROLE = set(K)

# permission -> roles (in the object's municipality) that hold it. The department
# editor's role names the world's department, which leads the world's measure; the
# representative's role names the world's organisation.
EXPECTED = {
    "tenants.manage_municipality": {K.OFFICE_ADMIN},
    "tenants.view_staff_area": EVERY_ROLE,
    "accounts.manage_roles": {K.OFFICE_ADMIN},
    "accounts.moderate": {K.OFFICE_ADMIN, K.MODERATOR},
    "directory.add_organisation": {K.OFFICE_ADMIN},
    "directory.change_organisation": {K.OFFICE_ADMIN, K.ORGANISATION_REPRESENTATIVE},
    "directory.view_internal_organisation": {K.OFFICE_ADMIN, K.ORGANISATION_REPRESENTATIVE},
    "directory.verify_organisation": {K.OFFICE_ADMIN},
    "directory.delete_organisation": {K.OFFICE_ADMIN},
    "directory.manage_departments": {K.OFFICE_ADMIN},
    "directory.change_department": {K.OFFICE_ADMIN, K.DEPARTMENT_EDITOR},
    "directory.view_organisation_hub": {K.OFFICE_ADMIN, K.ORGANISATION_REPRESENTATIVE},
    "directory.manage_representatives": {K.OFFICE_ADMIN, K.ORGANISATION_REPRESENTATIVE},
    "directory.decide_claim": {K.OFFICE_ADMIN},
    "plan.report_status": {K.OFFICE_ADMIN, K.DEPARTMENT_EDITOR},
    # The report's author may, too (tests/plan/test_withdrawal.py); here nobody wrote it.
    "plan.withdraw_report": {K.OFFICE_ADMIN},
    "plan.manage_plan": {K.OFFICE_ADMIN},
    "plan.edit_measure": {K.OFFICE_ADMIN, K.DEPARTMENT_EDITOR},
    "plan.send_reminders": {K.OFFICE_ADMIN},
    "plan.start_revision": {K.OFFICE_ADMIN},
    "plan.view_unpublished": {K.OFFICE_ADMIN},
    "events.add_event": {K.OFFICE_ADMIN},
    "events.manage_event": {K.OFFICE_ADMIN},
    "events.check_in": {K.OFFICE_ADMIN, K.MODERATOR},
    "mail.view_log": {K.OFFICE_ADMIN},
    "mail.retry_mail": {K.OFFICE_ADMIN},
    "consultation.manage": {K.OFFICE_ADMIN},
    "consultation.moderate": {K.OFFICE_ADMIN, K.MODERATOR},
    "consultation.propose_answer": {K.OFFICE_ADMIN, K.DEPARTMENT_EDITOR},
    # The representative's role names the world's organisation.
    "consultation.submit_statement": {K.OFFICE_ADMIN, K.ORGANISATION_REPRESENTATIVE},
    # Bodies: the world's body is run by the world's department and has the world's
    # organisation as a member (tests/bodies for members who are persons or left).
    "bodies.manage": {K.OFFICE_ADMIN},
    "bodies.change_body": {K.OFFICE_ADMIN, K.DEPARTMENT_EDITOR},
    "bodies.view_meetings": {
        K.OFFICE_ADMIN,
        K.DEPARTMENT_EDITOR,
        K.ORGANISATION_REPRESENTATIVE,
    },
    "reports.manage": {K.OFFICE_ADMIN},
}

# The object each permission is asked about, as the code asks it.
TARGET = {
    "tenants.manage_municipality": "municipality",
    "tenants.view_staff_area": "municipality",
    "accounts.manage_roles": "municipality",
    "accounts.moderate": "municipality",
    "directory.add_organisation": "municipality",
    "directory.change_organisation": "organisation",
    "directory.view_internal_organisation": "organisation",
    "directory.verify_organisation": "organisation",
    "directory.delete_organisation": "organisation",
    "directory.manage_departments": "municipality",
    "directory.change_department": "department",
    "directory.view_organisation_hub": "organisation",
    "directory.manage_representatives": "organisation",
    "directory.decide_claim": "organisation",
    "plan.report_status": "measure",
    "plan.withdraw_report": "report",
    "plan.manage_plan": "measure",
    "plan.edit_measure": "measure",
    "plan.send_reminders": "municipality",
    "plan.start_revision": "cycle",
    "plan.view_unpublished": "municipality",
    "events.add_event": "municipality",
    "events.manage_event": "event",
    "events.check_in": "event",
    "mail.view_log": "municipality",
    "mail.retry_mail": "municipality",
    "consultation.manage": "municipality",
    "consultation.moderate": "municipality",
    "consultation.propose_answer": "municipality",
    "consultation.submit_statement": "organisation",
    "bodies.manage": "municipality",
    "bodies.change_body": "body",
    "bodies.view_meetings": "body",
    "reports.manage": "municipality",
}


def test_the_matrix_covers_every_registered_permission():
    registered = set(rules.permissions.permissions)
    assert registered == set(EXPECTED) == set(TARGET)


@pytest.fixture
def world(municipality, other_municipality):
    organisation = factories.OrganisationFactory(municipality=municipality)
    department = factories.DepartmentFactory(municipality=municipality)
    cycle = ConceptCycleFactory(municipality=municipality)
    measure = MeasureFactory(
        goal=GoalFactory(field=FieldOfActionFactory(cycle=cycle)), lead_departments=[department]
    )
    users = {}
    for kind in K:
        extra = {}
        if kind == K.DEPARTMENT_EDITOR:
            extra["departments"] = [department]
        if kind == K.ORGANISATION_REPRESENTATIVE:
            extra["organisations"] = [organisation]
        users[kind] = factories.RoleFactory(municipality=municipality, kind=kind, **extra).user
    # The same kinds of role, but in another municipality.
    foreign = {
        kind: factories.RoleFactory(municipality=other_municipality, kind=kind).user for kind in K
    }
    body = BodyFactory(municipality=municipality, managed_by=department)
    join(body, organisation)
    return {
        "municipality": municipality,
        "body": body,
        "organisation": organisation,
        "department": department,
        "cycle": cycle,
        "measure": measure,
        "report": StatusReportFactory(measure=measure),
        "event": EventFactory(municipality=municipality),
        "users": users,
        "foreign": foreign,
        "anonymous": AnonymousUser(),
    }


def target(world, permission):
    return world[TARGET[permission]]


@pytest.mark.parametrize("permission", sorted(EXPECTED))
@pytest.mark.parametrize("kind", list(K))
def test_role_in_own_municipality(world, permission, kind):
    user = world["users"][kind]
    assert user.has_perm(permission, target(world, permission)) == (kind in EXPECTED[permission])


@pytest.mark.parametrize("permission", sorted(EXPECTED))
@pytest.mark.parametrize("kind", list(K))
def test_no_role_counts_in_another_municipality(world, permission, kind):
    assert not world["foreign"][kind].has_perm(permission, target(world, permission))


@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_anonymous_has_no_permission(world, permission):
    assert not world["anonymous"].has_perm(permission, target(world, permission))


def test_representative_cannot_change_another_organisation(world):
    other = factories.OrganisationFactory(municipality=world["municipality"])
    rep = world["users"][K.ORGANISATION_REPRESENTATIVE]
    assert not rep.has_perm("directory.change_organisation", other)
    assert not rep.has_perm("directory.view_internal_organisation", other)


def test_department_editor_cannot_change_another_department(world):
    other = factories.DepartmentFactory(municipality=world["municipality"])
    editor = world["users"][K.DEPARTMENT_EDITOR]
    assert not editor.has_perm("directory.change_department", other)


def test_operator_holds_every_permission(world):
    operator = factories.UserFactory(is_superuser=True, is_staff=True)
    for permission in EXPECTED:
        assert operator.has_perm(permission, target(world, permission))


# --- "Departments a user edits": one rule, asked in four places ----------------------------


def _edit_answers(user, measure):
    """What each place that asks the question answers for ``user`` and ``measure``'s
    lead department: the permission, the status report form, "my measures", the API."""
    from django.core.exceptions import ValidationError

    from teilhabe.api.plan_changes import _reporting_department
    from teilhabe.plan.forms import StatusReportForm, measure_choices_for

    department = measure.lead_departments.get()
    form = StatusReportForm(measure=measure, user=user)
    try:
        api = _reporting_department(user, measure, None) == department
    except ValidationError:
        api = False
    return {
        "permission": user.has_perm("directory.change_department", department),
        "report": user.has_perm("plan.report_status", measure),
        "form": department in form.fields["author_department"].queryset,
        "my_measures": measure in measure_choices_for(user, measure.municipality),
        "api": api,
    }


def test_every_place_agrees_the_editor_edits_their_department(world):
    answers = _edit_answers(world["users"][K.DEPARTMENT_EDITOR], world["measure"])
    assert answers == dict.fromkeys(answers, True)


def test_a_department_named_in_a_role_of_another_municipality_is_not_edited(
    world, other_municipality
):
    """The role form refuses such a role; should one exist anyway (data from before,
    the shell), it gives no rights over the other municipality's department."""
    role = factories.RoleFactory(municipality=other_municipality, kind=K.DEPARTMENT_EDITOR)
    role.departments.add(world["department"])
    answers = _edit_answers(role.user, world["measure"])
    assert answers == dict.fromkeys(answers, False)


@pytest.mark.parametrize("kind", [K.MODERATOR, K.ORGANISATION_REPRESENTATIVE])
def test_departments_named_in_another_kind_of_role_are_not_edited(world, kind):
    role = factories.RoleFactory(municipality=world["municipality"], kind=kind)
    role.departments.add(world["department"])
    answers = _edit_answers(role.user, world["measure"])
    assert answers == dict.fromkeys(answers, False)
