from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.home, name="home"),
    path("open/", views.year_open, name="open"),
    path("years/<int:pk>/", views.year_detail, name="year"),
    path("years/<int:pk>/rates/", views.rates, name="rates"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/return/", views.report_return, name="return"),
    path("<int:pk>/accept/", views.report_accept, name="accept"),
    path("<int:pk>/reopen/", views.report_reopen, name="reopen"),
    path("<int:pk>/remind/", views.report_remind, name="remind"),
    path("amendments/", views.amendment_list, name="amendments"),
    path("amendments/new/", views.amendment_new, name="amendment_new"),
    path("amendments/<int:pk>/", views.amendment_detail, name="amendment"),
    path("amendments/<int:pk>/decide/", views.amendment_decide, name="amendment_decide"),
    path("amendments/from-document/<int:pk>/", views.amendment_from_document, name="amendment_from_document"),
]
