from django.urls import path

from . import views

app_name = "delegations"

urlpatterns = [
    path("", views.delegation_list, name="list"),
    path("new/", views.delegation_create, name="create"),
    path("<int:pk>/", views.delegation_detail, name="detail"),
    path("<int:pk>/approve/", views.delegation_approve, name="approve"),
    path("<int:pk>/done/", views.delegation_complete, name="complete"),
    path("<int:pk>/activity/", views.delegation_activity, name="activity"),
]
