"""How a request finds its municipality, and how any query is limited to the
municipalities a user may see.

Every model states how it belongs to a municipality: a ``municipality`` field
(``MunicipalityOwned``), a ``municipality_path`` lookup through its parent (e.g. a
programme item through its event), or ``is_shared_vocabulary = True`` for the few
tables every municipality shares (languages, fields of activity, target groups).
``scope_to_municipalities`` reads that statement; a model that makes none is refused
rather than shown unscoped.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import get_object_or_404

from teilhabe.languages import content

from .models import Municipality


def active_municipality(slug):
    """The active municipality with this slug, or 404: the one look-up of pages and API.
    It becomes the request's municipality for translated content (its fallback chain,
    see teilhabe.languages.content). A public page's municipality was looked up before
    its view (teilhabe.web.caching.find_municipality) and is taken from there."""
    current = content.current_municipality()
    if current is not None and current.slug == slug and current.is_active:
        return current
    municipality = get_object_or_404(Municipality.objects.active(), slug=slug)
    content.set_municipality(municipality)
    return municipality


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


def municipality_lookup(model):
    """The ORM path from ``model`` to its Municipality ("municipality",
    "event__municipality", ...), or None for a shared vocabulary."""
    if model is Municipality:
        return "id"
    if getattr(model, "is_shared_vocabulary", False):
        return None
    if any(field.name == "municipality" for field in model._meta.fields):
        return "municipality"
    path = getattr(model, "municipality_path", None)
    if path is None:
        raise ImproperlyConfigured(
            f"{model.__name__} states no municipality: give it a municipality field, "
            "a municipality_path or is_shared_vocabulary = True."
        )
    return path


def scope_to_municipalities(queryset, municipality_ids):
    """``queryset`` limited to rows of the municipalities ``municipality_ids``.

    Users belong to the municipalities in which they hold a role; the operator
    (superuser) belongs to none of them."""
    model = queryset.model
    if model is get_user_model():
        return queryset.filter(
            roles__municipality_id__in=municipality_ids, is_superuser=False
        ).distinct()
    path = municipality_lookup(model)
    if path is None:
        return queryset
    if path == "id":
        return queryset.filter(id__in=municipality_ids)
    return queryset.filter(**{f"{path}__in": municipality_ids})


def municipality_id_of(obj, lookup=None):
    """The id of the municipality ``obj`` belongs to (following ``lookup``)."""
    lookup = lookup or municipality_lookup(type(obj))
    if lookup == "id":
        return obj.pk
    *parents, last = lookup.split("__")
    for part in parents:
        obj = getattr(obj, part)
    return getattr(obj, f"{last}_id")
