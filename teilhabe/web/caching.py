"""The content version: what public pages and their cached fragments are keyed on.

Each municipality has a version in the shared cache (``CACHES["default"]``), and the
installation one of its own ("site": the municipalities themselves, shown on the
landing page and in every header, and the vocabularies all municipalities share). A
municipality's content version is both, read in one ``get_many``. Every save or delete
of a model that can change a public page bumps the version after the transaction
commits (``transaction.on_commit``: a rollback bumps nothing, and no page can be
rendered from the old data under the new version). The models are listed once, in
``PUBLIC_MODELS``; ``tests/web/test_caching.py`` fails for a model that is in neither
list.

A version is a ``time.time_ns()`` token, set when missing: a cleared or culled cache
starts a new, later version instead of an earlier one coming back, so nothing keyed
on an old version is ever served again. Its time is the pages' ``Last-Modified``.
Changes made without signals (``QuerySet.update``, ``bulk_create``) bump nothing:
the services that use them either save a public object in the same transaction
(``plan.services.change_phase``) or change nothing public (check-in, expiry of
unconfirmed registrations, which hold no seat).
"""

import functools
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import astuple, dataclass
from datetime import UTC, datetime
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.core.validators import slug_re
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control
from django.utils.functional import lazy
from django.utils.http import http_date
from django.utils.translation import get_language

from teilhabe.tenants.scoping import municipality_id_of, municipality_lookup

logger = logging.getLogger(__name__)

SITE = "site"

# Every model whose rows appear on a public page (portal, events, directory, API,
# landing page). A change to one bumps its municipality's version; to a shared
# vocabulary or a municipality, the site's.
PUBLIC_MODELS = [
    "tenants.Municipality",
    "directory.Department",
    "directory.Organisation",
    "directory.UmbrellaMembership",
    "directory.ActivityField",
    "directory.Language",
    "plan.ConceptCycle",
    "plan.CyclePhase",
    "plan.FieldOfAction",
    "plan.Goal",
    "plan.Measure",
    "plan.StatusReport",
    "plan.Indicator",
    "plan.IndicatorValue",
    "plan.FundingLine",
    "plan.FundingAmount",
    "plan.OpenItem",
    "plan.TargetGroup",
    "events.EventSeries",
    "events.Venue",
    "events.AudienceGroup",
    "events.Event",
    "events.Registration",  # seats left
    "events.ProgrammeItem",
    "events.Speaker",
    "events.Station",
    "consultation.Consultation",
    "consultation.Draft",
    "consultation.DraftFile",
    "consultation.Section",
    "consultation.Comment",  # published comments
    "consultation.Statement",
    "consultation.StatementFile",
    "consultation.DemandTag",
    "consultation.Demand",
    "consultation.Answer",  # published answers, on demand and measure pages
    "bodies.Body",
    "bodies.Membership",
    "bodies.Person",  # a name shown with consent
    "bodies.Meeting",  # public meetings
    "bodies.AgendaItem",
    "bodies.MinutesFile",
    "reports.Report",  # published versions, listed on the cycle's page
]

# Models that belong to a municipality but never show on a public page, each with why.
NOT_PUBLIC_MODELS = {
    "directory.ProfileChange": "waits for the office; approving it saves the organisation",
    "directory.RepresentationClaim": "waits for the office; verifying it saves the organisation",
    "events.Invitation": "personal",
    "events.Feedback": "read by the office only",
    "events.FeedbackReceipt": "no content",
    "events.EventMessage": "sent to participants, not published",
    "events.EventMessageRecipient": "personal",
    "languages.TranslationImport": "an upload; importing saves the translated objects",
    "imports.DataImport": "an upload; importing saves the imported objects",
    "accounts.Role": "staff only; the header shows no roles to the public",
    "api.ApiToken": "a person's key to the API, shown to its owner only",
    "mail.OutgoingMail": "personal",
    "consultation.CommentReport": "read by moderators only; hiding saves the comment",
    "consultation.ConsiderationPdf": "a file made from public data; its key names the version",
    "bodies.CalendarKey": "personal: a member's private calendar address",
}


def _key(scope):
    return f"content-version:{scope}"


def _scopes(municipality_id):
    return [SITE] if municipality_id is None else [SITE, municipality_id]


def _tokens(municipality_id, extra_keys=()):
    """The version tokens of the site and the municipality, created when missing, and
    the values of ``extra_keys`` read in the same query."""
    keys = [_key(scope) for scope in _scopes(municipality_id)]
    found = cache.get_many([*keys, *extra_keys])
    missing = [key for key in keys if key not in found]
    if missing:
        token = time.time_ns()
        for key in missing:
            cache.add(key, token, timeout=None)  # another process may be first
        found.update(cache.get_many(missing))
    return [found.get(key, 0) for key in keys], found


