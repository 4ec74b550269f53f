"""The admin, scoped by municipality.

Only the operator (superuser) and integration-office administrators may enter. An
office administrator sees and changes only rows of the municipalities in which they
hold that role. Every foreign-key and many-to-many choice, every list filter and every
autocomplete is limited the same way, through ``scoping.scope_to_municipalities``:
a value of another municipality is neither offered nor accepted.
"""

from django.contrib import admin
from django.contrib.admin.filters import RelatedFieldListFilter
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext_lazy as _

from .models import Municipality
from .scoping import municipality_id_of, municipality_lookup, scope_to_municipalities


def administered_municipalities(user):
    from teilhabe.accounts.models import Role

    if not user.is_active or not user.is_authenticated:
        return Municipality.objects.none()
    if user.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(
        roles__user=user, roles__kind=Role.Kind.OFFICE_ADMIN
    ).distinct()


def administered_ids(request):
    """Ids of the municipalities the request's user administers, once per request."""
    if not hasattr(request, "_administered_municipalities"):
        request._administered_municipalities = list(
            administered_municipalities(request.user).values_list("id", flat=True)
        )
    return request._administered_municipalities


class TeilhabeAdminSite(admin.AdminSite):
    site_header = _("Teilhabe administration")
    site_title = _("Teilhabe administration")
    index_title = _("Manage data")

    def has_permission(self, request):
        user = request.user
        return user.is_active and bool(administered_ids(request))


class ScopedRelatedFieldListFilter(RelatedFieldListFilter):
    """A list filter on a relation that offers only the administered municipalities'
    objects (Django's own offers every row of the related table)."""

    def field_choices(self, field, request, model_admin):
        queryset = field.related_model._default_manager.all()
        if not request.user.is_superuser:
            queryset = scope_to_municipalities(queryset, administered_ids(request))
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in queryset]


class ScopedChoicesMixin:
    """Limits the choices of every relation field of a form to the administered
    municipalities; the operator sees everything."""

    def municipalities(self, request):
        return administered_ids(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._limit(field, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._limit(field, request)

    def _limit(self, field, request):
        if field is None or request.user.is_superuser:
            return field
        field.queryset = scope_to_municipalities(field.queryset, self.municipalities(request))
        return field


class ScopedAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    """Base for the admin of every model that belongs to a municipality."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return scope_to_municipalities(queryset, self.municipalities(request))

    def get_list_filter(self, request):
        return [self._scoped_filter(entry) for entry in super().get_list_filter(request)]

    def _scoped_filter(self, entry):
        if not isinstance(entry, str):
            return entry
        model = self.model
        for name in entry.split(LOOKUP_SEP):
            field = model._meta.get_field(name)
            if not field.is_relation:
                return entry
            model = field.related_model
        return (entry, ScopedRelatedFieldListFilter)

    def _allowed(self, request, obj):
        if request.user.is_superuser:
            return True
        allowed = self.municipalities(request)
        if obj is None:
            return bool(allowed)
        return municipality_id_of(obj, municipality_lookup(self.model)) in allowed

    def has_module_permission(self, request):
        return self._allowed(request, None)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_add_permission(self, request):
        return self._allowed(request, None)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj)


class ScopedInline(ScopedChoicesMixin, admin.TabularInline):
    """Inlines live inside a scoped parent: allowed where the parent is, with choices
    limited like the parent's."""

    extra = 0

    def _parent_allowed(self, request, obj):
        if request.user.is_superuser:
            return True
        allowed = self.municipalities(request)
        if obj is None:
            return bool(allowed)
        return municipality_id_of(obj) in allowed

    def has_view_permission(self, request, obj=None):
        return self._parent_allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._parent_allowed(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._parent_allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._parent_allowed(request, obj)
