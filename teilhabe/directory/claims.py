"""Organisation self-service: a person asks to represent an organisation of the
directory, or registers a new one, and the integration office decides.

- **Asking.** A logged-in person's request waits for the office at once. Without an
  account the person gives name and address and confirms the address by a link
  (a signed token, valid ``CONFIRM_DAYS``, a button on the link's page so that mail
  scanners do not confirm); only then does the request reach the office, and a new
  organisation is created (unpublished, unverified). No account exists before the
  office verifies, so an unconfirmed or refused request leaves none behind.
- **Once.** One waiting request per address and organisation: a database constraint,
  so two requests sent at once (two tabs, two clicks) leave one; the second is told.
- **An organisation that has representatives** is no exception: the request still
  waits for the office, whose page names the present representatives.
- **Deciding** (the office of the organisation's municipality only) takes the
  municipality's row lock (as every change of roles does, ``accounts.services``) and
  then the request's, so a request decided twice at once is decided once. Verifying
  gives the person the representative role for the organisation (a new account, with a
  link to choose a password, or their existing one), and may mark the organisation
  verified and publish it; refusing needs a reason. Either way the person gets a mail,
  written in the transaction of the decision (``queue_mail``).
- **Forgetting.** Unconfirmed requests are deleted once their link has expired,
  decided ones after ``KEEP_DECIDED_DAYS`` (``purge_claims``, a daily task)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.html import strip_tags
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.models import Role, User
from teilhabe.accounts.rules import represents_organisation
from teilhabe.accounts.services import find_account, grant_role
from teilhabe.mail.services import queue_mail
from teilhabe.tenants.models import Municipality

from .models import Organisation, RepresentationClaim

LINK_SALT = "teilhabe.directory.claim"
CONFIRM_DAYS = 7
KEEP_DECIDED_DAYS = 180
MESSAGE_MAX_LENGTH = 2000

Status = RepresentationClaim.Status


class ClaimError(Exception):
    """A step the rules refuse; ``message`` is for the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


ALREADY_ASKED = _(
    "You have already asked to represent this organisation. The integration office will "
    "answer you by e-mail."
)
ALREADY_REPRESENTS = _("You already represent this organisation.")
DECIDED = _("This request has already been decided.")


# --- Links --------------------------------------------------------------------------------


def claim_token(claim):
    return signing.dumps(claim.pk, salt=LINK_SALT)


def claim_from_token(token, municipality):
    """The unexpired request a confirmation link names, of ``municipality``; else None."""
    try:
        pk = signing.loads(token, salt=LINK_SALT, max_age=timedelta(days=CONFIRM_DAYS))
    except signing.BadSignature:
        return None
    return (
        RepresentationClaim.objects.for_municipality(municipality)
        .select_related("organisation", "municipality")
        .filter(pk=pk)
        .first()
    )


def _url(name, **kwargs):
    return settings.TEILHABE_BASE_URL + reverse(name, kwargs=kwargs)


# --- Asking -------------------------------------------------------------------------------


def _clean(text, limit):
    text = strip_tags(text or "").replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise ClaimError(_("At most %(limit)s characters, please.") % {"limit": limit})
    return text


def submit_claim(
    municipality,
    *,
    organisation=None,
    new_organisation=None,
    user=None,
    full_name="",
    email="",
    message="",
    language=None,
    may_mail=None,
):
    """Ask to represent ``organisation`` (of ``municipality``), or register
    ``new_organisation`` ({"name", "type", "district", "founded_in"}). A logged-in
    ``user``'s request waits for the office at once; otherwise ``full_name`` and
    ``email`` are needed and a confirmation link is mailed (if ``may_mail()``, the
    caller's per-address limit, allows). Returns the request; ClaimError if refused."""
    if (organisation is None) == (new_organisation is None):
        raise ValueError("Either an organisation or a new one.")
    if organisation is not None and organisation.municipality_id != municipality.pk:
        raise ClaimError(_("This organisation is not in the directory of this municipality."))
    logged_in = user is not None and user.is_authenticated
    if logged_in:
        email, full_name = user.email, user.full_name or full_name or user.email
    email = (email or "").strip().lower()
    full_name = _clean(full_name, 200)
    if not email:
        raise ClaimError(_("Please give your e-mail address."))
    if not full_name:
        raise ClaimError(_("Please give your name."))
    if logged_in and organisation is not None and represents_organisation(user, organisation):
        raise ClaimError(ALREADY_REPRESENTS)
    claim = RepresentationClaim(
        municipality=municipality,
        organisation=organisation,
        is_new_organisation=new_organisation is not None,
        new_organisation=new_organisation or {},
        user=user if logged_in else None,
        email=email,
        full_name=full_name,
        message=_clean(message, MESSAGE_MAX_LENGTH),
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )
    with transaction.atomic():
        if logged_in:
            _make_pending(claim)
        else:
            claim.save(force_insert=True)
            if may_mail is None or may_mail():
                send_confirmation(claim)
    return claim


