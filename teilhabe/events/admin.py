"""Events in the admin, scoped by municipality. Registrations are personal data kept
by the registration workflow: the office may look at them here, never change them
(the participant list does that through the services)."""

from django.contrib import admin

from teilhabe.tenants.admin_site import ScopedAdmin, ScopedInline

from .models import AudienceGroup, Event, EventSeries, ProgrammeItem, Registration, Station, Venue


class ProgrammeItemInline(ScopedInline):
    model = ProgrammeItem
    fields = ["starts_at", "ends_at", "kind", "title", "title_en", "title_simple", "description"]


@admin.register(Event)
class EventAdmin(ScopedAdmin):
    list_display = ["title", "starts_at", "format", "access", "status", "capacity", "municipality"]
    list_filter = ["status", "access", "format", "kind", "municipality"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["fields_of_action", "languages", "audience_groups"]
    date_hierarchy = "starts_at"
    inlines = [ProgrammeItemInline]


@admin.register(Venue)
class VenueAdmin(ScopedAdmin):
    list_display = ["name", "street", "city", "municipality"]
    search_fields = ["name", "street"]


@admin.register(EventSeries)
class EventSeriesAdmin(ScopedAdmin):
    list_display = ["title", "slug", "municipality"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(AudienceGroup)
class AudienceGroupAdmin(ScopedAdmin):
    list_display = ["name", "municipality"]


@admin.register(Station)
class StationAdmin(ScopedAdmin):
    municipality_lookup = "item__event__municipality"
    list_display = ["title", "item", "host"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item__event")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "item" and field and not request.user.is_superuser:
            field.queryset = field.queryset.filter(
                event__municipality_id__in=self.municipalities(request)
            ).select_related("event")
        return field


@admin.register(Registration)
class RegistrationAdmin(ScopedAdmin):
    """View only: seats change through the services (waiting list, mails)."""

    list_display = ["name", "event", "status", "created_at", "checked_in_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
