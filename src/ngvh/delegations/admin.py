from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Delegation, DelegationEvent


class EventInline(admin.TabularInline):
    model = DelegationEvent
    extra = 0
    fields = ("kind", "actor", "at", "from_status", "to_status", "note")
    readonly_fields = fields
    can_delete = False


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "status", "start_date", "lead_agency", "is_demo")
    list_filter = ("kind", "status", "is_demo")
    search_fields = ("title",)
    readonly_fields = ("status", "activity")
    inlines = [EventInline]
