"""Consultations in the admin. Texts, periods and sections are edited here as on the
staff pages; what a service guards is read only: comments (moderation), files (type
and size checks on upload), demands (numbering, merging) and answers (approval)."""

from django.contrib import admin

from teilhabe.tenants.admin_site import ScopedAdmin, ScopedInline

from .models import (
    Answer,
    Comment,
    Consultation,
    Demand,
    DemandTag,
    Draft,
    DraftFile,
    Section,
    Statement,
)


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consultation)
class ConsultationAdmin(ScopedAdmin):
    list_display = ["title", "cycle", "starts_on", "ends_on", "is_published", "municipality"]
    list_filter = ["is_published", "access", "moderation", "municipality"]
    filter_horizontal = ["invited_organisations", "events"]


class SectionInline(ScopedInline):
    model = Section
    fields = ["position", "key", "number", "level", "heading", "text"]


class DraftFileInline(ReadOnlyMixin, ScopedInline):
    model = DraftFile
    fields = ["language", "original_name", "content_type", "size"]
    readonly_fields = fields


@admin.register(Draft)
class DraftAdmin(ScopedAdmin):
    list_display = ["__str__", "consultation", "is_published", "published_on"]
    list_filter = ["is_published", "municipality"]
    inlines = [SectionInline, DraftFileInline]


@admin.register(Comment)
class CommentAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = ["__str__", "section", "status", "created_at"]
    list_filter = ["status", "municipality"]
    exclude = ["email"]


@admin.register(Statement)
class StatementAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = ["title", "kind", "submitted_on", "status", "municipality"]
    list_filter = ["kind", "status", "municipality"]


@admin.register(DemandTag)
class DemandTagAdmin(ScopedAdmin):
    list_display = ["name", "slug", "municipality"]


@admin.register(Demand)
class DemandAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = ["number", "__str__", "cycle", "source", "merged_into"]
    list_filter = ["source", "municipality"]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = ["demand", "outcome", "state", "answered_on"]
    list_filter = ["outcome", "state", "municipality"]
