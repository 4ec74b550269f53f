from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from . import selectors


class WorkspaceView(LoginRequiredMixin, TemplateView):
    """A logged-in person's start ("Mein Bereich"): one section per role."""

    template_name = "workspace/home.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "sections": selectors.workspace(self.request.user),
        }
