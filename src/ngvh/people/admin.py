"""Admin for people shows no personal field: reads of personal data go through the logged pages."""

from django.contrib import admin

from .models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("id", "category", "owner_agency", "consent_date", "erased_at")
    list_filter = ("category",)
    fields = ("category", "owner_agency", "consent_date", "consent_method", "erased_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
