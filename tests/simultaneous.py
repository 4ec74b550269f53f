"""Doing things at the same moment: threads released together from a barrier, a plain
HTTP client for firing requests at a live server (pytest-django's ``live_server`` or a
gunicorn started by the test), and a live server that works on a bounded number of
requests at a time, like gunicorn's worker pool."""

import http.client
import re
import threading
from contextlib import contextmanager
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from django.db import connection

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@contextmanager
def bounded_server(live_server, workers):
    httpd = live_server.thread.httpd
    application = httpd.get_app()
    gate = threading.BoundedSemaphore(workers)

    def gated(environ, start_response):
        with gate:
            result = application(environ, start_response)
            try:
                body = b"".join(result)
            finally:
                # Fires request_finished, which closes the database connection.
                result.close()
        return [body]

    httpd.set_app(gated)
    try:
        yield
    finally:
        httpd.set_app(application)


class Browser:
    """One person's HTTP client: one persistent connection, own cookies. Open it (and
    fetch the form) before a barrier, so the POSTs really arrive together instead of
    queueing in the server's accept backlog. ``source_address`` picks the client address
    on the loopback interface (e.g. "127.0.0.7")."""

    def __init__(self, host, port, source_address=None):
        self.host, self.port = host, port
        self.cookies = {}
        source = (source_address, 0) if source_address else None
        self.connection = http.client.HTTPConnection(host, port, timeout=120, source_address=source)

    def close(self):
        self.connection.close()

    def request(self, method, path, fields=None):
        headers = {"Host": f"{self.host}:{self.port}"}
        body = None
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read().decode()
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        self.last_location = response.getheader("Location", "")
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return response.status, content

    def csrf_token(self, path):
        """GET ``path`` and return the form's CSRF token (the cookie is kept)."""
        status, page = self.request("GET", path)
        assert status == 200, (status, page[:300])
        return CSRF_INPUT.search(page).group(1)


def at_once(count, prepare, act, timeout=120):
    """Run ``count`` threads that each ``prepare(number)`` (not timed: open a connection,
    fetch a form), wait until all are ready, then ``act(prepared)`` at the same moment.
    Returns what ``act`` returned, in the order of the numbers; an error in any thread
    fails the test. Each thread closes its database connection at the end."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []
    lock = threading.Lock()

    def run(number):
        try:
            prepared = prepare(number)
            barrier.wait(timeout=60)
            results[number] = act(prepared)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            with lock:
                errors.append(f"{type(error).__name__}: {error}")
            barrier.abort()  # do not leave the others waiting for the full timeout
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == [], errors[:5]
    return results


def run_at_once(functions, timeout=120):
    """Call every function of ``functions`` at the same moment; their results in order."""
    return at_once(len(functions), lambda number: functions[number], lambda f: f(), timeout)


def post_at_once(host, port, path, count, fields_of, source_address=None):
    """``count`` browsers each fetch the form at ``path`` (CSRF cookie and token), then
    all POST ``fields_of(number)`` at the same moment. Returns [(status, page)]."""

    def prepare(number):
        browser = Browser(host, port, source_address=source_address)
        fields = {"csrfmiddlewaretoken": browser.csrf_token(path), **fields_of(number)}
        return browser, fields

    def post(prepared):
        browser, fields = prepared
        try:
            return browser.request("POST", path, fields)
        finally:
            browser.close()

    return at_once(count, prepare, post)


def staff_post_at_once(live_server_url, user, path, fields_of, count=2):
    """``count`` browsers logged in as ``user`` (one session) each fetch the form at
    ``path``, then all POST its CSRF token and ``fields_of(number)`` at the same moment
    (two tabs, two colleagues). Returns [(status, page)] in order."""
    from urllib.parse import urlsplit

    from django.test import Client

    session = Client()
    session.force_login(user)
    split = urlsplit(live_server_url)
    browsers, fields = [], []
    for number in range(count):
        browser = Browser(split.hostname, split.port)
        browser.cookies["sessionid"] = session.cookies["sessionid"].value
        status, page = browser.request("GET", path)
        assert status == 200, (status, page[:300])
        browsers.append(browser)
        fields.append(
            {"csrfmiddlewaretoken": CSRF_INPUT.search(page).group(1), **fields_of(number)}
        )
    try:
        return run_at_once(
            [
                lambda b=b, f=f: b.request("POST", path, f)
                for b, f in zip(browsers, fields, strict=True)
            ]
        )
    finally:
        for browser in browsers:
            browser.close()
