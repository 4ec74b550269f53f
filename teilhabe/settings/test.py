"""Tests: the real database (SQLite file or DATABASE_URL), the real task backend,
mail captured by Django's locmem backend unless a test points it at an SMTP server."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR

DEBUG = False
TEILHABE_DEMO = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
TEILHABE_MAIL_RETRY_SECONDS = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: the live server, worker and concurrency tests use other
    # threads and connections, as in production.
    # One file per test process, so that two test runs on one machine never collide.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
# Uploads of one test process in a folder of their own.
MEDIA_ROOT = VAR_DIR / f"test-uploads-{os.getpid()}"
# No rate limit unless a test sets one: many tests post from 127.0.0.1 within a minute.
TEILHABE_RATE_LIMIT_PER_MINUTE = 0
TEILHABE_API_WRITES_PER_MINUTE = 0
# Rendered fragments are keyed on the content version, which is bumped when a
# transaction commits: a test's transaction never does, so a page rendered twice in one
# test would show the first rendering. Fragment caching is tested on its own, with the
# real cache switched on (tests/web/test_fragments.py).
CACHES["template_fragments"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.dummy.DummyCache"
}
# For the same reason no process-local copies of stored pages (tests/web/conftest.py's
# fragment_cache fixture switches both on).
TEILHABE_PAGE_CACHE_LOCAL_BYTES = 0
