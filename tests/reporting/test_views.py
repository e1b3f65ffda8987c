"""Reporting pages: who sees what, the forms keep input, fixed query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ngvh.activities.models import ActivityCountry
from ngvh.reporting.models import AnnualReport
from ngvh.reporting.services import LineInput, report_save, report_submit, reporting_year_open
from tests.factories import ActivityFactory, AgencyFactory, TaskAssignmentFactory, TaskFactory

from .factories import small_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def sp():
    s = small_plan()
    reporting_year_open(user=s.coordinator, plan=s.plan, year=2025, today=dt.date(2025, 10, 1))
    return s


def report_of(sp, agency):
    return AnnualReport.objects.get(reporting_year__plan=sp.plan, agency=agency)


def post_data(report, status="in_progress", text="Kết quả năm 2025", version=None, action="save"):
    data = {"version": version if version is not None else report.version, "difficulties": "Khó khăn", "recommendations": "",
            "planned-count": "0", "action": action}
    for line in report.lines.all():
        data[f"line-{line.id}-status"] = status
        data[f"line-{line.id}-progress"] = "40"
        data[f"line-{line.id}-results"] = text
    return data


def submitted(sp, agency, user):
    report = report_of(sp, agency)
    lines = {line.id: LineInput(status="in_progress", results="Đã thực hiện") for line in report.lines.all()}
    report = report_save(user=user, report=report, version=report.version, difficulties="", recommendations="", lines=lines)
    return report_submit(user=user, report=report)


def test_reporter_saves_and_submits_through_the_page(client, sp):
    # given A's reporter on its draft
    client.force_login(sp.reporter_a)
    report = report_of(sp, sp.a)
    url = reverse("reporting:report", args=[report.pk])
    assert "Quảng bá văn hóa Hải Phòng" in client.get(url).content.decode()
    # when they submit the filled form
    response = client.post(url, post_data(report, action="submit"))
    # then the report is submitted and locked
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.difficulties == "Khó khăn"
    page = client.get(url).content.decode()
    assert 'id="report-form"' not in page
    assert client.post(url, post_data(report)).status_code == 302  # locked: message, nothing saved
    report.refresh_from_db()
    assert report.status == "submitted"


def test_submitting_without_statuses_keeps_the_text_and_links_the_errors(client, sp):
    client.force_login(sp.reporter_a)
    report = report_of(sp, sp.a)
    response = client.post(reverse("reporting:report", args=[report.pk]), post_data(report, status="", text="Văn bản đang viết", action="submit"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Văn bản đang viết" in page and 'href="#id_line-' in page
    report.refresh_from_db()
    assert report.status == "draft"


def test_bad_progress_is_refused_with_the_typed_text_kept(client, sp):
    client.force_login(sp.reporter_a)
    report = report_of(sp, sp.a)
    data = post_data(report, text="Không được mất")
    line = report.lines.first()
    data[f"line-{line.id}-progress"] = "150"
    response = client.post(reverse("reporting:report", args=[report.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Không được mất" in page
    assert "0 to 100" in page or "0 đến 100" in page


def test_a_stale_save_is_refused_and_both_texts_are_shown(client, sp):
    # given officer 1 saved after officer 2 opened the page at version v
    report = report_of(sp, sp.a)
    v = report.version
    client.force_login(sp.reporter_a)
    client.post(reverse("reporting:report", args=[report.pk]), post_data(report, text="Văn bản người thứ nhất"))
    # when officer 2 saves with version v
    response = client.post(reverse("reporting:report", args=[report.pk]), post_data(report, text="Văn bản người thứ hai", version=v))
    # then it is refused, their text shown back beside what is saved, and nothing overwritten
    page = response.content.decode()
    assert response.status_code == 409
    assert "Văn bản người thứ hai" in page and "Văn bản người thứ nhất" in page
    assert set(report.lines.values_list("results", flat=True)) == {"Văn bản người thứ nhất"}


def test_coordinator_returns_with_a_reason_and_the_agency_sees_it(client, sp, mailoutbox, django_capture_on_commit_callbacks):
    report = submitted(sp, sp.a, sp.reporter_a)
    line = report.lines.first()
    client.force_login(sp.coordinator)
    # a return without a reason is refused
    assert client.post(reverse("reporting:return", args=[report.pk]), {"reason": " "}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:return", args=[report.pk]), {"reason": "Thiếu kinh phí", f"note-{line.id}": "Ghi rõ nguồn"})
    assert len(mailoutbox) == 1
    client.force_login(sp.reporter_a)
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "Thiếu kinh phí" in page and "Ghi rõ nguồn" in page


def test_accept_reopen_and_remind(client, sp, mailoutbox, django_capture_on_commit_callbacks):
    report = submitted(sp, sp.a, sp.reporter_a)
    client.force_login(sp.coordinator)
    client.post(reverse("reporting:accept", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "accepted"
    assert client.post(reverse("reporting:reopen", args=[report.pk]), {"reopen_reason": ""}).status_code == 400
    client.post(reverse("reporting:reopen", args=[report.pk]), {"reopen_reason": "Cập nhật số liệu"})
    report.refresh_from_db()
    assert report.status == "returned"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:remind", args=[report_of(sp, sp.c).pk]))
    assert response.status_code == 302 and report_of(sp, sp.c).events.filter(kind="reminded").exists()


@pytest.mark.parametrize("who", ["reporter_b", "leader"])
def test_review_actions_are_404_for_non_coordinators(client, sp, who):
    report = submitted(sp, sp.a, sp.reporter_a)
    client.force_login(getattr(sp, who))
    for name, data in (("return", {"reason": "x"}), ("accept", {}), ("reopen", {"reopen_reason": "x"}), ("remind", {})):
        assert client.post(reverse(f"reporting:{name}", args=[report.pk]), data).status_code == 404
    report.refresh_from_db()
    assert report.status == "submitted"


def test_other_agencies_reports_are_404_and_leaders_read_only(client, sp):
    report = report_of(sp, sp.a)
    url = reverse("reporting:report", args=[report.pk])
    client.force_login(sp.reporter_b)
    assert client.get(url).status_code == 404
    assert client.post(url, post_data(report)).status_code == 404
    client.force_login(sp.leader)
    page = client.get(url)
    assert page.status_code == 200 and 'id="report-form"' not in page.content.decode()
    assert client.post(url, post_data(report)).status_code == 404


def test_rates_page_is_for_coordinators_and_leaders(client, sp):
    ry = report_of(sp, sp.a).reporting_year
    url = reverse("reporting:rates", args=[ry.pk])
    client.force_login(sp.reporter_a)
    assert client.get(url).status_code == 404
    client.force_login(sp.leader)
    page = client.get(url).content.decode()
    assert "Sở Du lịch" in page and "Send a reminder" not in page and "Gửi nhắc nhở" not in page


def test_open_year_page_is_for_coordinators(client, sp):
    client.force_login(sp.reporter_a)
    assert client.post(reverse("reporting:open"), {"plan": sp.plan.pk, "year": 2026}).status_code == 404
    client.force_login(sp.coordinator)
    response = client.post(reverse("reporting:open"), {"plan": sp.plan.pk, "year": 2026})
    assert response.status_code == 302 and sp.plan.reporting_years.filter(year=2026).exists()


def test_lead_sees_coordinating_lines_only_once_submitted(client, sp):
    # given S coordinates T1 (A leads) and links an activity
    s_report = report_of(sp, sp.successor)
    activity = ActivityFactory(plan=sp.plan, agency=sp.successor, title="Triển lãm ảnh Kitakyushu", start_date=dt.date(2025, 4, 1))
    activity.tasks.add(sp.tasks["I.1"])
    from tests.factories import UserFactory

    s_user = UserFactory(agency=sp.successor, role="reporter")
    client.force_login(sp.reporter_a)
    url = reverse("reporting:report", args=[report_of(sp, sp.a).pk])
    assert "Triển lãm ảnh Kitakyushu" not in client.get(url).content.decode()
    submitted(sp, sp.successor, s_user)
    s_report.lines.first().activities.add(activity)
    page = client.get(url).content.decode()
    assert "Triển lãm ảnh Kitakyushu" in page and sp.successor.name in page


def _grow(sp, n):
    """Add n tasks led by A, each with two activities of A and a coordinating agency."""
    start = sp.plan.tasks.count()
    for i in range(start, start + n):
        task = TaskFactory(group=sp.tasks["I.1"].group, code=f"X.{i}", order=10 + i)
        TaskAssignmentFactory(task=task, agency=sp.a, role="lead")
        TaskAssignmentFactory(task=task, agency=AgencyFactory(), role="coordinator")
        for j in range(2):
            a = ActivityFactory(plan=sp.plan, agency=sp.a, start_date=dt.date(2025, 3, 1 + j))
            a.tasks.add(task)
            ActivityCountry.objects.create(activity=a, code="JP")
    reporting_year_open(user=sp.coordinator, plan=sp.plan, year=2025, today=dt.date(2025, 10, 1))


@pytest.mark.parametrize(("viewer", "queries"), [("reporter_a", 11), ("coordinator", 11)])
def test_report_page_query_count_does_not_grow(client, sp, django_assert_num_queries, viewer, queries):
    # given a report with no activity yet
    report = report_of(sp, sp.a)
    url = reverse("reporting:report", args=[report.pk])
    client.force_login(getattr(sp, viewer))
    client.get(url)
    # when the page is loaded before and after six more tasks with activities
    # then the same number of queries runs
    with django_assert_num_queries(queries) as ctx:
        client.get(url)
    _grow(sp, 6)
    with django_assert_num_queries(len(ctx.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count("report-line") >= 8


def test_rates_and_year_pages_query_count_does_not_grow(client, sp, django_assert_num_queries):
    ry = report_of(sp, sp.a).reporting_year
    client.force_login(sp.coordinator)
    urls = [reverse("reporting:rates", args=[ry.pk]), reverse("reporting:year", args=[ry.pk]), reverse("reporting:home")]
    counts = []
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        counts.append(len(ctx.captured_queries))
    assert counts == [9, 4, 11]
    _grow(sp, 5)
    for url, n in zip(urls, counts, strict=True):
        with django_assert_num_queries(n):
            assert client.get(url).status_code == 200
