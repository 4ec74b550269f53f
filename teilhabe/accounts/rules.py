"""Permissions as small named predicates (django-rules).

Every permission takes the object it is about: a Municipality, or an object that
belongs to one. A role counts only in its own municipality; this is where tenancy is
enforced for writes and for non-public data. The predicates live here; each app
declares its own permissions with them in its ``rules.py``. Tests:
tests/accounts/test_rules.py, role by role.
"""

import rules

from teilhabe.tenants.models import Municipality

from .models import Role


def municipality_id_of(obj):
    if obj is None:
        return None
    if isinstance(obj, Municipality):
        return obj.pk
    return getattr(obj, "municipality_id", None)


def _has_role(user, obj, kind):
    municipality_id = municipality_id_of(obj)
    if not user.is_authenticated or municipality_id is None:
        return False
    roles = _roles(user)
    return any(r.kind == kind and r.municipality_id == municipality_id for r in roles)


def _roles(user):
    """The user's roles with their departments and organisations, cached per request."""
    cached = getattr(user, "_teilhabe_roles", None)
    if cached is None:
        cached = list(
            Role.objects.filter(user=user).prefetch_related("departments", "organisations")
        )
        user._teilhabe_roles = cached
    return cached


@rules.predicate
def is_operator(user):
    return user.is_authenticated and user.is_superuser


@rules.predicate
def is_office_admin(user, obj):
    return _has_role(user, obj, Role.Kind.OFFICE_ADMIN)


@rules.predicate
def is_moderator(user, obj):
    return _has_role(user, obj, Role.Kind.MODERATOR)


@rules.predicate
def is_department_editor(user, obj):
    return _has_role(user, obj, Role.Kind.DEPARTMENT_EDITOR)


@rules.predicate
def has_any_role(user, obj):
    municipality_id = municipality_id_of(obj)
    return user.is_authenticated and any(r.municipality_id == municipality_id for r in _roles(user))


def edited_department_ids(user):
    """Ids of the departments ``user`` keeps as department editor (``Role.edited_departments``
    of each of their roles). Used wherever the question is asked: this predicate, the
    status report form, "my measures" and the API."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(d.pk for role in _roles(user) for d in role.edited_departments())


@rules.predicate
def edits_department(user, department):
    """A department editor whose role names this department."""
    return department is not None and department.pk in edited_department_ids(user)


@rules.predicate
def represents_organisation(user, organisation):
    """An organisation representative whose role names this organisation."""
    if organisation is None or not user.is_authenticated:
        return False
    return any(
        r.kind == Role.Kind.ORGANISATION_REPRESENTATIVE
        and r.municipality_id == organisation.municipality_id
        and any(o.pk == organisation.pk for o in r.organisations.all())
        for r in _roles(user)
    )


is_manager = is_operator | is_office_admin

# Roles
rules.add_perm("accounts.manage_roles", is_manager)
# Moderation (comments and statements arrive with the consultation issue)
rules.add_perm("accounts.moderate", is_manager | is_moderator)
