"""A small per-minute rate limit for public forms (registration, personal links).

Requests are counted in Django's cache, per client address (``REMOTE_ADDR``; behind a
proxy the proxy must set it) and view, in fixed one-minute windows. More than
``settings.TEILHABE_RATE_LIMIT_PER_MINUTE`` requests in a window get a 429 page in the
visitor's language. ``TEILHABE_RATE_LIMIT_PER_MINUTE = 0`` means "no limit" (load and
concurrency tests fire hundreds of requests from one address).

The counter lives in the configured cache: with the default local-memory cache each
server process counts on its own, so the effective limit is per process.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

TEMPLATE = "web/too_many_requests.html"


def is_limited(request, scope):
    """Count this request; True when the client has used up this minute's requests."""
    limit = getattr(settings, "TEILHABE_RATE_LIMIT_PER_MINUTE", 0)
    if not limit:
        return False
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    window = int(time.time() // 60)
    key = f"ratelimit:{scope}:{address}:{window}"
    cache.add(key, 0, timeout=70)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=70)
        count = 1
    return count > limit


def too_many_requests(request):
    response = render(request, TEMPLATE, status=429)
    response["Retry-After"] = "60"
    return response


class RateLimitMixin:
    """For class-based views: limit the methods in ``rate_limit_methods`` (POST by
    default), keyed by ``rate_limit_scope`` (default: the URL name)."""

    rate_limit_methods = ("POST",)
    rate_limit_scope = None

    def dispatch(self, request, *args, **kwargs):
        if request.method in self.rate_limit_methods:
            match = request.resolver_match
            scope = self.rate_limit_scope or (match.view_name if match else type(self).__name__)
            if is_limited(request, scope):
                return too_many_requests(request)
        return super().dispatch(request, *args, **kwargs)


def rate_limit(scope=None, methods=("POST",)):
    """Decorator for function views: ``@rate_limit()`` or ``@rate_limit("name")``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and is_limited(request, scope or view.__name__):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
