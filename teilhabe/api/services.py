"""API tokens: made and revoked by their owner in the workspace, checked on every
request that carries one (``auth.TokenAuth``).

A token is ``thb_`` + a 12-character prefix + ``_`` + a 43-character secret
(``secrets``: 256 random bits). The prefix finds the row; the SHA-256 of the whole
token is compared in constant time. The secret has far too much entropy to be guessed
from its hash, so a fast hash is enough (a password needs a slow one); the token in
clear exists only in the answer to the request that made it."""

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ApiToken

PATTERN = re.compile(r"thb_([0-9a-f]{12})_([A-Za-z0-9_-]{43})")
# ``last_used_at`` is written at most this often per token (not on every request).
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenError(Exception):
    """A refusal with its reason; ``field``: the form field it is about (None: the
    whole form)."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def tokens_per_person():
    """``TEILHABE_API_TOKENS_PER_PERSON``: usable tokens one person may hold at a time
    (a forgotten script's token is one more key to the data; the bound makes people
    revoke what they no longer use); 0: no bound."""
    return getattr(settings, "TEILHABE_API_TOKENS_PER_PERSON", 20)


def digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_token(*, user, municipality, name, expires_on=None):
    """A new token of ``user`` for ``municipality``: ``(ApiToken, token in clear)``.
    The caller shows the clear token once; it is not stored.

    At most ``tokens_per_person()`` usable tokens per person, in all municipalities:
    counted under the lock of the person's row, so that two forms sent at once cannot
    both make the last one. (SQLite: the IMMEDIATE transaction takes the write lock at
    its start, which serialises the same way.)"""
    if expires_on is not None and expires_on < timezone.localdate():
        raise TokenError(_("A token cannot expire in the past."), field="expires_on")
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    limit = tokens_per_person()
    if limit and ApiToken.objects.filter(user=user).usable().count() >= limit:
        raise TokenError(
            ngettext(
                "You already have %(count)d active token, the most one person may have. "
                "Revoke one you no longer use first.",
                "You already have %(count)d active tokens, the most one person may have. "
                "Revoke one you no longer use first.",
                limit,
            )
            % {"count": limit}
        )
    while True:
        prefix = secrets.token_hex(6)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    clear = f"thb_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        municipality=municipality,
        name=name,
        prefix=prefix,
        digest=digest(clear),
        expires_on=expires_on,
    )
    return token, clear


@transaction.atomic
def revoke_token(token):
    """Revoke ``token`` for good (under its row's lock: revoked once)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.is_revoked:
        raise TokenError(_("This token has already been revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def authenticate(clear, now=None):
    """``(ApiToken, None)`` for a token that works, else ``(None, reason)``. Notes the
    time of use (at most once a minute)."""
    match = PATTERN.fullmatch(clear or "")
    if match is None:
        return None, "The token is malformed."
    token = (
        ApiToken.objects.select_related("user", "municipality")
        .filter(prefix=match.group(1))
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, digest(clear)):
        return None, "Unknown token."
    now = now or timezone.now()
    if token.is_revoked:
        return None, "This token has been revoked."
    if token.expires_on is not None and token.expires_on < timezone.localdate(now):
        return None, "This token has expired."
    if not token.user.is_active or not token.municipality.is_active:
        return None, "This token's owner or municipality is no longer active."
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token, None
