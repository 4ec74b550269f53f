"""Who may do what with bodies (see teilhabe.accounts.rules for the predicates).

- ``bodies.manage`` (a municipality): create bodies. The office.
- ``bodies.change_body`` (a body): edit it, its members and meetings, upload minutes,
  record attendance. The office and the editors of the department that runs the body.
- ``bodies.view_meetings`` (a body): see an internal body, its internal meetings, the
  minutes and who attended. Those who may change it, and the members: representatives
  of a member organisation, editors of a member department, a member person's account,
  as long as the membership has not ended."""

import rules
from django.db.models import Q

from teilhabe.accounts.models import Role
from teilhabe.accounts.rules import _roles, edited_department_ids, is_manager


def represented_organisation_ids(user):
    """Ids of the organisations ``user`` represents, each in its role's municipality."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(
        o.pk
        for role in _roles(user)
        if role.kind == Role.Kind.ORGANISATION_REPRESENTATIVE
        for o in role.organisations.all()
        if o.municipality_id == role.municipality_id
    )


def member_filter(user):
    """The memberships through which ``user`` takes part in a body (a Q on Membership)."""
    return (
        Q(organisation__in=represented_organisation_ids(user))
        | Q(department__in=edited_department_ids(user))
        | Q(person__user=user)
    )


@rules.predicate
def manages_body(user, body):
    """An editor of the department that runs the body."""
    return body is not None and body.managed_by_id in edited_department_ids(user)


@rules.predicate
def is_body_member(user, body):
    """A current member of the body (one query per body and request)."""
    if body is None or not user.is_authenticated:
        return False
    cache = user.__dict__.setdefault("_teilhabe_bodies", {})
    if body.pk not in cache:
        from .models import Membership

        cache[body.pk] = (
            Membership.objects.filter(body=body).current().filter(member_filter(user)).exists()
        )
    return cache[body.pk]


can_change_body = is_manager | manages_body

rules.add_perm("bodies.manage", is_manager)
rules.add_perm("bodies.change_body", can_change_body)
rules.add_perm("bodies.view_meetings", can_change_body | is_body_member)
