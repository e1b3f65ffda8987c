from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:plan_id>/<int:year>/", views.detail, name="detail"),
    path("<int:plan_id>/<int:year>/edit/", views.edit, name="edit"),
    path("<int:plan_id>/<int:year>/report.docx", views.download_docx, name="docx"),
    path("<int:plan_id>/<int:year>/annex.xlsx", views.download_xlsx, name="xlsx"),
]