class ContentVersion:
    """A municipality's (or, for ``None``, the site's) content version and its time."""

    __slots__ = ("modified", "token")

    def __init__(self, tokens):
        self.token = ".".join(str(t) for t in tokens)
        self.modified = datetime.fromtimestamp(max(tokens) // 10**9, tz=UTC)

    @classmethod
    def read(cls, municipality_id=None):
        return cls(_tokens(municipality_id)[0])

    def __str__(self):
        return self.token


def content_version(municipality_id=None):
    """The version string of a municipality's public content (one shared-cache read)."""
    return ContentVersion.read(municipality_id).token


def content_modified(municipality_id=None):
    """When that content last changed (whole seconds, for ``Last-Modified``)."""
    return ContentVersion.read(municipality_id).modified


def bump(scope):
    """A new version for ``scope`` (a municipality id or ``SITE``), now."""
    cache.set(_key(scope), time.time_ns(), timeout=None)


def bump_after_commit(scope):
    """Bump ``scope`` once the running transaction commits (at once outside one).
    Many saves in one transaction bump once."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        isinstance(callback, _Bump) and callback.scope == scope and not callback.done
        for _savepoints, callback, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(_Bump(scope), robust=True)


class _Bump:
    """An on-commit callback that knows its scope, so that a transaction queues one."""

    def __init__(self, scope):
        self.scope = scope
        self.done = False

    def __call__(self):
        self.done = True
        try:
            bump(self.scope)
        except Exception:
            logger.exception("The content version of %s could not be bumped", self.scope)
            raise


def scope_of(obj):
    """The version an object's change bumps: its municipality's, or the site's."""
    model = type(obj)
    lookup = municipality_lookup(model)
    if lookup is None or lookup == "id":  # a shared vocabulary, or a municipality
        return SITE
    return municipality_id_of(obj, lookup)


def _changes_public_page(obj):
    registration = apps.get_model("events", "Registration")
    # An unconfirmed registration holds no seat: registering changes no public page
    # until the link in the mail is confirmed (a busy event is not re-rendered twice).
    return not (isinstance(obj, registration) and obj.status == registration.Status.PENDING)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw and _changes_public_page(instance):
        bump_after_commit(scope_of(instance))


def _deleting(sender, instance, **kwargs):
    # Before the delete, while the parents the municipality is found through exist; the
    # bump still waits for the commit of the delete's transaction.
    bump_after_commit(scope_of(instance))


def _relations_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        bump_after_commit(scope_of(instance))


def public_models():
    return [apps.get_model(label) for label in PUBLIC_MODELS]


def connect_signals():
    """Called once from WebConfig.ready: the one place the receivers are connected."""
    for model in public_models():
        uid = f"content-version:{model._meta.label}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(_deleting, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _relations_changed, sender=through, dispatch_uid=f"{uid}:{field.name}"
            )


# --- The version in requests and templates ------------------------------------------


def request_version(request):
    """The content version of the request's municipality, read once per request: for a
    public page before its view reads any data (PublicPageMiddleware.process_view), so
    that nothing rendered from older data is ever stored under a newer version."""
    from teilhabe.languages.content import current_municipality

    municipality = getattr(request, "municipality", None) or current_municipality()
    municipality_id = municipality.pk if municipality is not None else None
    cached = getattr(request, "_content_version", None)
    if cached is None or cached[0] != municipality_id:
        cached = (municipality_id, ContentVersion.read(municipality_id))
        request._content_version = cached
    return cached[1]


def lazy_request_version(request):
    """``request.content_version`` and the templates' ``content_version``."""
    return lazy(lambda: request_version(request).token, str)()


# --- Fragments ------------------------------------------------------------------------


def fragments():
    """The cache of rendered fragments ({% cache %} uses it by the same name)."""
    return caches["template_fragments"]


def fragment_key(request, *parts):
    """A fragment's key: its parts, the request's content version, the language and the
    code's release (a deploy renders everything anew)."""
    text = "\n".join(
        str(p) for p in (*parts, request_version(request).token, get_language(), release())
    )
    return "fragment:" + hashlib.sha256(text.encode()).hexdigest()


def cached(request, parts, compute):
    """``compute()``, or what it returned before under the same key (``fragment_key``)."""
    key = fragment_key(request, *parts)
    value = fragments().get(key)
    if value is None:
        value = compute()
        fragments().set(key, value)
    return value


# --- Public pages: one declaration per view, one middleware ---------------------------


