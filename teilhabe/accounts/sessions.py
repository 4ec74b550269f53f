"""The session engine (SESSION_ENGINE): Django's database sessions, with the session key
from the cookie checked for its form before it reaches the database. Django's keys are
32 lower-case letters and digits; a cookie with anything else (a NUL character, which
PostgreSQL refuses in a query) is no session rather than an error on every page."""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return super()._validate_session_key(key) and key.isascii() and key.isalnum()
