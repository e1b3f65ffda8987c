from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("", include("ngvh.site.urls")),
    path("", include("ngvh.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("ngvh.accounts.urls")),
    path("agencies/", include("ngvh.agencies.urls")),
    path("plans/", include("ngvh.plans.urls")),
    path("activities/", include("ngvh.activities.urls")),
    path("reports/", include("ngvh.reporting.urls")),
    path("documents/", include("ngvh.documents.urls")),
    path("dashboard/", include("ngvh.dashboard.urls")),
    path("api/", include("ngvh.api.urls")),
    path("public/", include("ngvh.public.urls")),
    path("outbox/", include("ngvh.outbox.urls")),
    path("partners/", include("ngvh.partners.urls")),
    path("delegations/", include("ngvh.delegations.urls")),
    path("people/", include("ngvh.people.urls")),
    path("gifts/", include("ngvh.gifts.urls")),
    path("training/", include("ngvh.training.urls")),
    path("budget/", include("ngvh.budget.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "ngvh.core.views.server_error"
