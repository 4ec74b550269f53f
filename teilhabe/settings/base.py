"""Configuration read from the environment.

Every setting a deployment may change is an environment variable documented in
README.md ("Configuration"). Defaults are safe for a developer's machine: SQLite in
``var/`` and mail printed to the console.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("TEILHABE_VAR_DIR", PROJECT_DIR / "var"))


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "insecure-development-key-never-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "teilhabe.tenants.apps.TeilhabeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "teilhabe.worker.apps.TaskQueueConfig",  # django_tasks_db, its name translated
    "axes",
    "django_ratelimit",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "teilhabe.languages",
    "teilhabe.tenants",
    "teilhabe.accounts",
    "teilhabe.directory",
    "teilhabe.plan",
    "teilhabe.events",
    "teilhabe.consultation",
    "teilhabe.bodies",
    "teilhabe.exports",
    "teilhabe.imports",
    "teilhabe.reports",
    "teilhabe.mail",
    "teilhabe.worker",
    "teilhabe.web",
    "teilhabe.workspace",
    "teilhabe.api",
    "teilhabe.demo",
]

MIDDLEWARE = [
    # First: the client's address and scheme from the reverse proxy, if trusted.
    "teilhabe.web.proxies.ForwardedForMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session, locale and CSRF middleware: sees the headers they set.
    "teilhabe.web.caching.PublicPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Outside LocaleMiddleware: an API answer in every language names none.
    "teilhabe.api.schemas.LanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "teilhabe.languages.content.MunicipalityContextMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a refused log-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "teilhabe.urls"
WSGI_APPLICATION = "teilhabe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "teilhabe.languages.context_processors.languages",
                "teilhabe.web.context_processors.site",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
# Unset DATABASE_URL means the embedded SQLite database in var/ (WAL mode, see
# teilhabe.tenants.apps). PostgreSQL: DATABASE_URL=postgres://user:password@host:5432/name
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'teilhabe.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE: a writing transaction takes the write lock at BEGIN, so two
        # requests never deadlock while upgrading a read lock.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # QuerySet.iterator() (every ModelChoiceField of a form, e.g. the filters of the
    # public lists) would open a server-side cursor: DECLARE ... WITH HOLD, FETCH and
    # CLOSE, three round trips and a materialised result for a list of twenty rows.
    # Nothing here iterates over more rows than fit in memory.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every log-in attempt while the account or address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "teilhabe.accounts.backends.EmailBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "web:landing"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Demo users (created by `teilhabe load_demo`) may only log in when this is on.
TEILHABE_DEMO = env_bool("TEILHABE_DEMO", False)

# --- Log-in lock-out (django-axes, see teilhabe/accounts/lockout.py) ---------------------
# After this many failed log-ins for one account, or from one client address, within the
# cool-off, log-in is refused (even with the right password) until the cool-off has passed
# since the last failure. The account holder gets one mail per lock-out.
AXES_FAILURE_LIMIT = env_int("TEILHABE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("TEILHABE_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own, not combined
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "teilhabe.accounts.lockout.normalised_username"
AXES_HANDLER = "teilhabe.accounts.lockout.LoginAttemptHandler"
AXES_LOCKOUT_CALLABLE = "teilhabe.accounts.lockout.locked_out_response"
# Attempts while locked out neither extend the lock-out nor count: the cool-off a person
# is told is the one that applies.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful log-in does not wipe the failures: it would also wipe the address's count.
AXES_RESET_ON_SUCCESS = False
# No log of successful log-ins (personal data we do not need); unlock by command
# (`teilhabe axes_reset_username <e-mail>`), not in the admin.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

# --- Password reset ---------------------------------------------------------------------
# Reset mails per e-mail address and hour; further requests get the same answer, no mail.
TEILHABE_PASSWORD_RESET_MAILS_PER_HOUR = env_int("TEILHABE_PASSWORD_RESET_MAILS_PER_HOUR", 3)

# --- Languages --------------------------------------------------------------------------
# German is the language of record; plain German ("Einfache Sprache", BCP 47 private-use
# tag de-x-simple) and the others are translations. These are the languages the
# installation offers, for the interface (each has a gettext catalogue) and for content;
# each municipality chooses its content languages among them (Municipality
# .content_languages), German always on. Named in their own language for the switcher.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("de-x-simple", "Einfache Sprache"),
    ("en", "English"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("vi", "Tiếng Việt"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"
LANGUAGE_COOKIE_NAME = "teilhabe_language"
LANGUAGE_COOKIE_SECURE = False

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Uploads ----------------------------------------------------------------------------
# Documents of consultations (drafts' original files, statements): stored here under
# random names, never served directly (teilhabe/consultation/documents.py sends them
# as downloads); keep the folder out of the web server's reach and in the backup.
MEDIA_ROOT = Path(env("TEILHABE_UPLOADS_DIR", VAR_DIR / "uploads"))
MEDIA_URL = "/uploads-not-served/"
TEILHABE_UPLOAD_MAX_BYTES = env_int("TEILHABE_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Mail -------------------------------------------------------------------------------
# Every mail is stored in the outbox (teilhabe.mail) and sent by the task worker.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Teilhabe <noreply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# How often a failed send is tried in all, and after how many days sent mails
# (which hold personal data) are deleted from the outbox.
TEILHABE_MAIL_MAX_ATTEMPTS = env_int("TEILHABE_MAIL_MAX_ATTEMPTS", 5)
TEILHABE_MAIL_RETRY_SECONDS = env_int("TEILHABE_MAIL_RETRY_SECONDS", 60)
TEILHABE_MAIL_RETENTION_DAYS = env_int("TEILHABE_MAIL_RETENTION_DAYS", 30)

# --- Imports (teilhabe/imports) -----------------------------------------------------------
# An uploaded file (it may hold personal data) is deleted when its import is done,
# refused, failed or cancelled; one left waiting for confirmation is cancelled and
# deleted after this many hours.
TEILHABE_IMPORT_KEEP_HOURS = env_int("TEILHABE_IMPORT_KEEP_HOURS", 24)

# --- Action plan ------------------------------------------------------------------------
# A measure whose last status report is older than this many days counts as overdue.
TEILHABE_STATUS_REPORT_DAYS = env_int("TEILHABE_STATUS_REPORT_DAYS", 180)

# --- Events -------------------------------------------------------------------------------
# Absolute address of the site, for links in mails and calendar files. In development
# the address `make run` serves on (it passes PORT); production must set it.
TEILHABE_BASE_URL = (
    env("TEILHABE_BASE_URL") or f"http://127.0.0.1:{env('PORT') or '8000'}"
).rstrip("/")
TEILHABE_CALENDAR_DOMAIN = env("TEILHABE_CALENDAR_DOMAIN", "teilhabe.invalid")
# Unconfirmed registrations expire after this many hours.
TEILHABE_EVENT_OPT_IN_HOURS = env_int("TEILHABE_EVENT_OPT_IN_HOURS", 48)
# Personal data of registrations is deleted this many days after the event.
TEILHABE_EVENT_RETENTION_DAYS = env_int("TEILHABE_EVENT_RETENTION_DAYS", 90)
# Mails with personal links ("find my registration", registering again) per e-mail
# address and hour; further requests get the same answer and no mail.
TEILHABE_EVENT_LINK_MAILS_PER_HOUR = env_int("TEILHABE_EVENT_LINK_MAILS_PER_HOUR", 3)
# Confirmation mails for comments without an account per e-mail address and hour;
# further comments are saved but get no mail (their writer confirms with the first).
TEILHABE_COMMENT_MAILS_PER_HOUR = env_int("TEILHABE_COMMENT_MAILS_PER_HOUR", 3)
# Requests per minute and client address for registration, personal-link and password
# reset requests (teilhabe/web/ratelimit.py); 0 turns the limit off.
TEILHABE_RATE_LIMIT_PER_MINUTE = env_int("TEILHABE_RATE_LIMIT_PER_MINUTE", 20)
# Changes per minute and API token (teilhabe/api/auth.py); more get a 429; 0 = no limit.
TEILHABE_API_WRITES_PER_MINUTE = env_int("TEILHABE_API_WRITES_PER_MINUTE", 60)
# Usable (not revoked, not expired) API tokens one person may hold (teilhabe/api/services.py).
TEILHABE_API_TOKENS_PER_PERSON = env_int("TEILHABE_API_TOKENS_PER_PERSON", 20)

# --- Cache shared by all server processes -------------------------------------------------
# Rate limits and the once-per-lock-out mail count here, so every gunicorn worker must
# see the same numbers. Default: the database cache (no extra server; its table is
# created by `migrate`), with an atomic incr (teilhabe/web/cache.py).
# CACHE_URL=redis://host:6379/0 selects Django's Redis cache instead.
CACHE_URL = env("CACHE_URL", "")
# The progress of work the worker does inside one long transaction (an import), which
# the page must read before that transaction commits: so not in the database (SQLite
# lets no one else write meanwhile, and the database cache would write inside the
# transaction). Files in this directory, which the web server and the worker must share
# as they share TEILHABE_UPLOADS_DIR; with CACHE_URL=redis://... Redis instead.
TEILHABE_PROGRESS_DIR = Path(env("TEILHABE_PROGRESS_DIR", VAR_DIR / "progress"))


def caches_from_url(url):
    """The shared cache, and beside it the cache of rendered fragments (charts, parts
    of public pages, keyed on the content version: teilhabe/web/caching.py), which
    Django's {% cache %} tag takes by its name. In a table of its own, so that the many
    fragments never push the rate-limit counters out of theirs. And the worker's
    progress (TEILHABE_PROGRESS_DIR)."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        return {
            "default": redis,
            "template_fragments": {**redis, "KEY_PREFIX": "fragments"},
            "progress": {**redis, "KEY_PREFIX": "progress", "TIMEOUT": 24 * 60 * 60},
        }
    if url:
        raise ImproperlyConfigured("CACHE_URL must be empty (database cache) or redis://...")
    return {
        "progress": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(TEILHABE_PROGRESS_DIR),
            "TIMEOUT": 24 * 60 * 60,
        },
        "default": {
            "BACKEND": "teilhabe.web.cache.DatabaseCache",
            "LOCATION": "teilhabe_cache",
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20_000)},
        },
        "template_fragments": {
            "BACKEND": "teilhabe.web.cache.DatabaseCache",
            "LOCATION": "teilhabe_fragments",
            "TIMEOUT": 24 * 60 * 60,
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_FRAGMENT_MAX_ENTRIES", 50_000)},
        },
    }


