from django.urls import path

from . import views

app_name = "budget"

urlpatterns = [
    path("", views.estimate_list, name="list"),
    path("estimates/", views.estimate_save, name="save"),
    path("estimates/<int:pk>/submit/", views.estimate_submit, name="submit"),
    path("estimates/<int:pk>/approve/", views.estimate_approve, name="approve"),
    path("estimates/<int:pk>/return/", views.estimate_return, name="return"),
    path("import/", views.estimate_import, name="import"),
    path("export.xlsx", views.estimate_export, name="export"),
]
