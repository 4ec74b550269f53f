from django.contrib import admin

from .models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Operator only: the outbox holds personal data of every municipality."""

    list_display = ["created_at", "purpose", "to", "status", "attempts"]
    list_filter = ["status", "purpose"]
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
