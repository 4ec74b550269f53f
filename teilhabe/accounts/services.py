"""Accounts: who holds which role, and who may change whose account.

The office manages its people from the workspace (``/<municipality>/personen/``):
``invite_person``, ``change_roles`` and ``set_active`` are the workflows its pages call.
Two rules hold for all three:

- An office changes only what lies in its own municipality. It adds a role only to an
  account that already works there (or a new one), so an account's set of municipalities
  never grows by an office's hand; it deactivates only accounts that ``may_change_account``.
- A municipality keeps at least one active office administrator. Every change locks the
  municipality's row first and checks the rule before it commits, so two administrators
  removing each other at the same moment leave one (tests/accounts/test_people.py).
"""

from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from teilhabe.tenants.models import Municipality

from .models import Role, User


class PeopleError(Exception):
    """A change the rules above refuse; the message is for the office."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


ASK_THE_OPERATOR = _(
    "This e-mail address belongs to an account of another municipality or of the operator. "
    "Please ask the operator to give it a role here."
)
LAST_OFFICE_ADMIN = _(
    "The municipality would have no active office administrator left. Give the role to "
    "someone else first."
)
LAST_ROLE = _("Deactivate the account instead of removing its last role.")


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


def may_add_role(user, municipality):
    """Whether the office of ``municipality`` may give ``user`` another role: only if
    the account already works there, so its municipalities stay the same. A role in B
    for an account of A alone would make it B's to change (see ``may_change_account``)."""
    return not user.is_superuser and user.roles.filter(municipality=municipality).exists()


def _lock(municipality):
    """The municipality's row, locked until the transaction ends: every change of its
    roles and accounts runs one at a time (on SQLite, BEGIN IMMEDIATE already does)."""
    return Municipality.objects.select_for_update().get(pk=municipality.pk)


def _keep_an_office_admin(municipality):
    active_admins = Role.objects.filter(
        municipality=municipality, kind=Role.Kind.OFFICE_ADMIN, user__is_active=True
    )
    if not active_admins.exists():
        raise PeopleError(LAST_OFFICE_ADMIN)


def save_account(user):
    """Save ``user`` as the operator or an office administrator changed it in the admin.
    Refused (PeopleError, nothing saved) if that deactivates the last active office
    administrator of one of the account's municipalities, checked under their locks."""
    with transaction.atomic():
        municipalities = Municipality.objects.filter(
            roles__user=user, roles__kind=Role.Kind.OFFICE_ADMIN
        ).distinct()
        locked = [_lock(municipality) for municipality in municipalities.order_by("pk")]
        user.save()
        for municipality in locked:
            _keep_an_office_admin(municipality)


def find_account(email):
    return User.objects.filter(email__iexact=email.strip()).first()


def invitation_kind(municipality, email):
    """What inviting ``email`` would do: "new" (an account and a mail) or "existing"
    (a role added, no mail). Raises PeopleError for an account the office may not
    give a role (another municipality's, the operator's)."""
    user = find_account(email)
    if user is None:
        return "new"
    if not may_add_role(user, municipality):
        raise PeopleError(ASK_THE_OPERATOR)
    return "existing"


def invite_person(
    municipality, *, email, full_name, kind, departments, organisations, language, base_url
):
    """Give ``email`` the role ``kind`` (with its departments or organisations) in
    ``municipality``. A new account gets no password and a mail in ``language`` with a
    one-time link to choose one (Django's password reset token); an existing account
    that works here gets the role added. Returns (user, created)."""
    from teilhabe.mail.services import queue_mail

    try:
        with transaction.atomic():
            _lock(municipality)
            created = invitation_kind(municipality, email) == "new"
            if created:
                user = User.objects.create_user(email, password=None, full_name=full_name)
            else:
                user = find_account(email)
            role = grant_role(user, municipality=municipality, kind=kind)
            role.departments.add(*departments)
            role.organisations.add(*organisations)
            if created:
                queue_mail(
                    to=user.email,
                    subject=_("Your Teilhabe account"),
                    template="accounts/mail/invitation",
                    purpose="account_invitation",
                    municipality=municipality,
                    language=language,
                    context={
                        "user": user,
                        "role": role.get_kind_display(),
                        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                        "token": default_token_generator.make_token(user),
                        "base_url": base_url,
                    },
                )
    except IntegrityError as error:
        # Another municipality created the same address at the same moment.
        raise PeopleError(ASK_THE_OPERATOR) from error
    return user, created


def change_roles(municipality, user, *, kinds, departments, organisations):
    """Make ``user``'s roles in ``municipality`` exactly ``kinds``: department editors
    keep ``departments``, representatives ``organisations``. Refused (nothing changed)
    if it would take the account's last role or the municipality's last active office
    administrator."""
    with transaction.atomic():
        _lock(municipality)
        if not kinds and not user.roles.exclude(municipality=municipality).exists():
            raise PeopleError(LAST_ROLE)
        Role.objects.filter(user=user, municipality=municipality).exclude(kind__in=kinds).delete()
        for kind in kinds:
            role = grant_role(user, municipality=municipality, kind=kind)
            editor = kind == Role.Kind.DEPARTMENT_EDITOR
            representative = kind == Role.Kind.ORGANISATION_REPRESENTATIVE
            role.departments.set(departments if editor else [])
            role.organisations.set(organisations if representative else [])
        _keep_an_office_admin(municipality)


def set_active(municipality, user, *, active):
    """Deactivate or reactivate ``user``'s account, if the office of ``municipality``
    may change it; never the municipality's last active office administrator."""
    with transaction.atomic():
        _lock(municipality)
        user = User.objects.select_for_update().get(pk=user.pk)
        if not may_change_account(user, [municipality.pk]):
            raise PeopleError(ASK_THE_OPERATOR)
        if user.is_active != active:
            user.is_active = active
            user.save(update_fields=["is_active"])
        _keep_an_office_admin(municipality)
    return user
