from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Gift, GiftPresentation


@admin.register(Gift)
class GiftAdmin(SimpleHistoryAdmin):
    list_display = ("name", "maker", "price_band", "is_active")
    search_fields = ("name", "maker")


@admin.register(GiftPresentation)
class GiftPresentationAdmin(SimpleHistoryAdmin):
    list_display = ("gift", "partner", "delegation", "given_on")
    readonly_fields = ("gift", "partner", "delegation", "given_on", "given_by")