CACHES = caches_from_url(CACHE_URL)
RATELIMIT_USE_CACHE = "default"

# --- Public pages in shared caches (teilhabe/web/caching.py, deploy/nginx.conf) -----------
# An anonymous visitor's public page: browsers keep it TEILHABE_CACHE_MAX_AGE seconds,
# shared caches (the reverse proxy) TEILHABE_CACHE_S_MAXAGE; pages that show seats left
# or change with the time (events) TEILHABE_CACHE_LIVE_SECONDS in both. nginx sends no
# Age header, so a browser may keep a page as long again after the proxy: the live
# seconds are at most 30, so seats left are never more than 60 s old.
# The reverse proxies (addresses) whose X-Forwarded-For and X-Forwarded-Proto are
# believed (teilhabe/web/proxies.py), e.g. 127.0.0.1 for nginx on the same machine.
TEILHABE_TRUSTED_PROXIES = env_list("TEILHABE_TRUSTED_PROXIES")
TEILHABE_CACHE_MAX_AGE = env_int("TEILHABE_CACHE_MAX_AGE", 60)
TEILHABE_CACHE_S_MAXAGE = env_int("TEILHABE_CACHE_S_MAXAGE", 300)
TEILHABE_CACHE_LIVE_SECONDS = env_int("TEILHABE_CACHE_LIVE_SECONDS", 30)
# The application's own page cache: an anonymous visitor's public page, rendered once
# per content version (and at most TEILHABE_CACHE_LIVE_SECONDS for live pages), is kept
# in the fragment cache and answered from there without running the view, also where no
# reverse proxy stands in front. Off: every such request renders (bench/pages.py's
# "rendered" column).
TEILHABE_PAGE_CACHE = env_bool("TEILHABE_PAGE_CACHE", True)
# Each process keeps copies of the pages it answered, up to this many bytes (the oldest
# go first), so that a repeated request reads only the content version from the shared
# cache. 0: none (every stored page is read from the fragment cache).
TEILHABE_PAGE_CACHE_LOCAL_BYTES = env_int("TEILHABE_PAGE_CACHE_LOCAL_BYTES", 32 * 1024 * 1024)
if not 0 <= TEILHABE_CACHE_LIVE_SECONDS <= 30:
    raise ImproperlyConfigured("TEILHABE_CACHE_LIVE_SECONDS must be between 0 and 30.")
