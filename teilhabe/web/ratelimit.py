"""Rate limits for public forms (registration, personal links, password reset).

Counting is django-ratelimit's, in the cache all server processes share (teilhabe.web.cache),
per scope and client address (``REMOTE_ADDR``; behind a proxy the proxy must set it), in
fixed windows. More than ``settings.TEILHABE_RATE_LIMIT_PER_MINUTE`` requests in a
one-minute window get a 429 page in the visitor's language.
``TEILHABE_RATE_LIMIT_PER_MINUTE = 0`` means "no limit" (load and concurrency tests fire
hundreds of requests from one address).
"""

import functools

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

TEMPLATE = "web/too_many_requests.html"


def per_minute():
    """The rate of ``TEILHABE_RATE_LIMIT_PER_MINUTE`` in django-ratelimit's notation, or
    None when it is off."""
    limit = getattr(settings, "TEILHABE_RATE_LIMIT_PER_MINUTE", 0)
    return f"{limit}/m" if limit else None


def is_limited(request, scope, *, rate, key="ip"):
    """Count this request; True when ``key`` (the client address, or a function
    ``key(group, request)``) has used up ``rate`` ("20/m", "3/h") in the current window.
    A rate of None means no limit."""
    if rate is None:
        return False
    return is_ratelimited(request, group=f"teilhabe:{scope}", key=key, rate=rate, increment=True)


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
            if is_limited(request, scope, rate=per_minute()):
                return too_many_requests(request)
        return super().dispatch(request, *args, **kwargs)


def rate_limit(scope=None, methods=("POST",)):
    """Decorator for function views: ``@rate_limit()`` or ``@rate_limit("name")``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            scope_ = scope or view.__name__
            if request.method in methods and is_limited(request, scope_, rate=per_minute()):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
