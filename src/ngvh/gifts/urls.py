from django.urls import path

from . import views

app_name = "gifts"

urlpatterns = [
    path("", views.gift_list, name="list"),
    path("new/", views.gift_create, name="create"),
    path("<int:pk>/", views.gift_detail, name="detail"),
    path("<int:pk>/photo", views.gift_photo, name="photo"),
    path("<int:pk>/photo/change/", views.gift_photo_upload, name="photo_upload"),
]