# django-ratelimit warns (W001) about every cache but memcached and django-redis. Ours
# increments atomically (tests/web/test_cache.py), and so does Django's RedisCache.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# --- Background tasks -------------------------------------------------------------------
# The database backend needs no extra server: a task row is written in the same
# transaction as the change that caused it. TASKS_BACKEND may name another backend
# (e.g. a Redis- or Celery-backed one); teilhabe.worker then enqueues on commit.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "mail"],
    }
}
# Each worker process writes a heartbeat (every twelfth of the timeout). A worker not seen
# for TEILHABE_WORKER_TIMEOUT_SECONDS counts as dead: the tasks it was running go back to
# the queue, each at most TEILHABE_WORKER_MAX_RECLAIMS times; abandoned once more, a task
# is marked failed (teilhabe.worker.liveness).
TEILHABE_WORKER_TIMEOUT_SECONDS = env_int("TEILHABE_WORKER_TIMEOUT_SECONDS", 120)
TEILHABE_WORKER_MAX_RECLAIMS = env_int("TEILHABE_WORKER_MAX_RECLAIMS", 3)

# --- Security ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Operator of this installation (imprint, privacy, accessibility statement) ------------
TEILHABE_OPERATOR = {
    # The sample name is a description, shown in the reader's language; a real name is not.
    "name": env("TEILHABE_OPERATOR_NAME") or _("Operator of this installation (example)"),
    "address": env("TEILHABE_OPERATOR_ADDRESS", "Musterstraße 1, 01067 Dresden"),
    "email": env("TEILHABE_OPERATOR_EMAIL", "kontakt@example.org"),
    "phone": env("TEILHABE_OPERATOR_PHONE", ""),
    "data_protection_officer": env("TEILHABE_DPO_EMAIL", "datenschutz@example.org"),
    "accessibility_contact": env("TEILHABE_ACCESSIBILITY_EMAIL", "barrierefreiheit@example.org"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Failed log-ins and lock-outs (WARNING), not every clean-up axes does (INFO).
        "axes": {"level": "WARNING"},
    },
}

# --- API and sessions -------------------------------------------------------------------
# Lists take `limit` 1..NINJA_PAGINATION_MAX_LIMIT (default NINJA_PAGINATION_PER_PAGE) and
# `offset` 0..1,000,000; other values are a 422 (teilhabe/api/pagination.py).
NINJA_PAGINATION_CLASS = "teilhabe.api.pagination.Pagination"
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 100
# Database sessions whose cookie is checked before the query (API and pages alike).
SESSION_ENGINE = "teilhabe.accounts.sessions"
