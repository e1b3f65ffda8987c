from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BudgetEstimate


@admin.register(BudgetEstimate)
class BudgetEstimateAdmin(SimpleHistoryAdmin):
    """Read-only: estimates are entered and decided through the pages, which run the services."""

    list_display = ("year", "agency", "task", "source", "amount", "status")
    list_filter = ("status", "source", "year")
    raw_id_fields = ("plan", "agency", "task", "created_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
