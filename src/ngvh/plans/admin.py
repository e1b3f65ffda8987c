from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ngvh.core.admin import ReadOnlyAdminMixin

from .models import ImportReview, Plan, Task, TaskAssignment, TaskGroup


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("number", "province", "issued_on", "version", "is_published")
    list_filter = ("province", "is_published")


@admin.register(TaskGroup)
class TaskGroupAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("plan", "code", "title")


class AssignmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = TaskAssignment
    extra = 0
    raw_id_fields = ("agency", "origin")


@admin.register(Task)
class TaskAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("plan", "code", "title", "timeframe_kind")
    list_filter = ("plan", "timeframe_kind")
    search_fields = ("code", "title")
    inlines = [AssignmentInline]


@admin.register(ImportReview)
class ImportReviewAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("source_name", "status", "created_by", "created_at", "target_plan", "plan")
    list_filter = ("status",)
    exclude = ("source_bytes",)
    readonly_fields = ("source_sha256", "created_by", "plan", "target_plan")
