"""The office's page for its municipality's public profile (name, office, introduction
in the content languages)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from teilhabe.web.services import save_reference

from .forms import MunicipalityProfileForm
from .scoping import MunicipalityMixin


class MunicipalityProfileView(LoginRequiredMixin, MunicipalityMixin, TemplateView):
    template_name = "tenants/profile.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm("tenants.manage_municipality", self.municipality):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return MunicipalityProfileForm(
            data, instance=self.municipality, municipality=self.municipality
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form()
        if not form.is_valid() or save_reference(form) is None:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Saved."))
        return redirect("tenants:profile", municipality=self.municipality.slug)
