from django.contrib import admin

from .admin_site import ScopedAdmin
from .models import Municipality


@admin.register(Municipality)
class MunicipalityAdmin(ScopedAdmin):
    """The operator adds municipalities; an office administrator edits their own."""

    list_display = ["name", "slug", "state", "is_active"]
    prepopulated_fields = {"slug": ["name"]}

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
