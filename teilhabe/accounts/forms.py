from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from teilhabe.mail.services import queue_mail


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _("E-mail address and password do not match an active account."),
        "inactive": _("This account is inactive."),
    }


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Puts the reset mail in the outbox (teilhabe.mail) instead of sending it directly."""

    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def save(self, request=None, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
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
