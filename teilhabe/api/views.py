"""The person's API tokens in their workspace: the list (made, last used, valid until,
revoked), a form to make one (the token is shown once, on the answer to that form,
and never again), and revoking one after a confirmation."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from teilhabe.tenants.models import Municipality

from . import services
from .forms import TokenForm
from .models import ApiToken


def token_municipalities(user):
    """The active municipalities whose staff area ``user`` may use: a token is for one."""
    candidates = Municipality.objects.active().filter(roles__user=user).distinct()
    if user.is_superuser:
        candidates = Municipality.objects.active()
    return [m for m in candidates.order_by("name") if user.has_perm("tenants.view_staff_area", m)]


class TokenListView(LoginRequiredMixin, TemplateView):
    template_name = "api/tokens.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.municipalities = (
            token_municipalities(request.user) if request.user.is_authenticated else []
        )

    def form(self, data=None):
        return TokenForm(data, municipalities=self.municipalities)

    def get_context_data(self, **kwargs):
        tokens = ApiToken.objects.filter(user=self.request.user).select_related("municipality")
        return {
            **super().get_context_data(**kwargs),
            "tokens": tokens,
            "form": kwargs.get("form") or self.form(),
            "municipalities": self.municipalities,
        }

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not self.municipalities or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            token, clear = services.create_token(
                user=request.user,
                municipality=data["municipality"],
                name=data["name"],
                expires_on=data["expires_on"],
            )
        except services.TokenError as error:
            form.add_error(error.field, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        response = self.render_to_response(
            self.get_context_data(new_token=token, clear_token=clear, form=self.form())
        )
        # The token in clear is in this answer only: nobody keeps a copy.
        response["Cache-Control"] = "private, no-store"
        return response


class TokenRevokeView(LoginRequiredMixin, TemplateView):
    """Revoking asks first: whatever uses the token stops working at once."""

    template_name = "api/token_revoke.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.token = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            # Only one's own tokens: another person's is not found.
            self.token = get_object_or_404(
                ApiToken.objects.filter(user=request.user, revoked_at__isnull=True).select_related(
                    "municipality"
                ),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "token": self.token}

    def post(self, request, *args, **kwargs):
        try:
            services.revoke_token(self.token)
        except services.TokenError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The token has been revoked."))
        return redirect("api_tokens:list")
