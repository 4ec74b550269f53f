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

import logging
import time
from datetime import UTC, datetime

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.utils.functional import lazy

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
]

# Models that belong to a municipality but never show on a public page, each with why.
NOT_PUBLIC_MODELS = {
    "directory.ProfileChange": "waits for the office; approving it saves the organisation",
    "events.Invitation": "personal",
    "events.Feedback": "read by the office only",
    "events.FeedbackReceipt": "no content",
    "events.EventMessage": "sent to participants, not published",
    "events.EventMessageRecipient": "personal",
    "languages.TranslationImport": "an upload; importing saves the translated objects",
    "accounts.Role": "staff only; the header shows no roles to the public",
    "mail.OutgoingMail": "personal",
}


def _key(scope):
    return f"content-version:{scope}"


def _scopes(municipality_id):
    return [SITE] if municipality_id is None else [SITE, municipality_id]


def _tokens(municipality_id):
    """The version tokens of the site and the municipality, created when missing."""
    keys = [_key(scope) for scope in _scopes(municipality_id)]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        token = time.time_ns()
        for key in missing:
            cache.add(key, token, timeout=None)  # another process may be first
        found = cache.get_many(keys)
    return [found.get(key, 0) for key in keys]


class ContentVersion:
    """A municipality's (or, for ``None``, the site's) content version and its time."""

    __slots__ = ("modified", "token")

    def __init__(self, municipality_id=None):
        tokens = _tokens(municipality_id)
        self.token = ".".join(str(t) for t in tokens)
        self.modified = datetime.fromtimestamp(max(tokens) // 10**9, tz=UTC)

    def __str__(self):
        return self.token


def content_version(municipality_id=None):
    """The version string of a municipality's public content (one shared-cache read)."""
    return ContentVersion(municipality_id).token


def content_modified(municipality_id=None):
    """When that content last changed (whole seconds, for ``Last-Modified``)."""
    return ContentVersion(municipality_id).modified


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


def request_municipality_id(request):
    from teilhabe.languages.content import current_municipality

    municipality = getattr(request, "municipality", None) or current_municipality()
    return municipality.pk if municipality is not None else None


def request_version(request):
    """The content version of the request's municipality (set by its view), read once
    per request."""
    municipality_id = request_municipality_id(request)
    cached = getattr(request, "_content_version", None)
    if cached is None or cached[0] != municipality_id:
        cached = (municipality_id, ContentVersion(municipality_id))
        request._content_version = cached
    return cached[1]


def lazy_request_version(request):
    """``request.content_version`` and the templates' ``content_version``: read when a
    template first uses it (after the view found the municipality)."""
    return lazy(lambda: request_version(request).token, str)()
