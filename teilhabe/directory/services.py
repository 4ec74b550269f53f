"""Workflows of the directory: saving a profile, and the office's approval of changes
a representative proposes to a verified profile.

A verified profile is vouched for by the integration office, so what a representative
changes in it waits as a ``ProfileChange`` until the office approves; the public page
keeps the verified values meanwhile. Every write takes the organisation's row lock
first (then the change's), so an approval sent twice applies once and a profile saved
while it is being verified does not undo the verification."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.mail.services import queue_mail

from .models import Organisation, ProfileChange


class ProfileChangeError(Exception):
    """A step that must not happen; ``message`` is for the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _field(name):
    return Organisation._meta.get_field(name)


def stored_value(organisation, name):
    """The value of field ``name`` as a ProfileChange stores it (JSON)."""
    field = _field(name)
    if field.many_to_many:
        return sorted(getattr(organisation, name).values_list("code", flat=True))
    value = field.value_from_object(organisation)
    return dict(value) if isinstance(value, dict) else value


def _form_value(form, name):
    if _field(name).many_to_many:
        return sorted(o.code for o in form.cleaned_data[name])
    return stored_value(form.instance, name)


def _apply(organisation, values):
    """Write ``values`` (as stored in a ProfileChange) onto the locked row."""
    plain = [name for name in values if not _field(name).many_to_many]
    for name in plain:
        setattr(organisation, name, values[name])
    organisation.save(update_fields=[*plain, "updated_at"])
    for name, codes in values.items():
        field = _field(name)
        if field.many_to_many:
            getattr(organisation, name).set(field.related_model.objects.filter(code__in=codes))


def _lock(organisation):
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def save_profile(form, *, by):
    """Save a valid profile form (see ``save_or_propose``)."""
    values = {name: _form_value(form, name) for name in form.fields}
    return save_or_propose(form.instance, values, by=by)


@transaction.atomic
def save_or_propose(organisation, values, *, by):
    """Save ``values`` ({field: value as stored in a ProfileChange}) to the profile. A
    representative's changes to a verified profile become (or replace) the waiting
    proposal, which is returned; anything else is saved at once and returns None.
    Values equal to the stored ones are left out. Used by the form and the API."""
    organisation = _lock(organisation)
    values = {k: v for k, v in values.items() if v != stored_value(organisation, k)}
    if organisation.is_verified and not by.has_perm("directory.verify_organisation", organisation):
        pending = (
            ProfileChange.objects.select_for_update().pending().filter(organisation=organisation)
        )
        change = pending.first()
        if not values:
            if change is not None:
                change.delete()
            return None
        if change is None:
            change = ProfileChange(
                municipality_id=organisation.municipality_id, organisation=organisation
            )
        change.proposed = values
        change.proposed_by = by
        change.proposed_at = timezone.now()
        change.save()
        return change
    if values:
        _apply(organisation, values)
    return None


def _lock_pending(change):
    """The organisation's row and the change's, locked in that order (as in
    ``save_profile``); refuses a change already decided."""
    organisation = _lock(change.organisation)
    change = ProfileChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ProfileChange.Status.PENDING:
        raise ProfileChangeError(_("This change has already been decided."))
    change.organisation = organisation
    return change, organisation


def _decide(change, status, by, reason=""):
    change.status = status
    change.decided_by = by
    change.decided_at = timezone.now()
    change.refusal_reason = reason
    change.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])


@transaction.atomic
def approve_profile_change(change, *, by):
    """Apply the proposed values to the public profile, once."""
    change, organisation = _lock_pending(change)
    _apply(organisation, change.proposed)
    _decide(change, ProfileChange.Status.APPROVED, by)
    return change


@transaction.atomic
def refuse_profile_change(change, *, by, reason):
    """Refuse the proposal and tell the representative why by mail."""
    reason = (reason or "").strip()
    if not reason:
        raise ProfileChangeError(_("Please say why the change is refused."))
    change, _organisation = _lock_pending(change)
    _decide(change, ProfileChange.Status.REFUSED, by, reason)
    if change.proposed_by is not None and change.proposed_by.email:
        queue_mail(
            to=change.proposed_by.email,
            subject=_("Your changes to the profile of %(name)s were not accepted")
            % {"name": change.organisation.name},
            template="directory/mail/profile_change_refused",
            purpose="profile_change_refused",
            municipality=change.organisation.municipality,
            context={"change": change, "organisation": change.organisation},
        )
    return change
