from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("search/", views.task_search, name="search"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/tasks/<str:code>/", views.task_detail, name="task"),
    path("import/", views.review_new, name="review_new"),
    path("import/<int:pk>/", views.review_detail, name="review"),
    path("import/<int:pk>/tasks/", views.review_tasks, name="review_tasks"),
    path("import/<int:pk>/agencies/", views.review_agencies, name="review_agencies"),
    path("import/<int:pk>/import/", views.review_import, name="review_import"),
    path("import/<int:pk>/discard/", views.review_discard, name="review_discard"),
]
