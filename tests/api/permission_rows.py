"""Permission rows for every API URL. A token or a session is the credential; anonymous
callers get 401 (counted as DENIED). Forbidden objects answer 404 as on the pages; a refused
action on an object the caller may read answers 403."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ngvh.activities import services as activity_services
from ngvh.api.services import api_token_create
from tests.activities.factories import activity_data, png_bytes, small_plan
from tests.factories import AnnualReportFactory, PlanFactory, ReportingYearFactory
from tests.security.matrix import DENIED, NOT_FOUND, PUBLIC, SIGNED_IN, Row, expect

OWNER_OR_COORDINATOR = expect(anonymous=DENIED, reporter_b=NOT_FOUND, leader=NOT_FOUND)
READERS = expect(anonymous=DENIED, reporter_a=NOT_FOUND, reporter_b=NOT_FOUND)
WRITERS = expect(anonymous=DENIED, leader=DENIED)
AGENCY_WRITE = expect(anonymous=DENIED, reporter_b=NOT_FOUND, leader=DENIED, coordinator=DENIED)
REVIEW = expect(anonymous=DENIED, reporter_a=DENIED, reporter_b=NOT_FOUND, leader=DENIED)


def _plan(w):
    return w.once("api-plan", PlanFactory)


def _private_plan(w):
    return w.once("api-private-plan", lambda: PlanFactory(is_published=False))


def _activity_plan(w):
    return w.once("api-activity-plan", lambda: small_plan(lead_agency=w.agency_a, other_agency=w.agency_b)[0])


def _activity(w):
    return w.once("api-activity", lambda: activity_services.activity_create(
        user=w.users["coordinator"], plan=_activity_plan(w),
        data=activity_data(agency=w.agency_a, status="planned", start_date=dt.date(2025, 5, 1), end_date=dt.date(2025, 5, 1))))


def _activity_body(w):
    return {"plan_id": _activity_plan(w).pk, "agency_id": w.agency_a.pk, "title": "Tuần phim", "kind": "event_home",
            "start_date": "2025-05-10", "end_date": "2025-05-10"}


def _year(w):
    return w.once("api-ry", lambda: ReportingYearFactory(plan=_plan(w), year=2025))


def _draft(w):
    return w.once("api-draft", lambda: AnnualReportFactory(reporting_year=_year(w), agency=w.agency_a))


def _submitted(w):
    now = timezone.now()
    return w.once("api-submitted", lambda: AnnualReportFactory(
        reporting_year=_year(w), agency=w.agency_a, status="submitted", submitted_at=now, first_submitted_at=now))


def _token(w):
    return w.once("api-token", lambda: api_token_create(user=w.users["reporter_a"], owner=w.users["reporter_a"], name="x")[0])


ROWS = [
    Row("api:schema", lambda w: reverse("api:schema"), PUBLIC),
    Row("api:swagger", lambda w: reverse("api:swagger"), PUBLIC),
    Row("api:redoc", lambda w: reverse("api:redoc"), PUBLIC),
    Row("api:plan_list", lambda w: reverse("api:plan_list"), PUBLIC),
    Row("api:plan_detail", lambda w: reverse("api:plan_detail", args=[_plan(w).pk]), PUBLIC),
    Row("api:plan_tasks", lambda w: reverse("api:plan_tasks", args=[_plan(w).pk]), PUBLIC),
    # An unpublished plan is not shown to the public: same 404 as a missing plan.
    Row("api:plan_detail", lambda w: reverse("api:plan_detail", args=[_private_plan(w).pk]), expect(anonymous=NOT_FOUND)),
    Row("api:plan_rates", lambda w: reverse("api:plan_rates", args=[_plan(w).pk]) + "?year=2025", READERS),
    Row("api:plan_national", lambda w: reverse("api:plan_national", args=[_year(w).plan.pk]) + "?year=2025", READERS),
    Row("api:agency_list", lambda w: reverse("api:agency_list"), SIGNED_IN),
    Row("api:agency_detail", lambda w: reverse("api:agency_detail", args=[w.agency_a.pk]), SIGNED_IN),
    Row("api:partner_list", lambda w: reverse("api:partner_list"), SIGNED_IN),
    Row("api:activity_list", lambda w: reverse("api:activity_list"), SIGNED_IN),
    Row("api:activity_list", lambda w: reverse("api:activity_list"),
        expect(anonymous=DENIED, reporter_b=DENIED, leader=DENIED), method="POST", data=_activity_body),
    Row("api:activity_detail", lambda w: reverse("api:activity_detail", args=[_activity(w).pk]),
        expect(anonymous=DENIED, reporter_b=NOT_FOUND)),
    Row("api:activity_attachments", lambda w: reverse("api:activity_attachments", args=[_activity(w).pk]),
        OWNER_OR_COORDINATOR, method="POST", data=lambda w: {"file": SimpleUploadedFile("anh.png", png_bytes())}),
    Row("api:report_list", lambda w: reverse("api:report_list"), SIGNED_IN),
    Row("api:report_detail", lambda w: reverse("api:report_detail", args=[_draft(w).pk]), expect(anonymous=DENIED, reporter_b=NOT_FOUND)),
    Row("api:report_draft", lambda w: reverse("api:report_draft", args=[_draft(w).pk]), AGENCY_WRITE, method="POST",
        data=lambda w: {"version": 1}),
    Row("api:report_submit", lambda w: reverse("api:report_submit", args=[_draft(w).pk]), AGENCY_WRITE, method="POST",
        data=lambda w: {"version": 1}),
    Row("api:report_return", lambda w: reverse("api:report_return", args=[_submitted(w).pk]), REVIEW, method="POST",
        data=lambda w: {"version": 1, "reason": "Bổ sung"}),
    Row("api:report_accept", lambda w: reverse("api:report_accept", args=[_submitted(w).pk]), REVIEW, method="POST",
        data=lambda w: {"version": 1}),
    Row("api:token_list", lambda w: reverse("api:token_list"), SIGNED_IN),
    Row("api:token_list", lambda w: reverse("api:token_list"), SIGNED_IN, method="POST", data=lambda w: {"name": "Cổng"}),
    Row("api:user_token_list", lambda w: reverse("api:user_token_list", args=[w.users["reporter_a"].pk]), OWNER_OR_COORDINATOR),
    Row("api:token_revoke", lambda w: reverse("api:token_revoke", args=[_token(w).pk]), OWNER_OR_COORDINATOR, method="POST"),
]
