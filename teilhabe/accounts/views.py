from django.contrib.auth import views as auth_views
from django.db import transaction
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from teilhabe.web.ratelimit import RateLimitMixin

from .forms import LoginForm, PasswordResetForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@method_decorator(transaction.atomic, name="post")
class PasswordResetView(RateLimitMixin, auth_views.PasswordResetView):
    """Requests per client address are rate-limited (429 page); mails per e-mail address
    are limited in ``PasswordResetForm.save`` (no mail, same answer)."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")
