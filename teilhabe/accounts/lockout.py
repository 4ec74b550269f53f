"""Log-in lock-out: django-axes, with what this project adds to it.

Axes (settings: ``AXES_*``) counts failed log-ins in the database (``AccessAttempt``),
per account and per client address. After ``AXES_FAILURE_LIMIT`` failures within the
cool-off, log-in for that account, and from that address, is refused even with the right
password until the cool-off has passed since the last failure.

What we add:

- ``normalised_username``: the e-mail address case-folded, so "Erika@..." and
  "erika@..." count as one account.
- ``LoginAttemptHandler``: axes checks the count before the password is checked and
  records the failure after it, so simultaneous wrong log-ins could all pass the check.
  Here an attempt takes its place first: under a lock on its account and its address
  (``lock_login``) it checks the count and counts itself as a failure, and only then is
  the password checked; a successful log-in gives its place back. However many attempts
  arrive at once, at most the limit of passwords is tried.
- ``locked_out_response``: the log-in page with the message, status 429. It reads the
  same whether or not the account exists.
- ``mail_account_holder``: when an account (not only an address) is locked out, one mail
  to its holder, if the account exists and is active.
"""

import hashlib

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.core.cache import cache
from django.db import router, transaction
from django.db.models import F, Min, Sum
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teilhabe.mail.services import queue_mail

from .models import User

TEMPLATE = "accounts/login.html"


def normalised_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the e-mail address as axes counts it."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = (credentials or {}).get(field) or request.POST.get(field) or ""
    return value.strip().casefold() or None


def lock_login(username, ip_address):
    """Serialise log-in checks for one account and for one address. On PostgreSQL:
    transaction-level advisory locks, taken in a fixed order so two attempts never wait
    for each other. On SQLite every writing transaction starts with ``BEGIN IMMEDIATE``
    (settings: ``transaction_mode``), which already holds the database's write lock."""
    connection = transaction.get_connection(router.db_for_write(AccessAttempt))
    if not connection.in_atomic_block:
        raise RuntimeError("lock_login() must run inside transaction.atomic().")
    if connection.vendor != "postgresql":
        return
    keys = sorted(
        int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        for name in {f"login:user:{username}", f"login:address:{ip_address}"}
    )
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


class LoginAttemptHandler(AxesDatabaseHandler):
    """Axes' database handler; an attempt counts as a failure from before its password is
    checked until it succeeds (see the module docstring)."""

    def is_allowed(self, request, credentials=None):
        allowed = super().is_allowed(request, credentials)
        if not allowed or credentials is None or self.is_whitelisted(request, credentials):
            return allowed
        username = get_client_username(request, credentials)
        with transaction.atomic(using=router.db_for_write(AccessAttempt)):
            lock_login(username, request.axes_ip_address)
            if self.is_locked(request, credentials):
                return False
            # An attempt older than the cool-off must not be counted on.
            self.clean_expired_user_attempts(request, credentials)
            attempt, _ = AccessAttempt.objects.get_or_create(
                username=username,
                ip_address=request.axes_ip_address,
                user_agent=request.axes_user_agent,
                defaults={
                    "get_data": "",
                    "post_data": "",
                    "http_accept": request.axes_http_accept,
                    "path_info": request.axes_path_info,
                    "failures_since_start": 0,
                    "attempt_time": request.axes_attempt_time,
                },
            )
            AccessAttempt.objects.filter(pk=attempt.pk).update(
                failures_since_start=F("failures_since_start") + 1,
                attempt_time=request.axes_attempt_time,
            )
        request.teilhabe_counted_attempt = attempt.pk
        return True

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is None:
            return super().user_login_failed(sender, credentials, request, **kwargs)
        username = get_client_username(request, credentials)
        with transaction.atomic(using=router.db_for_write(AccessAttempt)):
            lock_login(username, request.axes_ip_address)
            # Axes counts the failure itself (and decides on the lock-out): give the
            # place taken in is_allowed back first, under the same lock.
            self._give_back(request)
            super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        self._give_back(request)
        super().user_logged_in(sender, request, user, **kwargs)

    def _give_back(self, request):
        pk = getattr(request, "teilhabe_counted_attempt", None)
        if pk is not None:
            request.teilhabe_counted_attempt = None
            AccessAttempt.objects.filter(pk=pk, failures_since_start__gt=0).update(
                failures_since_start=F("failures_since_start") - 1
            )


def cool_off_minutes(request=None):
    return int(get_cool_off(request).total_seconds() // 60)


def locked_out_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the log-in page with the lock-out message."""
    from .forms import LoginForm

    context = {
        "form": LoginForm(request),
        "locked_out": True,
        "cool_off_minutes": cool_off_minutes(request),
        "next": request.POST.get("next", ""),
    }
    return render(request, TEMPLATE, context, status=429)


def account_lockout(request, username):
    """The account's own lock-out (failures from any address), or None: the id of its
    first attempt within the cool-off, which names this lock-out."""
    attempts = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=get_cool_off_threshold(request)
    ).aggregate(failures=Sum("failures_since_start"), first=Min("pk"))
    if (attempts["failures"] or 0) < settings.AXES_FAILURE_LIMIT:
        return None
    return attempts["first"]


@receiver(user_locked_out, dispatch_uid="teilhabe.accounts.lockout.mail_account_holder")
def mail_account_holder(sender, request, username, ip_address, **kwargs):
    """One mail per lock-out of an account. The lock-out is sent for every refused
    attempt, and several at once: the mail is claimed with an atomic ``cache.add`` in the
    shared cache, keyed by the lock-out."""
    lockout = account_lockout(request, username) if username else None
    if lockout is None:
        return
    user = User.objects.filter(email__iexact=username, is_active=True).first()
    if user is None:
        return
    with transaction.atomic():
        claim = f"accounts:lockout-mail:{lockout}"
        if not cache.add(claim, user.pk, get_cool_off(request).total_seconds()):
            return
        queue_mail(
            to=user.email,
            subject=_("Your account is locked for a while"),
            template="accounts/mail/login_locked",
            purpose="login_locked",
            context={
                "user": user,
                "minutes": cool_off_minutes(request),
                "reset_url": request.build_absolute_uri(reverse("accounts:password_reset")),
            },
        )
