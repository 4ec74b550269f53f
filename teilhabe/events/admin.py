"""Events in the admin, scoped by municipality. Registrations are personal data kept
by the registration workflow: the office may look at them here, never change them
(the participant list does that through the services). An event's seats and status
change through the same services as on the event's management page, so that the
waiting list moves up and nobody is left below the seats already taken."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect

from teilhabe.tenants.admin_site import ScopedAdmin, ScopedInline

from . import services
from .models import AudienceGroup, Event, EventSeries, ProgrammeItem, Registration, Station, Venue

GUARDED = ("capacity", "status")


class EventAdminForm(forms.ModelForm):
    """Checks seats and status against the services' rules for an early message; the
    services check again under the event lock when the change is saved."""

    def clean(self):
        data = super().clean()
        event = self.instance
        if event.pk is None:
            if data.get("status") == Event.Status.CANCELLED:
                self.add_error("status", services.CANCEL_ELSEWHERE)
            return data
        checks = {
            "capacity": services.check_capacity,
            "status": services.check_status_change,
        }
        for name, check in checks.items():
            if name in self.changed_data and name in data:
                try:
                    check(Event.objects.get(pk=event.pk), data[name])
                except services.RegistrationError as error:
                    self.add_error(name, error.message)
        return data


class ProgrammeItemInline(ScopedInline):
    model = ProgrammeItem
    fields = ["starts_at", "ends_at", "kind", "title", "description"]


@admin.register(Event)
class EventAdmin(ScopedAdmin):
    form = EventAdminForm
    list_display = ["title", "starts_at", "format", "access", "status", "capacity", "municipality"]
    list_filter = ["status", "access", "format", "kind", "municipality"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["fields_of_action", "languages", "audience_groups"]
    date_hierarchy = "starts_at"
    inlines = [ProgrammeItemInline]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        wanted = {name: getattr(obj, name) for name in GUARDED}
        obj.save(
            update_fields=[
                f.name
                for f in Event._meta.concrete_fields
                if not f.primary_key and f.name not in GUARDED
            ]
        )
        if "capacity" in form.changed_data:
            services.change_capacity(obj, wanted["capacity"])
        if "status" in form.changed_data:
            services.change_status(obj, wanted["status"])
        obj.refresh_from_db(fields=list(GUARDED))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A change the services refuse under the lock (someone took the last seats
        # between the form's check and the save) rolls everything back with a message.
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except services.RegistrationError as error:
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


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
    list_display = ["title", "item", "host"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item__event")


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
