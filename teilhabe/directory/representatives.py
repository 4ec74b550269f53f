"""An organisation's representatives keep their own team: they invite a colleague by
e-mail and remove one (themselves included), from the organisation's page for
representatives (``hub``). The office may do the same there.

- **Inviting** is the office's invitation (``accounts.services.invite_person``) with
  the role fixed to "representative of this organisation": a new address gets an
  account and a mail with a link to choose a password; an account that already works
  in the municipality gets the organisation added to its role and a mail saying who
  added it. An account of another municipality only (or the operator's) is refused:
  the rule of ``accounts.services`` that an account's municipalities never grow by
  somebody else's hand.
- **The last representative** cannot be removed by a representative (the organisation
  would have nobody to keep its profile, and nobody could invite anyone again); the
  office may, on the same page or on its People page. The count is taken under the
  municipality's lock, which every change of roles takes, so two representatives
  removing each other at the same moment leave one.
- **Removing** takes the organisation from the person's role; a role left without an
  organisation is deleted, and an account left without any role is deactivated (it
  could do nothing; a later verified request to represent an organisation reactivates
  it, ``claims._account_for``)."""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.models import Role
from teilhabe.accounts.services import PeopleError, invitation_kind, invite_person
from teilhabe.mail.services import queue_mail
from teilhabe.tenants.models import Municipality

from .claims import representatives_of

LAST_REPRESENTATIVE = _(
    "The organisation would have no representative left. Invite someone else first, or "
    "ask the integration office."
)
NOT_A_REPRESENTATIVE = _("This person does not represent the organisation.")


class RepresentativesError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def invitation_preview(organisation, email):
    """What inviting ``email`` would do: "new", "existing" or "already" (represents it
    already); RepresentativesError for an account that cannot be given the role here."""
    if representatives_of(organisation).filter(email__iexact=email.strip()).exists():
        return "already"
    try:
        return invitation_kind(organisation.municipality, email)
    except PeopleError as error:
        raise RepresentativesError(error.message) from error


def invite_representative(organisation, *, email, full_name, language, by, base_url):
    """Make ``email`` a representative of ``organisation``. Returns the user."""
    municipality = organisation.municipality
    with transaction.atomic():
        if invitation_preview(organisation, email) == "already":
            raise RepresentativesError(_("This person represents the organisation already."))
        try:
            user, created = invite_person(
                municipality,
                email=email,
                full_name=full_name,
                kind=Role.Kind.ORGANISATION_REPRESENTATIVE,
                departments=[],
                organisations=[organisation],
                language=language,
                base_url=base_url,
            )
        except PeopleError as error:
            raise RepresentativesError(error.message) from error
        if not created:
            with translation.override(language):
                subject = _("You now represent %(name)s") % {"name": organisation.name}
            queue_mail(
                to=user.email,
                subject=subject,
                template="directory/mail/representative_added",
                purpose="representative_added",
                municipality=municipality,
                language=language,
                context={"organisation": organisation, "by": by, "base_url": base_url},
            )
    return user


def remove_representative(organisation, user, *, by):
    """Take ``organisation`` from ``user``'s representative role. A representative may
    not remove the last one (``LAST_REPRESENTATIVE``); the office may."""
    with transaction.atomic():
        Municipality.objects.select_for_update().get(pk=organisation.municipality_id)
        current = list(representatives_of(organisation))
        if user.pk not in {u.pk for u in current}:
            raise RepresentativesError(NOT_A_REPRESENTATIVE)
        is_office = by.has_perm("directory.verify_organisation", organisation)
        if len(current) <= 1 and not is_office:
            raise RepresentativesError(LAST_REPRESENTATIVE)
        role = Role.objects.get(
            user=user,
            municipality_id=organisation.municipality_id,
            kind=Role.Kind.ORGANISATION_REPRESENTATIVE,
        )
        role.organisations.remove(organisation)
        if not role.organisations.exists():
            role.delete()
            if not user.roles.exists() and not user.is_superuser:
                user.is_active = False
                user.save(update_fields=["is_active"])
