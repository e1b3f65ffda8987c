from django.contrib import admin

from ngvh.core.admin import ReadOnlyAdminMixin

from .models import OutboxMail


@admin.register(OutboxMail)
class OutboxMailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created", "subject", "status", "attempts", "sent_at")
    list_filter = ("status",)
    search_fields = ("subject",)
