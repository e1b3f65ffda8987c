from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ngvh.core.admin import ReadOnlyAdminMixin

from .models import User


@admin.register(User)
class UserAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ("username", "full_name", "agency", "role", "is_active", "is_demo")
    list_filter = ("role", "is_active", "is_demo", "agency")
    search_fields = ("username", "full_name", "email")
    fieldsets = BaseUserAdmin.fieldsets + ((_("NGVH"), {"fields": ("full_name", "agency", "role", "is_demo")}),)
