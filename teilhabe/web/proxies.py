"""The client's address behind the reverse proxy (deploy/nginx.conf).

Rate limits and the log-in lock-out count per ``REMOTE_ADDR``. Behind nginx that is the
proxy's address for everyone, so the proxy sends the client's in ``X-Forwarded-For``
(set, not appended: one address). Only a peer listed in TEILHABE_TRUSTED_PROXIES is
believed; from anyone else the header is dropped (with X-Forwarded-Proto, which
production reads for HTTPS), so a client cannot choose its own address. With the
setting empty (the default, no proxy) nothing changes.
"""

import ipaddress

from django.conf import settings


def _address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


class ForwardedForMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        trusted = settings.TEILHABE_TRUSTED_PROXIES
        if trusted:
            meta = request.META
            if meta.get("REMOTE_ADDR") in trusted:
                client = _address(meta.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1])
                if client:
                    meta["REMOTE_ADDR"] = client
            else:
                meta.pop("HTTP_X_FORWARDED_FOR", None)
                meta.pop("HTTP_X_FORWARDED_PROTO", None)
        return self.get_response(request)
