from django.contrib import admin

from teilhabe.tenants.admin_site import ScopedAdmin, ScopedInline

from .models import Department, Organisation, UmbrellaMembership


@admin.register(Department)
class DepartmentAdmin(ScopedAdmin):
    list_display = ["number", "name", "kind", "municipality", "is_sample"]
    list_filter = ["kind", "municipality"]
    search_fields = ["number", "name", "short_name"]


class UmbrellaMembershipInline(ScopedInline):
    model = UmbrellaMembership
    fk_name = "member"
    verbose_name_plural = UmbrellaMembership._meta.verbose_name_plural


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    list_display = ["name", "type", "district", "is_verified", "is_published", "municipality"]
    list_filter = ["type", "is_verified", "is_published", "activities", "municipality"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["activities", "languages"]
    inlines = [UmbrellaMembershipInline]
    readonly_fields = ["verified_at", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if obj.is_verified and not obj.verified_at:
            obj.mark_verified()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_search_text()
