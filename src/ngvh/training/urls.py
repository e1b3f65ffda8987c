from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.course_list, name="list"),
    path("new/", views.course_create, name="create"),
    path("<int:pk>/", views.course_detail, name="detail"),
    path("<int:pk>/trainees/", views.course_trainee_add, name="trainee_add"),
    path("<int:pk>/activity/", views.course_activity, name="activity"),
]
