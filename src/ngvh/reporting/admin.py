"""Read-mostly admin for the system administrator; workflow changes go through the pages."""

from django.contrib import admin

from ngvh.core.admin import ReadOnlyAdminMixin

from .models import AmendmentProposal, AnnualReport, ReminderLog, ReportEvent, ReportingYear


@admin.register(ReportingYear)
class ReportingYearAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("plan", "year", "deadline", "cutoff_start", "cutoff_end", "expected_count", "expected_frozen_at")
    list_filter = ("plan",)


class ReportEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReportEvent
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "actor", "at", "from_status", "to_status", "reason", "data")


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("agency", "reporting_year", "status", "first_submitted_at", "accepted_at", "is_expected", "is_demo")
    list_filter = ("status", "reporting_year__year", "is_demo")
    search_fields = ("agency__name",)
    readonly_fields = ("status", "version", "submitted_at", "first_submitted_at", "accepted_at", "return_reason")
    inlines = [ReportEventInline]


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("reporting_year", "key", "target", "sent_on", "sent_at")
    list_filter = ("kind", "sent_on")


@admin.register(AmendmentProposal)
class AmendmentProposalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("plan", "agency", "action", "task", "status", "plan_version", "decided_at")
    list_filter = ("status", "action")
