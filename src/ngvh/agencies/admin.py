from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ngvh.core.admin import ReadOnlyAdminMixin

from .models import Agency, AgencyAlias, Province


class AliasInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AgencyAlias
    extra = 0
    fields = ("alias",)


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code")


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "short_name", "kind", "province", "active_from", "active_until")
    list_filter = ("kind", "province")
    search_fields = ("name", "short_name")
    inlines = [AliasInline]
