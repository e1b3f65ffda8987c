from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.relationship_list, name="list"),
    path("new/", views.relationship_create, name="create"),
    path("import/", views.import_upload, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("export.xlsx", views.export, name="export"),
    path("<int:pk>/", views.partner_detail, name="partner"),
    path("relationships/<int:pk>/edit/", views.relationship_edit, name="edit"),
    path("relationships/<int:pk>/documents/", views.document_add, name="document_add"),
    path("relationships/<int:pk>/history/", views.relationship_history, name="history"),
    path("anniversaries/", views.anniversaries, name="anniversaries"),
    path("anniversaries/draft/", views.anniversary_draft, name="anniversary_draft"),
]
