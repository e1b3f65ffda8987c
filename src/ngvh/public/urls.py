from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/data/<str:dataset>.<str:fmt>", views.data_file, name="data_file"),
    path("activities/", views.activities, name="activities"),
    path("activities/<int:pk>/", views.activity, name="activity"),
    path("events/", views.events, name="events"),
    path("events.ics", views.events_ical, name="events_ical"),
    path("partners/", views.partners, name="partners"),
    path("news/", views.news, name="news"),
    path("news/<int:pk>/", views.article, name="article"),
    path("data/", views.data, name="data"),
    path("news-desk/", views.news_manage, name="news_manage"),
    path("news-desk/new/", views.news_edit, name="news_create"),
    path("news-desk/<int:pk>/", views.news_edit, name="news_edit"),
    path("news-desk/<int:pk>/translations/", views.news_translate, name="news_translate"),
    path("news-desk/<int:pk>/publish/", views.news_publish, name="news_publish"),
]
