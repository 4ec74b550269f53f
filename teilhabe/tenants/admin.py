from django.contrib import admin

from .admin_site import ScopedAdmin
from .models import Municipality


@admin.register(Municipality)
class MunicipalityAdmin(ScopedAdmin):
    municipality_lookup = "id"
    list_display = ["name", "slug", "state", "is_active"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(id__in=self.municipalities(request))

    def _allowed(self, request, obj):
        if request.user.is_superuser:
            return True
        allowed = self.municipalities(request)
        return bool(allowed) if obj is None else obj.pk in allowed

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