def send_confirmation(claim):
    """The mail with the confirmation link, in the person's language."""
    municipality = claim.municipality
    with translation.override(claim.language):
        confirm_url = _url(
            "directory:claim_confirm", municipality=municipality.slug, token=claim_token(claim)
        )
    queue_mail(
        to=claim.email,
        subject=_("Please confirm your request"),
        template="directory/mail/claim_confirm",
        purpose="representation_claim_confirm",
        municipality=municipality,
        language=claim.language,
        context={"claim": claim, "confirm_url": confirm_url, "days": CONFIRM_DAYS},
    )


def unique_organisation_slug(municipality, name):
    base = slugify(name)[:100].strip("-") or "organisation"
    taken = set(
        Organisation.objects.for_municipality(municipality)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _make_pending(claim):
    """Create the new organisation if the request registers one, and let the request
    wait for the office. Inside the caller's transaction; the constraint refuses a
    second waiting request of the same address for the same organisation."""
    if claim.is_new_organisation and claim.organisation_id is None:
        details = claim.new_organisation
        claim.organisation = Organisation.objects.create(
            municipality_id=claim.municipality_id,
            name=details["name"],
            slug=unique_organisation_slug(claim.municipality, details["name"]),
            type=details.get("type") or Organisation.Type.OTHER,
            district=details.get("district", ""),
            founded_in=details.get("founded_in"),
            is_published=False,
            is_verified=False,
        )
    claim.status = Status.PENDING
    try:
        with transaction.atomic():
            if claim.pk is None:
                claim.save(force_insert=True)
            else:
                claim.save(update_fields=["organisation", "status"])
    except IntegrityError as error:
        raise ClaimError(ALREADY_ASKED) from error


def confirm_claim(claim):
    """The person confirmed their address: the request waits for the office. A second
    confirmation changes nothing. Returns the request as it is now."""
    with transaction.atomic():
        claim = RepresentationClaim.objects.select_for_update().get(pk=claim.pk)
        if claim.status == Status.UNCONFIRMED:
            _make_pending(claim)
    return claim


# --- Deciding -----------------------------------------------------------------------------


def representatives_of(organisation):
    """The accounts that represent ``organisation`` (a role in its municipality naming it)."""
    return (
        User.objects.filter(
            roles__kind=Role.Kind.ORGANISATION_REPRESENTATIVE,
            roles__municipality_id=organisation.municipality_id,
            roles__organisations=organisation,
        )
        .distinct()
        .order_by("full_name", "email")
    )


def _lock_pending(claim):
    """The municipality's row (as every change of roles takes it), then the request's;
    refuses a request that is not waiting."""
    Municipality.objects.select_for_update().get(pk=claim.municipality_id)
    claim = (
        RepresentationClaim.objects.select_for_update(of=("self",))
        .select_related("organisation", "municipality")
        .get(pk=claim.pk)
    )
    if claim.status != Status.PENDING:
        raise ClaimError(DECIDED)
    return claim


def _decide(claim, status, by, reason=""):
    claim.status = status
    claim.decided_by = by
    claim.decided_at = timezone.now()
    claim.refusal_reason = reason
    claim.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])


