from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("search/", views.task_search, name="search"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/tasks/<str:code>/", views.task_detail, name="task"),
]
