"""The client's address behind a trusted reverse proxy (teilhabe.web.proxies)."""

import pytest
from django.test import RequestFactory

from teilhabe.web.proxies import ForwardedForMiddleware


def seen(settings, trusted, remote, **headers):
    settings.TEILHABE_TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    ForwardedForMiddleware(lambda r: None)(request)
    return request.META["REMOTE_ADDR"], request.META.get("HTTP_X_FORWARDED_PROTO")


def test_a_trusted_proxy_names_the_client(settings):
    assert seen(settings, ["127.0.0.1"], "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7") == (
        "203.0.113.7",
        None,
    )
    # Appended by another proxy before: the address the trusted proxy saw is the last.
    assert (
        seen(settings, ["127.0.0.1"], "127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 2001:db8::1")[0]
        == "2001:db8::1"
    )


@pytest.mark.parametrize("forwarded", ["", "not an address", "1.2.3.4\x00", "300.1.1.1"])
def test_a_malformed_header_keeps_the_proxy_address(settings, forwarded):
    assert seen(settings, ["127.0.0.1"], "127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)[0] == (
        "127.0.0.1"
    )


def test_anyone_else_cannot_choose_an_address_or_scheme(settings):
    assert seen(
        settings,
        ["127.0.0.1"],
        "198.51.100.2",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
        HTTP_X_FORWARDED_PROTO="https",
    ) == ("198.51.100.2", None)


def test_without_a_proxy_configured_nothing_changes(settings):
    assert seen(
        settings,
        [],
        "198.51.100.2",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
        HTTP_X_FORWARDED_PROTO="https",
    ) == ("198.51.100.2", "https")
