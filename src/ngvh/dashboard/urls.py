from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:plan_id>/", views.plan_dashboard, name="plan"),
    path("national/", views.national, name="national"),
    path("public/<int:plan_id>/", views.public, name="public"),
]
