"""How a request finds its municipality, and which municipalities a user may manage."""

from django.shortcuts import get_object_or_404

from .models import Municipality


def active_municipality(slug):
    """The active municipality with this slug, or 404: the one look-up of pages and API."""
    return get_object_or_404(Municipality.objects.active(), slug=slug)


def municipality_from_url(kwargs):
    """The active municipality named by the ``municipality`` URL argument, or 404."""
    return active_municipality(kwargs["municipality"])


class MunicipalityMixin:
    """For class-based views under ``/<municipality>/``: sets ``self.municipality``."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.municipality = municipality_from_url(kwargs)
        request.municipality = self.municipality

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["municipality"] = self.municipality
        return context


def managed_municipality_ids(user):
    """Ids of the municipalities in which ``user`` holds any role (all for superusers)."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(Municipality.objects.values_list("id", flat=True))
    return set(user.roles.values_list("municipality_id", flat=True))
