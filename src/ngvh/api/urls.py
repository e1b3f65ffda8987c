from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from . import pages, views

app_name = "api"
DOCS_CSP = csp_update(STYLE_SRC="'unsafe-inline'", WORKER_SRC="blob:", IMG_SRC="data:")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Both viewers set styles from script and ReDoc renders in a worker: the documentation
    # pages alone allow that; scripts still come only from this server.
    path("docs/", DOCS_CSP(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="swagger"),
    path("redoc/", DOCS_CSP(SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")), name="redoc"),
    path("tokens/", pages.token_list, name="token_list"),
    path("tokens/users/<int:user_id>/", pages.token_list, name="user_token_list"),
    path("tokens/<int:pk>/revoke/", pages.token_revoke, name="token_revoke"),
    path("plans/", views.PlanList.as_view(), name="plan_list"),
    path("plans/<int:pk>/", views.PlanDetail.as_view(), name="plan_detail"),
    path("plans/<int:pk>/tasks/", views.PlanTasks.as_view(), name="plan_tasks"),
    path("plans/<int:pk>/rates/", views.PlanRates.as_view(), name="plan_rates"),
    path("plans/<int:pk>/national/", views.PlanNationalExport.as_view(), name="plan_national"),
    path("agencies/", views.AgencyList.as_view(), name="agency_list"),
    path("agencies/<int:pk>/", views.AgencyDetail.as_view(), name="agency_detail"),
    path("partners/", views.PartnerList.as_view(), name="partner_list"),
    path("activities/", views.ActivityList.as_view(), name="activity_list"),
    path("activities/<int:pk>/", views.ActivityDetail.as_view(), name="activity_detail"),
    path("activities/<int:pk>/attachments/", views.ActivityAttachments.as_view(), name="activity_attachments"),
    path("reports/", views.ReportList.as_view(), name="report_list"),
    path("reports/<int:pk>/", views.ReportDetail.as_view(), name="report_detail"),
    path("reports/<int:pk>/draft/", views.ReportDraft.as_view(), name="report_draft"),
    path("reports/<int:pk>/submit/", views.ReportSubmit.as_view(), name="report_submit"),
    path("reports/<int:pk>/return/", views.ReportReturn.as_view(), name="report_return"),
    path("reports/<int:pk>/accept/", views.ReportAccept.as_view(), name="report_accept"),
]
