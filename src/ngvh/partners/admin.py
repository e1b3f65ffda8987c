from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnniversaryDraft, Relationship, RelationshipDocument


class DocumentInline(admin.TabularInline):
    model = RelationshipDocument
    extra = 0
    fields = ("title", "number", "signed_on", "signatories")


@admin.register(Relationship)
class RelationshipAdmin(SimpleHistoryAdmin):
    list_display = ("partner", "kind", "established_on", "lead_agency", "is_demo")
    list_filter = ("kind", "is_demo")
    search_fields = ("partner__name",)
    inlines = [DocumentInline]


@admin.register(AnniversaryDraft)
class AnniversaryDraftAdmin(SimpleHistoryAdmin):
    list_display = ("year", "relationship", "country", "activity", "created_by")
    readonly_fields = ("plan", "year", "relationship", "country", "activity", "created_by")
