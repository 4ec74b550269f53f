"""Accounts: who holds which role, and who may change whose account."""

from .models import Role


def grant_role(user, *, municipality, kind):
    """Give ``user`` a role of ``kind`` in ``municipality`` (once)."""
    role, _created = Role.objects.get_or_create(user=user, municipality=municipality, kind=kind)
    return role


def may_change_account(user, administered_ids):
    """Whether an office administrator of the municipalities ``administered_ids`` may
    change ``user``'s password, e-mail address or active flag.

    Only when every role of ``user`` lies in one municipality, and that one is
    administered: an account that also works for another municipality (or for none,
    or the operator's) is that other office's or the operator's to change. Otherwise
    an office could give another municipality's staff a role, then take over their
    account."""
    if user.is_superuser:
        return False
    municipalities = set(user.roles.values_list("municipality_id", flat=True))
    return len(municipalities) == 1 and municipalities <= set(administered_ids)
