from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from teilhabe.mail.services import queue_mail
from teilhabe.web.ratelimit import is_limited


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _("E-mail address and password do not match an active account."),
        "inactive": _("This account is inactive."),
    }


def reset_mail_rate():
    per_hour = settings.TEILHABE_PASSWORD_RESET_MAILS_PER_HOUR
    return f"{per_hour}/h" if per_hour else None


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Puts the reset mail in the outbox (teilhabe.mail) instead of sending it directly,
    at most TEILHABE_PASSWORD_RESET_MAILS_PER_HOUR per e-mail address. Past that limit,
    and for unknown addresses, nothing is sent and the page says the same."""

    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def save(self, request=None, **kwargs):
        email = self.cleaned_data["email"]
        address = email.strip().casefold()
        if request is not None and is_limited(
            request, "password-reset-mail", rate=reset_mail_rate(), key=lambda *_: address
        ):
            return
        for user in self.get_users(email):
            queue_mail(
                to=user.email,
                subject=_("Reset your password"),
                template="accounts/mail/password_reset",
                purpose="password_reset",
                context={
                    "user": user,
                    "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                    "base_url": request.build_absolute_uri("/").rstrip("/") if request else "",
                },
            )
