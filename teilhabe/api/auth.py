"""Who is calling: a staff member's API token (``Authorization: Bearer <token>``) or the
site's session (with its CSRF token). Endpoints that change something take either
(``STAFF``); the permissions are the pages' own (``user.has_perm``), asked of the
token's owner.

A token belongs to one municipality: a request with it to another municipality's
address is refused (403) before anything is read, so a person with roles in two
municipalities cannot reach the second with the first one's token. A token that is
malformed, unknown, revoked or expired, or whose owner is no longer active, is a 401
with the reason, even when a session cookie comes with it: the request said who it
is, and it is not that."""

from django.conf import settings
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, django_auth

from teilhabe.web.ratelimit import is_limited

from . import services as tokens


class TokenRefused(AuthenticationError):
    """401 with the reason (``str(exc)``)."""

    def __init__(self, reason):
        super().__init__(401, reason)
        self.reason = reason

    def __str__(self):
        return self.reason


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; ``request.user`` becomes the token's owner."""

    def __call__(self, request):
        header = request.headers.get(self.header)
        if header and not header.lower().startswith("bearer "):
            # Another scheme (Basic, ...): not ours; the session may still answer.
            return None
        return super().__call__(request)

    def authenticate(self, request, token):
        found, problem = tokens.authenticate(token)
        if found is None:
            raise TokenRefused(problem)
        match = request.resolver_match
        slug = match.kwargs.get("municipality") if match else None
        if slug is not None and slug != found.municipality.slug:
            raise HttpError(403, "This token is for another municipality.")
        request.user = found.user
        request.api_token = found
        if request.method not in ("GET", "HEAD", "OPTIONS") and is_limited(
            request, "api-token-write", rate=writes_per_minute(), key=_token_key
        ):
            raise HttpError(429, "Too many changes with this token; try again in a minute.")
        return found


def _token_key(group, request):
    return f"token:{request.api_token.pk}"


def writes_per_minute():
    """``TEILHABE_API_WRITES_PER_MINUTE`` per token in django-ratelimit's notation, or
    None (no limit)."""
    limit = getattr(settings, "TEILHABE_API_WRITES_PER_MINUTE", 60)
    return f"{limit}/m" if limit else None


token_auth = TokenAuth()

# A staff endpoint: a token, or the site's session (with the CSRF token).
STAFF = [token_auth, django_auth]
