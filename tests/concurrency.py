"""Helpers for tests that send simultaneous HTTP requests to the live server: one
client per person with its own connection and cookies, and a server that works on a
bounded number of requests at a time, like gunicorn's worker pool."""

import http.client
import re
import threading
from contextlib import contextmanager
from http.cookies import SimpleCookie
from urllib.parse import urlencode

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
    """One person's HTTP client: one persistent connection, own CSRF cookie. The
    connection is opened (and the form fetched) before the barrier, so the POSTs really
    arrive together instead of queueing in the server's accept backlog."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.cookies = {}
        self.connection = http.client.HTTPConnection(host, port, timeout=120)

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


def run_at_once(functions, timeout=120):
    """Start every function in its own thread behind one barrier, so that they really
    run together; return their results (or the exception each raised), in order."""
    from django.db import connection

    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(index, function):
        try:
            barrier.wait(timeout=timeout)
            results[index] = function()
        except Exception as error:  # noqa: BLE001 - returned to the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads)
    return results
