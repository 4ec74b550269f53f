"""The admin, scoped by municipality.

Only the operator (superuser) and integration-office administrators may enter. An
office administrator sees and changes only rows of the municipalities in which they
hold that role; foreign-key and many-to-many choices are limited the same way.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Municipality


def administered_municipalities(user):
    from teilhabe.accounts.models import Role

    if not user.is_active or not user.is_authenticated:
        return Municipality.objects.none()
    if user.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(
        roles__user=user, roles__kind=Role.Kind.OFFICE_ADMIN
    ).distinct()


class TeilhabeAdminSite(admin.AdminSite):
    site_header = _("Teilhabe administration")
    site_title = _("Teilhabe administration")
    index_title = _("Manage data")

    def has_permission(self, request):
        user = request.user
        return user.is_active and administered_municipalities(user).exists()


class ScopedAdmin(admin.ModelAdmin):
    """Base for the admin of every municipality-owned model."""

    municipality_lookup = "municipality"

    def municipalities(self, request):
        if not hasattr(request, "_administered_municipalities"):
            request._administered_municipalities = list(
                administered_municipalities(request.user).values_list("id", flat=True)
            )
        return request._administered_municipalities

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.municipality_lookup}__in": self.municipalities(request)})

    def _allowed(self, request, obj):
        if request.user.is_superuser:
            return True
        allowed = self.municipalities(request)
        if obj is None:
            return bool(allowed)
        return municipality_id_of(obj, self.municipality_lookup) in allowed

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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._limit(field, db_field, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._limit(field, db_field, request)

    def _limit(self, field, db_field, request):
        if field is None or request.user.is_superuser:
            return field
        model = db_field.related_model
        allowed = self.municipalities(request)
        if model is Municipality:
            field.queryset = field.queryset.filter(id__in=allowed)
        elif any(f.name == "municipality" for f in model._meta.fields):
            field.queryset = field.queryset.filter(municipality_id__in=allowed)
        return field


class ScopedInline(admin.TabularInline):
    """Inlines live inside a scoped parent; their choices are limited like the parent's."""

    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return ScopedAdmin._limit(self, field, db_field, request)

    def municipalities(self, request):
        return ScopedAdmin.municipalities(self, request)


def municipality_id_of(obj, lookup="municipality"):
    for part in lookup.split("__")[:-1]:
        obj = getattr(obj, part)
    if isinstance(obj, Municipality):
        return obj.pk
    return getattr(obj, f"{lookup.split('__')[-1]}_id")
