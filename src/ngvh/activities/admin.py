from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ngvh.core.admin import ReadOnlyAdminMixin

from .models import Activity, Attachment, CalendarToken, ForeignPartner


@admin.register(ForeignPartner)
class ForeignPartnerAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "country", "kind")
    search_fields = ("name",)
    list_filter = ("kind", "country")


class AttachmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("original_name", "content_type", "size", "is_public", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    can_delete = False


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-mostly: records are written through the pages, which run the services."""

    list_display = ("title", "agency", "kind", "status", "start_date", "is_demo")
    list_filter = ("status", "kind", "year", "is_demo")
    search_fields = ("title",)
    raw_id_fields = ("plan", "agency", "tasks", "partner_agencies", "foreign_partners", "created_by")
    inlines = [AttachmentInline]


@admin.register(CalendarToken)
class CalendarTokenAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("user", "plan", "agency", "created_at")
    exclude = ("token",)
    readonly_fields = ("user", "plan", "agency", "created_at")