@dataclass(frozen=True)
class PagePolicy:
    """How a view's responses may be cached. ``live``: the page shows seats left or
    depends on the time (registration opens, an event starts), so shared caches and
    browsers keep it for TEILHABE_CACHE_LIVE_SECONDS only. ``htmx``: the view answers an
    htmx request with a part of the page (``Vary: HX-Request``). ``negotiates_language``:
    the API, whose answer depends on ``Accept-Language``."""

    public: bool = True
    live: bool = False
    htmx: bool = False
    negotiates_language: bool = False

    def max_ages(self):
        if self.live:
            return settings.TEILHABE_CACHE_LIVE_SECONDS, settings.TEILHABE_CACHE_LIVE_SECONDS
        return settings.TEILHABE_CACHE_MAX_AGE, settings.TEILHABE_CACHE_S_MAXAGE


PERSONAL = PagePolicy(public=False)
API_READ = PagePolicy(negotiates_language=True)


def public_page(view=None, *, live=False, htmx=False):
    """Declares a view (function or class) a public page: for a visitor who is not
    logged in its answer is the same for everyone and may be stored by shared caches
    (``Cache-Control: public``, ETag, Last-Modified, 304). Logged-in users get it
    ``private, no-cache``. ``@public_page`` or ``@public_page(live=True)``."""
    policy = PagePolicy(live=live, htmx=htmx)

    def declare(view):
        view.page_policy = policy
        return view

    return declare(view) if view is not None else declare


def personal_page(view):
    """Declares a view personal (a personal link's pages): ``private, no-store``."""
    view.page_policy = PERSONAL
    return view


def keep_private(request):
    """This answer is not the public page (e.g. a hidden event shown with a personal
    invitation): ``private, no-store``."""
    request.page_policy = PERSONAL


def policy_of(request, view_func, view_kwargs):
    """The view's declaration; the API's reads of a municipality's data are public."""
    policy = getattr(view_func, "page_policy", None) or getattr(
        getattr(view_func, "view_class", None), "page_policy", None
    )
    if policy is None and is_api(request) and "municipality" in view_kwargs:
        return API_READ
    return policy


def is_api(request):
    """An address of the API, whose answers are in the language ``Accept-Language`` asks
    for."""
    return request.path.startswith("/api/v1/")


def is_anonymous_request(request):
    """No session, no flash message waiting (Django keeps an anonymous visitor's in a
    cookie), no credentials, not a part of a page: the answer is the one every anonymous
    visitor gets. (Shared caches pass every other request through.)"""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "Authorization" not in request.headers
        and "HX-Request" not in request.headers
    )


@functools.cache
def release():
    """A fingerprint of the code, templates and translations (and the settings pages
    show): after a deploy nothing rendered by the old code is answered as current."""
    digest = hashlib.sha256(django.get_version().encode())
    root = Path(__file__).resolve().parent.parent
    suffixes = {".py", ".html", ".txt", ".mo", ".svg", ".css", ".js"}
    for path in sorted(root.rglob("*")):
        if path.suffix in suffixes and not {"vendor", "__pycache__"} & set(path.parts):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    for name in ("TEILHABE_OPERATOR", "TEILHABE_DEMO", "TEILHABE_BASE_URL", "LANGUAGES"):
        digest.update(repr(getattr(settings, name)).encode())
    return digest.hexdigest()[:16]


def _memo_key(request):
    """Where the ETag of this page's last rendering is kept (per address, host and, for
    the API, whose answers are in the requested language, that language)."""
    parts = [release(), request.scheme, request.get_host(), request.get_full_path()]
    if is_api(request):
        parts.append(request.headers.get("Accept-Language", "")[:200])
    return "page-etag:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _page_key(memo_key, etag):
    """Where a public page's body is kept beside its memo (in the fragment cache)."""
    return f"page-body:{memo_key}:{etag}"


def _alive(memo):
    """A memo is good until its ``expires`` (live pages after their seconds)."""
    return memo is not None and memo["expires"] > time.time()


