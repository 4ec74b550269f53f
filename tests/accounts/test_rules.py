"""Every permission, role by role, in the user's own and in another municipality."""

import pytest

from teilhabe.accounts.models import Role
from tests import factories

K = Role.Kind

# permission -> roles (in the object's municipality) that hold it; "rep" means the
# organisation representative of that very organisation, "editor" the department's editor.
EXPECTED = {
    "tenants.manage_municipality": {K.OFFICE_ADMIN},
    "tenants.view_staff_area": {
        K.OFFICE_ADMIN,
        K.DEPARTMENT_EDITOR,
        K.ORGANISATION_REPRESENTATIVE,
        K.MODERATOR,
    },
    "accounts.manage_roles": {K.OFFICE_ADMIN},
    "accounts.moderate": {K.OFFICE_ADMIN, K.MODERATOR},
    "directory.add_organisation": {K.OFFICE_ADMIN},
    "directory.change_organisation": {K.OFFICE_ADMIN, K.ORGANISATION_REPRESENTATIVE},
    "directory.view_internal_organisation": {K.OFFICE_ADMIN, K.ORGANISATION_REPRESENTATIVE},
    "directory.verify_organisation": {K.OFFICE_ADMIN},
    "directory.delete_organisation": {K.OFFICE_ADMIN},
    "directory.manage_departments": {K.OFFICE_ADMIN},
    "directory.change_department": {K.OFFICE_ADMIN, K.DEPARTMENT_EDITOR},
}

OBJECT_OF = {
    "tenants": "municipality",
    "accounts": "municipality",
}


@pytest.fixture
def world(municipality, other_municipality):
    organisation = factories.OrganisationFactory(municipality=municipality)
    department = factories.DepartmentFactory(municipality=municipality)
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
    return {
        "municipality": municipality,
        "organisation": organisation,
        "department": department,
        "users": users,
        "foreign": foreign,
        "anonymous": __import__("django.contrib.auth.models", fromlist=["x"]).AnonymousUser(),
    }


def target(world, permission):
    app = permission.split(".")[0]
    if app in OBJECT_OF:
        return world["municipality"]
    if "department" in permission:
        return world["department"]
    return world["organisation"]


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