def _account_for(claim):
    """The account that gets the role: the requester's, the one with the confirmed
    address, or a new one without a password. Returns (user, created)."""
    user = claim.user or find_account(claim.email)
    if user is None:
        return User.objects.create_user(claim.email, password=None, full_name=claim.full_name), True
    if user.is_superuser:
        raise ClaimError(
            _("This address belongs to the operator's account; it cannot be given the role.")
        )
    if not user.is_active:
        if user.roles.exists():
            raise ClaimError(
                _(
                    "The account of this address is deactivated. Reactivate it on the "
                    "People page first."
                )
            )
        # Left without a role when its last organisation removed it (representatives.py).
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user, False


@transaction.atomic
def verify_claim(claim, *, by, mark_verified=True, publish=False):
    """The office vouches for the person: they represent the organisation from now on.
    ``mark_verified`` marks the organisation verified, ``publish`` publishes it."""
    claim = _lock_pending(claim)
    organisation = Organisation.objects.select_for_update().get(pk=claim.organisation_id)
    user, created = _account_for(claim)
    role = grant_role(
        user, municipality=claim.municipality, kind=Role.Kind.ORGANISATION_REPRESENTATIVE
    )
    role.organisations.add(organisation)
    changed = []
    if mark_verified and not organisation.is_verified:
        organisation.mark_verified()
        changed += ["is_verified", "verified_at"]
    if publish and not organisation.is_published:
        organisation.is_published = True
        changed.append("is_published")
    if changed:
        organisation.save(update_fields=[*changed, "updated_at"])
    claim.user = user
    claim.save(update_fields=["user"])
    _decide(claim, Status.VERIFIED, by)
    context = {"claim": claim, "organisation": organisation, "new_account": created}
    with translation.override(claim.language):
        if created:
            context["password_url"] = _url(
                "accounts:password_reset_confirm",
                uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
                token=default_token_generator.make_token(user),
            )
        context["hub_url"] = _url(
            "directory:hub", municipality=claim.municipality.slug, slug=organisation.slug
        )
        subject = _("You now represent %(name)s") % {"name": organisation.name}
    queue_mail(
        to=user.email,
        subject=subject,
        template="directory/mail/claim_verified",
        purpose="representation_claim_verified",
        municipality=claim.municipality,
        language=claim.language,
        context=context,
    )
    return claim


@transaction.atomic
def refuse_claim(claim, *, by, reason):
    """The office refuses, with the reason mailed to the person. A new organisation the
    request registered is deleted with it (it was never published)."""
    reason = (reason or "").strip()
    if not reason:
        raise ClaimError(_("Please say why the request is refused."))
    claim = _lock_pending(claim)
    name = claim.organisation_name
    organisation = claim.organisation
    _decide(claim, Status.REFUSED, by, reason)
    with translation.override(claim.language):
        subject = _("Your request about %(name)s") % {"name": name}
    queue_mail(
        to=claim.email,
        subject=subject,
        template="directory/mail/claim_refused",
        purpose="representation_claim_refused",
        municipality=claim.municipality,
        language=claim.language,
        context={"claim": claim, "organisation_name": name},
    )
    if (
        claim.is_new_organisation
        and organisation is not None
        and not organisation.is_published
        and not representatives_of(organisation).exists()
    ):
        RepresentationClaim.objects.filter(pk=claim.pk).update(
            organisation=None, new_organisation={**claim.new_organisation, "name": name}
        )
        organisation.delete()
    return claim


# --- Forgetting ---------------------------------------------------------------------------


def purge_claims(now=None):
    """Delete unconfirmed requests whose link has expired and decided ones older than
    ``KEEP_DECIDED_DAYS``. Returns the number deleted."""
    now = now or timezone.now()
    unconfirmed = RepresentationClaim.objects.filter(
        status=Status.UNCONFIRMED, created_at__lt=now - timedelta(days=CONFIRM_DAYS, hours=1)
    )
    decided = RepresentationClaim.objects.filter(
        status__in=[Status.VERIFIED, Status.REFUSED],
        decided_at__lt=now - timedelta(days=KEEP_DECIDED_DAYS),
    )
    return unconfirmed.delete()[0] + decided.delete()[0]
