"""The API over the same selectors, policies and services as the pages."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from ngvh.activities.models import Activity, Attachment
from ngvh.api.services import api_token_create
from ngvh.reporting.models import AnnualReport, ReportEvent
from ngvh.reporting.services import reporting_year_open
from tests.activities.factories import png_bytes
from tests.activities.factories import small_plan as activity_plan
from tests.factories import ActivityFactory, PlanFactory
from tests.reporting.factories import small_plan

pytestmark = pytest.mark.django_db
BEFORE = dt.date(2025, 10, 1)


def client_for(user) -> APIClient:
    _token, key = api_token_create(user=user, owner=user, name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


# ---- reads ---------------------------------------------------------------------------


def test_plan_tasks_api_lists_18_tasks_with_assignments_in_pages(client, seed_plan):
    data = client.get(reverse("api:plan_tasks", args=[seed_plan.pk]), {"page_size": 10}).json()
    assert data["count"] == 18 and len(data["results"]) == 10 and data["next"]
    i1 = data["results"][0]
    assert i1["code"] == "I.1"
    assert [a["agency"] for a in i1["assignments"] if a["role"] == "lead"] == ["Sở Ngoại vụ"]


def test_task_filter_finds_words_without_diacritics(client, seed_plan):
    data = client.get(reverse("api:plan_tasks", args=[seed_plan.pk]), {"q": "dao tao"}).json()
    assert data["count"] >= 1
    assert all("ào tạo" in t["title"] for t in data["results"])


def test_unpublished_plan_is_404_in_the_api_for_anonymous(client):
    plan = PlanFactory(is_published=False)
    response = client.get(reverse("api:plan_detail", args=[plan.pk]))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"
    assert client.get(reverse("api:plan_list")).json()["count"] == 0


def test_openapi_schema_is_served_with_the_token_scheme(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    params = {p["name"] for p in schema["paths"]["/api/activities/"]["get"]["parameters"]}
    assert {"plan", "year", "task", "agency", "kind", "status", "country", "q", "page", "page_size"} <= params


def test_a_bad_token_is_refused_as_problem_details_in_both_languages(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-key")
    vi = client.get(reverse("api:activity_list"))
    en = client.get(reverse("api:activity_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert vi.status_code == en.status_code == 401
    assert vi.json()["code"] == en.json()["code"] == "authentication_failed"
    assert en.json()["detail"] == "This token is not valid or has been revoked."
    assert vi.json()["detail"] != en.json()["detail"]


def test_reporter_reads_only_what_the_pages_show(agency_a, agency_b, reporter_a):
    plan, tasks = activity_plan(lead_agency=agency_a)
    mine = ActivityFactory(plan=plan, agency=agency_a, status="planned")
    theirs = ActivityFactory(plan=plan, agency=agency_b, status="planned")
    api = client_for(reporter_a)
    ids = [a["id"] for a in api.get(reverse("api:activity_list"), {"plan": plan.pk}).json()["results"]]
    assert mine.pk in ids and theirs.pk not in ids
    assert api.get(reverse("api:activity_detail", args=[theirs.pk])).status_code == 404


def test_rates_are_for_those_who_read_every_agency(reporter_a, coordinator):
    sp = small_plan()
    reporting_year_open(user=sp.coordinator, plan=sp.plan, year=2025, today=BEFORE)
    url = reverse("api:plan_rates", args=[sp.plan.pk])
    assert client_for(sp.reporter_a).get(url, {"year": 2025}).status_code == 404
    data = client_for(sp.coordinator).get(url, {"year": 2025}).json()
    assert data["expected"] == 4 and data["submitted"] == 0


def test_list_filters_refuse_bad_values_with_field_errors(reporter_a):
    response = client_for(reporter_a).get(reverse("api:activity_list"), {"year": "abc", "kind": "party"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"year"}


# ---- activity writes -------------------------------------------------------------------


def _payload(plan, agency, tasks, **over):
    body = {
        "plan_id": plan.pk, "agency_id": agency.pk, "title": "Tuần phim Nhật Bản", "kind": "event_home",
        "status": "done", "start_date": "2025-05-10", "end_date": "2025-05-12", "task_ids": [tasks[0].pk],
        "participants_total": 300, "participants_foreign": 20, "country_codes": ["jp"],
    }
    body.update(over)
    return body


def test_reporter_records_an_activity_through_the_service(agency_a, reporter_a):
    plan, tasks = activity_plan(lead_agency=agency_a)
    response = client_for(reporter_a).post(reverse("api:activity_list"), _payload(plan, agency_a, tasks), format="json")
    assert response.status_code == 201, response.json()
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.agency == agency_a and activity.created_by == reporter_a
    assert response.json()["country_codes"] == ["JP"] and response["ETag"]
    # the history row names the acting account, as on the pages
    assert activity.history.first().history_user == reporter_a


def test_reporter_cannot_record_for_another_agency(agency_a, agency_b, reporter_a):
    plan, tasks = activity_plan(lead_agency=agency_a)
    response = client_for(reporter_a).post(reverse("api:activity_list"), _payload(plan, agency_b, tasks), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not Activity.objects.exists()


def test_leader_cannot_record(agency_a, leader):
    plan, tasks = activity_plan(lead_agency=agency_a)
    response = client_for(leader).post(reverse("api:activity_list"), _payload(plan, agency_a, tasks), format="json")
    assert response.status_code == 403 and not Activity.objects.exists()


def test_invalid_activity_is_refused_with_field_messages_and_nothing_stored(agency_a, reporter_a):
    plan, tasks = activity_plan(lead_agency=agency_a)
    body = _payload(plan, agency_a, tasks, end_date="2025-05-01", country_codes=["XX"])
    response = client_for(reporter_a).post(reverse("api:activity_list"), body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "end_date" in errors and "countries" in errors
    assert not Activity.objects.exists()


def test_unassigned_task_needs_the_confirmation(agency_a, agency_b, reporter_b):
    plan, tasks = activity_plan(lead_agency=agency_a)
    api = client_for(reporter_b)
    first = api.post(reverse("api:activity_list"), _payload(plan, agency_b, tasks), format="json")
    assert first.status_code == 400 and first.json()["code"] == "unassigned_tasks"
    again = api.post(reverse("api:activity_list"), _payload(plan, agency_b, tasks, confirm_unassigned=True), format="json")
    assert again.status_code == 201


def test_a_lost_update_on_an_activity_is_refused_with_409(agency_a, reporter_a, coordinator):
    plan, tasks = activity_plan(lead_agency=agency_a)
    created = client_for(reporter_a).post(reverse("api:activity_list"), _payload(plan, agency_a, tasks), format="json")
    url = reverse("api:activity_detail", args=[created.json()["id"]])
    etag = created["ETag"]
    # given two callers who read the same version
    first = client_for(coordinator).put(url, _payload(plan, agency_a, tasks, title="Bản của điều phối"), format="json",
                                        HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    # when the second writes with the version it read, then it is refused and nothing is overwritten
    second = client_for(reporter_a).put(url, _payload(plan, agency_a, tasks, title="Bản cũ"), format="json", HTTP_IF_MATCH=etag)
    assert second.status_code == 409 and second.json()["code"] == "stale"
    assert Activity.objects.get().title == "Bản của điều phối"
    # and with the new ETag it goes through
    third = client_for(reporter_a).put(url, _payload(plan, agency_a, tasks, title="Bản mới"), format="json",
                                       HTTP_IF_MATCH=first["ETag"])
    assert third.status_code == 200 and Activity.objects.get().title == "Bản mới"


def test_another_agency_cannot_update_an_activity(agency_a, agency_b, reporter_b):
    plan, tasks = activity_plan(lead_agency=agency_a)
    activity = ActivityFactory(plan=plan, agency=agency_a, status="done", title="Giữ nguyên")
    url = reverse("api:activity_detail", args=[activity.pk])
    response = client_for(reporter_b).put(url, _payload(plan, agency_b, tasks), format="json")
    assert response.status_code == 404
    assert Activity.objects.get().title == "Giữ nguyên"


def test_evidence_is_attached_through_the_service(agency_a, agency_b, reporter_a, reporter_b, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    plan, _tasks = activity_plan(lead_agency=agency_a)
    activity = ActivityFactory(plan=plan, agency=agency_a)
    url = reverse("api:activity_attachments", args=[activity.pk])
    denied = client_for(reporter_b).post(url, {"file": SimpleUploadedFile("a.png", png_bytes())}, format="multipart")
    assert denied.status_code == 404 and not Attachment.objects.exists()
    response = client_for(reporter_a).post(
        url, {"file": SimpleUploadedFile("anh.png", png_bytes()), "caption": "Khai mạc"}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    assert Attachment.objects.get().caption == "Khai mạc"
    refused = client_for(reporter_a).post(url, {"file": SimpleUploadedFile("x.exe", b"MZ" + b"\0" * 300)}, format="multipart")
    assert refused.status_code == 400 and "file" in refused.json()["errors"]


# ---- report workflow ----------------------------------------------------------------------


@pytest.fixture
def opened():
    sp = small_plan()
    reporting_year_open(user=sp.coordinator, plan=sp.plan, year=2025, today=BEFORE)
    report = AnnualReport.objects.get(agency=sp.a, reporting_year__year=2025)
    return sp, report


def _lines(report, status="done_on_time"):
    return [{"id": line.id, "status": status, "progress": 100, "results": "Đã tổ chức"} for line in report.lines.all()]


def test_the_whole_workflow_through_the_api(opened):
    sp, report = opened
    agency_api, focal_api = client_for(sp.reporter_a), client_for(sp.coordinator)
    draft = agency_api.post(reverse("api:report_draft", args=[report.pk]), {"version": 1, "lines": _lines(report)}, format="json")
    assert draft.status_code == 200, draft.json()
    version = draft.json()["version"]
    submitted = agency_api.post(reverse("api:report_submit", args=[report.pk]), {"version": version}, format="json")
    assert submitted.json()["status"] == "submitted"
    returned = focal_api.post(
        reverse("api:report_return", args=[report.pk]),
        {"version": submitted.json()["version"], "reason": "Bổ sung số liệu", "line_notes": {str(report.lines.first().id): "Thiếu ảnh"}},
        format="json",
    )
    assert returned.json()["status"] == "returned"
    assert returned.json()["lines"][0]["return_note"] == "Thiếu ảnh"
    v = agency_api.post(reverse("api:report_submit", args=[report.pk]), {"version": returned.json()["version"]}, format="json")
    accepted = focal_api.post(reverse("api:report_accept", args=[report.pk]), {"version": v.json()["version"]}, format="json")
    assert accepted.json()["status"] == "accepted"
    actors = list(ReportEvent.objects.filter(report=report).order_by("id").values_list("kind", "actor__username"))
    assert ("accepted", "dieuphoi") in actors and ("submitted", "vhtt") in actors


def test_a_stale_report_version_is_409_and_nothing_is_saved(opened):
    sp, report = opened
    api = client_for(sp.reporter_a)
    api.post(reverse("api:report_draft", args=[report.pk]), {"version": 1, "difficulties": "Mới"}, format="json")
    stale = api.post(reverse("api:report_draft", args=[report.pk]), {"version": 1, "difficulties": "Cũ"}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    assert AnnualReport.objects.get(pk=report.pk).difficulties == "Mới"


def test_a_stale_accept_is_409(opened):
    sp, report = opened
    api = client_for(sp.reporter_a)
    draft = api.post(reverse("api:report_draft", args=[report.pk]), {"version": 1, "lines": _lines(report)}, format="json")
    api.post(reverse("api:report_submit", args=[report.pk]), {"version": draft.json()["version"]}, format="json")
    stale = client_for(sp.coordinator).post(reverse("api:report_accept", args=[report.pk]), {"version": 1}, format="json")
    assert stale.status_code == 409
    assert AnnualReport.objects.get(pk=report.pk).status == "submitted"


def test_workflow_permissions(opened):
    sp, report = opened
    # another agency does not even see the report
    other = client_for(sp.reporter_b)
    for name in ("api:report_detail", "api:report_draft", "api:report_submit"):
        method = other.get if name == "api:report_detail" else other.post
        assert method(reverse(name, args=[report.pk]), {"version": 1}, format="json").status_code == 404
    # the agency may not accept its own report; the leader reads but may not return
    own = client_for(sp.reporter_a)
    assert own.post(reverse("api:report_accept", args=[report.pk]), {"version": 1}, format="json").status_code == 403
    leader = client_for(sp.leader)
    assert leader.get(reverse("api:report_detail", args=[report.pk])).status_code == 200
    refused = leader.post(reverse("api:report_return", args=[report.pk]), {"version": 1, "reason": "x"}, format="json")
    assert refused.status_code == 403
    assert AnnualReport.objects.get(pk=report.pk).status == "draft"


def test_submitting_an_incomplete_report_names_the_lines(opened):
    sp, report = opened
    response = client_for(sp.reporter_a).post(reverse("api:report_submit", args=[report.pk]), {"version": 1}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "incomplete"
    assert set(response.json()["line_ids"]) == set(report.lines.values_list("id", flat=True))


def test_reports_list_is_scoped_and_filtered(opened):
    sp, _report = opened
    mine = client_for(sp.reporter_a).get(reverse("api:report_list"), {"year": 2025}).json()
    assert [r["agency"] for r in mine["results"]] == ["Sở Văn hóa và Thể thao"]
    everyone = client_for(sp.coordinator).get(reverse("api:report_list"), {"year": 2025, "status": "draft"}).json()
    assert everyone["count"] == 4


# ---- token pages -------------------------------------------------------------------------


def test_token_page_shows_a_new_key_once(client, reporter_a, password):
    client.force_login(reporter_a)
    created = client.post(reverse("api:token_list"), {"name": "Cổng thành phố"})
    assert created.status_code == 200 and "no-store" in created["Cache-Control"]
    key = created.context["new_key"]
    assert key and key in created.content.decode()
    again = client.get(reverse("api:token_list"))
    assert key not in again.content.decode() and "Cổng thành phố" in again.content.decode()


def test_token_page_refuses_a_nameless_token_with_a_message(client, reporter_a, password):
    client.force_login(reporter_a)
    response = client.post(reverse("api:token_list"), {"name": ""})
    assert response.status_code == 400
    assert "Đặt tên cho mã truy cập" in response.content.decode()


def test_stale_submit_and_return_are_409_and_change_nothing(opened):
    sp, report = opened
    agency_api = client_for(sp.reporter_a)
    draft = agency_api.post(reverse("api:report_draft", args=[report.pk]), {"version": 1, "lines": _lines(report)}, format="json")
    # a submit with the version read before the save is refused
    stale_submit = agency_api.post(reverse("api:report_submit", args=[report.pk]), {"version": 1}, format="json")
    assert stale_submit.status_code == 409 and AnnualReport.objects.get(pk=report.pk).status == "draft"
    submitted = agency_api.post(reverse("api:report_submit", args=[report.pk]), {"version": draft.json()["version"]}, format="json")
    # a return with an older version is refused
    stale_return = client_for(sp.coordinator).post(
        reverse("api:report_return", args=[report.pk]), {"version": draft.json()["version"], "reason": "x"}, format="json")
    assert stale_return.status_code == 409
    assert AnnualReport.objects.get(pk=report.pk).status == "submitted"
    assert submitted.json()["version"] == AnnualReport.objects.get(pk=report.pk).version