class LocalCopies:
    """This process's copies of the memos and of the stored pages, so that a repeated
    anonymous request costs one read of the shared cache (the content version) instead
    of three. Nothing here is trusted on its own: a memo answers only while the shared
    version is the one it names and until it expires; a page is kept under its ETag
    (the hash of its bytes), so a copy is the page or nothing. Bounded: the oldest
    pages go when the bytes exceed ``settings.TEILHABE_PAGE_CACHE_LOCAL_BYTES``. A
    gunicorn thread worker's threads share one: the pages and their byte count change
    under a lock."""

    MAX_MEMOS = 10 * 1024

    def __init__(self):
        self.memos = {}
        self.pages = OrderedDict()
        self.page_bytes = 0
        self.lock = threading.Lock()

    def clear(self):
        with self.lock:
            self.memos.clear()
            self.pages.clear()
            self.page_bytes = 0

    def memo(self, key):
        """This process's copy of a memo. (Not read from the shared cache here: that is
        done after the address is resolved, for public pages only, in process_view.)"""
        memo = self.memos.get(key)
        if memo is not None and not _alive(memo):
            self.memos.pop(key, None)
            return None
        return memo

    def remember_memo(self, key, memo):
        if len(self.memos) >= self.MAX_MEMOS:
            self.memos.clear()
        self.memos[key] = memo

    def forget_memo(self, key):
        self.memos.pop(key, None)

    def __contains__(self, page_key):
        return page_key in self.pages

    def page(self, key):
        page = self.pages.get(key)
        if page is None:
            page = fragments().get(key)
            if page is None:
                return None
            self.remember_page(key, page)
        return page

    def remember_page(self, key, page):
        size = len(page["body"])
        limit = settings.TEILHABE_PAGE_CACHE_LOCAL_BYTES
        with self.lock:
            if key in self.pages or size > limit:
                return
            self.pages[key] = page
            self.page_bytes += size
            while self.page_bytes > limit:
                _key, oldest = self.pages.popitem(last=False)
                self.page_bytes -= len(oldest["body"])


local_copies = LocalCopies()


