"""Production: passes ``manage.py check --deploy`` without warnings.

SECRET_KEY and ALLOWED_HOSTS must come from the environment; demo users cannot log in.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env, env_bool, env_int

if SECRET_KEY.startswith("insecure-") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")

if not env("TEILHABE_BASE_URL"):
    raise ImproperlyConfigured(
        "Set TEILHABE_BASE_URL to the site's public address (e.g. https://teilhabe.example.org):"
        " links in mails and calendar files use it."
    )

DEBUG = False
TEILHABE_DEMO = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Persistent database connections: each gunicorn thread keeps its connection for this
# many seconds instead of connecting for every request (measured: README, "Production
# server"); checked before reuse, so a restarted database costs one failed check, not
# an error page. Keep gunicorn's workers × threads below PostgreSQL's max_connections.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
