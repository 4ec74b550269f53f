from django.contrib import admin

from teilhabe.tenants.admin_site import ScopedAdmin, ScopedInline

from .models import (
    ConceptCycle,
    CyclePhase,
    FieldOfAction,
    FundingAmount,
    FundingLine,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    OpenItem,
    StatusReport,
)


class CyclePhaseInline(ScopedInline):
    model = CyclePhase


@admin.register(ConceptCycle)
class ConceptCycleAdmin(ScopedAdmin):
    list_display = ["title", "starts_on", "ends_on", "phase", "is_published", "municipality"]
    list_filter = ["phase", "municipality"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CyclePhaseInline]


@admin.register(FieldOfAction)
class FieldOfActionAdmin(ScopedAdmin):
    list_display = ["number", "title", "cycle", "is_draft"]
    list_filter = ["cycle"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Goal)
class GoalAdmin(ScopedAdmin):
    list_display = ["code", "title", "field", "is_draft"]
    list_filter = ["field__cycle"]
    search_fields = ["code", "title"]


class StatusReportInline(ScopedInline):
    """Read only: history is never edited; corrections are new reports."""

    model = StatusReport
    fields = ["reported_on", "status", "progress", "text", "author_department"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Measure)
class MeasureAdmin(ScopedAdmin):
    list_display = ["code", "title", "cycle", "priority", "is_draft"]
    list_filter = ["cycle", "priority", "lead_departments"]
    search_fields = ["code", "title"]
    filter_horizontal = [
        "lead_departments",
        "partner_departments",
        "partner_organisations",
        "target_groups",
    ]
    raw_id_fields = ["predecessor"]
    inlines = [StatusReportInline]


class IndicatorValueInline(ScopedInline):
    model = IndicatorValue
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdmin):
    list_display = ["title", "unit", "cycle"]
    inlines = [IndicatorValueInline]


class FundingAmountInline(ScopedInline):
    model = FundingAmount
    extra = 1


@admin.register(FundingLine)
class FundingLineAdmin(ScopedAdmin):
    list_display = ["title", "department", "cycle"]
    inlines = [FundingAmountInline]


@admin.register(OpenItem)
class OpenItemAdmin(ScopedAdmin):
    list_display = ["__str__", "cycle", "taken_up_by"]
    raw_id_fields = ["taken_up_by"]