class PublicPageMiddleware:
    """Caching headers for every answer (after WhiteNoise, before the session).

    A public page (``@public_page``) asked for by an anonymous visitor: no cookie and no
    ``Vary: Cookie`` (the session is looked at only to find the visitor anonymous), no
    ``Vary: Accept-Language`` where the address names the language, ``Cache-Control:
    public`` with the ages from the settings, a strong ETag (a hash of the body: strong
    is true only of identical bytes) and Last-Modified. Its ETag is remembered in the
    shared cache with the content version it was rendered under (the memo), and with
    the page cache on, the page itself with the headers the inner middleware gave it.

    A repeated anonymous request is answered here, before the session, language and
    authentication middleware, the URL resolver and the view: from this process's copy
    of the memo and one read of the content version, a 304 to a conditional request,
    else the stored page (``answer_from_memo``). A request the process has no memo of
    goes the whole way: in ``process_view``, for a public page, the memo is read from
    the shared cache with the version, and the page answered from there if it matches.

    Everything else: ``private, no-cache`` (``no-store`` for personal pages), unless the
    view set its own Cache-Control. A response that sets a cookie is never public.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        answer = self.answer_from_memo(request)
        if answer is not None:
            return answer
        request.content_version = lazy_request_version(request)
        response = self.get_response(request)
        return self.finish(request, response)

    def answer_from_memo(self, request):
        """The answer for an anonymous visitor's page rendered before under the current
        content version, or None: the request goes the whole way."""
        if not is_anonymous_request(request):
            return None
        memo_key = _memo_key(request)
        memo = local_copies.memo(memo_key)
        if memo is None:
            return None
        conditional = "If-None-Match" in request.headers or "If-Modified-Since" in request.headers
        page_key = _page_key(memo_key, memo["etag"])
        if not conditional and not (settings.TEILHABE_PAGE_CACHE and page_key in local_copies):
            return None  # to be rendered (or read from the shared cache): no read here
        tokens, _found = _tokens(memo["municipality"])
        if ContentVersion(tokens).token != memo["version"]:
            local_copies.forget_memo(memo_key)
            return None
        return self.answer(request, memo_key, memo)

    def answer(self, request, memo_key, memo):
        """A 304, the stored page, or None (not stored: the view renders it)."""
        policy = PagePolicy(*memo["policy"])
        response = HttpResponse()
        self.public_headers(request, response, policy, memo["etag"], memo["modified"])
        not_modified = get_conditional_response(request, memo["etag"], memo["modified"], response)
        if not_modified.status_code == 304:
            return not_modified
        if not settings.TEILHABE_PAGE_CACHE:
            return None
        page = local_copies.page(_page_key(memo_key, memo["etag"]))
        if page is None:
            return None
        return HttpResponse(page["body"], headers=page["headers"])

    def process_view(self, request, view_func, view_args, view_kwargs):
        policy = policy_of(request, view_func, view_kwargs)
        request.page_policy = policy
        if policy is None or not policy.public or not is_anonymous_request(request):
            return None
        municipality_id = None
        if "municipality" in view_kwargs:
            municipality = find_municipality(view_kwargs["municipality"])
            if municipality is None:
                return None  # the view answers 404
            municipality_id = municipality.pk
        memo_key = _memo_key(request)
        tokens, found = _tokens(municipality_id, [memo_key])
        version = ContentVersion(tokens)
        memo = found.get(memo_key)
        request._content_version = (municipality_id, version)
        request._page_memo = (memo_key, memo)
        if not _alive(memo) or memo["version"] != version.token:
            return None
        local_copies.remember_memo(memo_key, memo)
        answer = self.answer(request, memo_key, memo)
        if answer is not None:
            request._answered_from_memo = True
        return answer

    def finish(self, request, response):
        session_cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
        if session_cookie is not None and session_cookie.value != request.COOKIES.get(
            settings.SESSION_COOKIE_NAME
        ):
            # Logged in or out: the browser forgets the pages it kept (the public pages
            # do not vary on the cookie, so "Log in" would stay in its copies).
            response["Clear-Site-Data"] = '"cache"'
        policy = getattr(request, "page_policy", None)
        if getattr(request, "_answered_from_memo", False):
            # The inner middleware saw this answer too (LocaleMiddleware varies it on
            # Accept-Language): the headers of the public page once more.
            self.public_headers(request, response, policy, response["ETag"], None)
            return response
        if self.is_cacheable(request, response, policy):
            return self.public(request, response, policy)
        if "Cache-Control" not in response:
            personal = policy is not None and not policy.public
            patch_cache_control(
                response, private=True, **({"no_store": True} if personal else {"no_cache": True})
            )
        return response

    @staticmethod
    def is_cacheable(request, response, policy):
        return (
            policy is not None
            and policy.public
            and is_anonymous_request(request)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "Cache-Control" not in response
            and hasattr(request, "_page_memo")
        )

    def public(self, request, response, policy):
        memo_key, memo = request._page_memo
        municipality_id, version = request._content_version
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
        if memo is not None and memo["etag"] == etag:
            modified = memo["modified"]
        elif memo is None and not policy.live:
            modified = int(version.modified.timestamp())
        else:  # changed by the time alone, or a new deploy
            modified = int(time.time())
        timeout = settings.TEILHABE_CACHE_LIVE_SECONDS if policy.live else 24 * 60 * 60
        self.public_headers(request, response, policy, etag, modified)
        new_memo = {
            "version": version.token,
            "etag": etag,
            "modified": modified,
            "municipality": municipality_id,
            "policy": astuple(policy),
        }
        if not _alive(memo) or {k: v for k, v in memo.items() if k != "expires"} != new_memo:
            new_memo["expires"] = time.time() + timeout
            cache.set(memo_key, new_memo, timeout)
        else:  # rendered again (the page cache is off): the memo as it was
            new_memo = memo
        local_copies.remember_memo(memo_key, new_memo)
        if settings.TEILHABE_PAGE_CACHE:
            # Reached only when the page was not stored under this version (or was culled).
            page = {"headers": dict(response.items()), "body": response.content}
            page_key = _page_key(memo_key, etag)
            fragments().set(page_key, page, timeout)
            local_copies.remember_page(page_key, page)
        return get_conditional_response(request, etag, modified, response)

    @staticmethod
    def public_headers(request, response, policy, etag, modified):
        max_age, s_maxage = policy.max_ages()
        response["Cache-Control"] = f"public, max-age={max_age}, s-maxage={s_maxage}"
        response["ETag"] = etag
        if modified is not None:
            response["Last-Modified"] = http_date(modified)
        # The session was read only to find the visitor anonymous; the language is in
        # the address (German has no prefix and is never negotiated).
        dropped = {"cookie"} if policy.negotiates_language else {"cookie", "accept-language"}
        kept = [v for v in cc_delim_re.split(response.get("Vary", "")) if v]
        kept = [v for v in kept if v.lower() not in dropped]
        if policy.negotiates_language:
            kept.append("Accept-Language")
        if policy.htmx:
            kept.append("HX-Request")
        if kept:
            response["Vary"] = ", ".join(dict.fromkeys(kept))
        elif "Vary" in response:
            del response["Vary"]


def find_municipality(slug):
    """The active municipality for a public page's address, looked up once: the view's
    own look-up (tenants.scoping.active_municipality) takes it from here."""
    from teilhabe.languages import content
    from teilhabe.tenants.models import Municipality

    if not slug_re.match(slug):
        return None  # not an address (a NUL, say): the view refuses it (404, the API 422)
    municipality = Municipality.objects.active().filter(slug=slug).first()
    if municipality is not None:
        content.set_municipality(municipality)
    return municipality
