from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.tenants.admin_site import ScopedAdmin, administered_municipalities

from .models import Role, User


class RoleForm(forms.ModelForm):
    class Meta:
        model = Role
        fields = ["user", "municipality", "kind", "departments", "organisations"]

    def clean(self):
        data = super().clean()
        municipality = data.get("municipality")
        for name in ("departments", "organisations"):
            for item in data.get(name) or []:
                if municipality and item.municipality_id != municipality.pk:
                    raise ValidationError(
                        _("%(item)s belongs to another municipality.") % {"item": item}
                    )
        return data


@admin.register(Role)
class RoleAdmin(ScopedAdmin):
    form = RoleForm
    list_display = ["user", "kind", "municipality"]
    list_filter = ["kind", "municipality"]
    filter_horizontal = ["departments", "organisations"]
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """The operator manages all users; an office administrator sees the users who hold
    a role in their municipality and may add new ones (then gives them a role)."""

    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_demo"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_demo"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        (_("Status"), {"fields": ["is_active", "is_demo"]}),
    ]
    operator_fieldsets = [
        (_("Operator"), {"fields": ["is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        if request.user.is_superuser:
            return self.fieldsets + self.operator_fieldsets
        return self.fieldsets

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            roles__municipality__in=administered_municipalities(request.user)
        ).distinct()

    def _allowed(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if not administered_municipalities(request.user).exists():
            return False
        if obj is None:
            return True
        return not obj.is_superuser and self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
