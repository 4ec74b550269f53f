"""Users and roles in the admin.

An office administrator manages the people of their own municipality only: they give
roles to users who already hold a role there, add new users together with their first
role, and change (password, e-mail, active) only users whose every role lies in that
one municipality. A user with roles in several municipalities is changed by the
operator or by themselves; no office can take over another municipality's account.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from teilhabe.tenants.admin_site import ScopedAdmin, administered_ids
from teilhabe.tenants.models import Municipality
from teilhabe.tenants.scoping import scope_to_municipalities

from . import services
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

    # Roles are changed and removed on the workspace's People page
    # (``services.change_roles``), which keeps every municipality an active office
    # administrator; here they are read only. The operator adds them (e.g. the first
    # office administrator of a new municipality, also with a new user).
    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class UserCreationWithRoleForm(UserCreationForm):
    """A new account and, for an office administrator, its first role in their
    municipality (an account without a role would belong to no municipality)."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all(), required=False
    )
    kind = forms.ChoiceField(label=_("Role"), choices=Role.Kind.choices, required=False)

    def clean(self):
        data = super().clean()
        if self.role_required and not (data.get("municipality") and data.get("kind")):
            raise ValidationError(_("Choose the municipality and the role of the new user."))
        if bool(data.get("municipality")) != bool(data.get("kind")):
            raise ValidationError(_("Choose both a municipality and a role, or neither."))
        return data


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """The operator manages all users; an office administrator sees the users who hold
    a role in their municipality (see the module docstring for what they may change)."""

    add_form = UserCreationWithRoleForm
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
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "password1", "password2", "municipality", "kind"],
            },
        )
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        if request.user.is_superuser:
            return self.fieldsets + self.operator_fieldsets
        return self.fieldsets

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            form.role_required = not request.user.is_superuser
            if not request.user.is_superuser:
                field = form.base_fields["municipality"]
                field.queryset = Municipality.objects.filter(id__in=administered_ids(request))
        return form

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return scope_to_municipalities(queryset, administered_ids(request))

    def changeform_view(self, request, *args, **kwargs):
        # The admin's transaction is rolled back; the refusal is shown on the form again.
        try:
            return super().changeform_view(request, *args, **kwargs)
        except services.PeopleError as error:
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if change:
            services.save_account(obj)
            return
        super().save_model(request, obj, form, change)
        if not change and form.cleaned_data.get("municipality"):
            services.grant_role(
                obj, municipality=form.cleaned_data["municipality"], kind=form.cleaned_data["kind"]
            )

    def has_module_permission(self, request):
        return request.user.is_superuser or bool(administered_ids(request))

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return self.has_module_permission(request)
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return self.has_module_permission(request)
        if obj.pk == request.user.pk:
            return True
        return services.may_change_account(obj, administered_ids(request))

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
