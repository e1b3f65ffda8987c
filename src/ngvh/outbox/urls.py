from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("", views.outbox_failures, name="failures"),
    path("<int:pk>/retry/", views.outbox_retry, name="retry"),
]
