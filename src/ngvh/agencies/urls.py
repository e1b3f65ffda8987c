from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("", views.agency_list, name="list"),
    path("new/", views.agency_create, name="create"),
    path("<int:pk>/", views.agency_detail, name="detail"),
    path("<int:pk>/edit/", views.agency_edit, name="edit"),
    path("<int:pk>/history/", views.agency_history, name="history"),
    path("restructurings/", views.restructuring_list, name="restructuring_list"),
    path("restructurings/new/", views.restructuring_create, name="restructuring_create"),
    path("restructurings/<int:pk>/", views.restructuring_detail, name="restructuring_detail"),
    path("restructurings/<int:pk>/undo/", views.restructuring_undo, name="restructuring_undo"),
]
