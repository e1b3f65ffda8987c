"""The task page: activities of every year, status by year, each agency's lines, evidence."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ngvh.activities.models import Attachment
from ngvh.reporting.figures import task_rows
from tests.factories import ActivityFactory, AnnualReportFactory, ReportingYearFactory
from tests.reporting.factories import ReportLineFactory, small_plan

pytestmark = pytest.mark.django_db


def _report(ry, agency, status):
    submitted = timezone.now() if status in ("submitted", "accepted") else None
    return AnnualReportFactory(
        reporting_year=ry, agency=agency, status=status, submitted_at=submitted, first_submitted_at=submitted,
        return_reason="Thiếu số liệu" if status == "returned" else "",
    )


def _world(n_activities: int = 2):
    """Given task I.1 (lead A, coordinating S) with activities in 2024 and 2025 and lines
    in every report state: 2024 A accepted (done on time); 2025 A draft (overdue), S
    accepted (in progress), B returned (done late)."""
    w = small_plan()
    task = w.tasks["I.1"]
    ry24 = ReportingYearFactory(plan=w.plan, year=2024)
    ry25 = ReportingYearFactory(plan=w.plan, year=2025)
    ReportLineFactory(report=_report(ry24, w.a, "accepted"), task=task, role="lead", status="done_on_time", results="Đã tổ chức tuần văn hóa")
    ReportLineFactory(report=_report(ry25, w.a, "draft"), task=task, role="lead", status="overdue", results="Bản nháp của Sở")
    ReportLineFactory(report=_report(ry25, w.successor, "accepted"), task=task, role="coordinator", status="in_progress")
    ReportLineFactory(report=_report(ry25, w.b, "returned"), task=task, role="coordinator", status="done_late")
    old = ActivityFactory(plan=w.plan, agency=w.a, title="Liên hoan 2024", start_date=dt.date(2024, 4, 2))
    old.tasks.add(task)
    for i in range(n_activities - 1):
        a = ActivityFactory(plan=w.plan, agency=w.successor, title=f"Triển lãm ảnh {i}", start_date=dt.date(2025, 6, 1 + i))
        a.tasks.add(task)
    Attachment.objects.create(
        activity=old, stored_name="abc123.jpg", original_name="anh-lien-hoan.jpg", content_type="image/jpeg",
        extension="jpg", size=120, is_public=True,
    )
    w.task = task
    return w


def _url(w, **query):
    from urllib.parse import urlencode

    return reverse("plans:task", args=[w.plan.pk, "I.1"]) + (("?" + urlencode(query)) if query else "")


def test_status_by_year_is_the_official_figure_of_every_other_surface(client):
    # Given lines in every state for 2024 and 2025
    w = _world()
    client.force_login(w.coordinator)
    # When the coordinator opens the task page
    html = client.get(_url(w)).content.decode()
    # Then each year shows the status the dashboard and the report count (accepted only)
    for year, expected in ((2024, "Đã hoàn thành đúng hạn"), (2025, "Đang thực hiện trong hạn")):
        row = next(r for r in task_rows(plan=w.plan, year=year) if r.code == "I.1")
        assert row.status == {2024: "done_on_time", 2025: "in_progress"}[year]
        assert expected in html
    section = html.split('id="task-status"')[1].split("</section>")[0]
    assert "Quá hạn chưa hoàn thành" not in section and "Đã hoàn thành quá hạn" not in section  # draft and returned lines not counted


def test_coordinator_sees_activities_of_every_year_filterable_lines_and_evidence(client):
    w = _world(n_activities=3)
    client.force_login(w.coordinator)
    # When the page is opened without filters, then activities of both years are listed
    html = client.get(_url(w)).content.decode()
    assert "Liên hoan 2024" in html and "Triển lãm ảnh 0" in html and "Triển lãm ảnh 1" in html
    # and every agency's line, of any report state, with its results
    lines = html.split('id="task-lines"')[1].split("</section>")[0]
    assert "Đã tổ chức tuần văn hóa" in lines and "Bản nháp của Sở" in lines and w.b.name in lines
    # and the evidence with a link to the file
    assert "anh-lien-hoan.jpg" in html
    assert reverse("activities:attachment", args=[Attachment.objects.get().pk]) in html
    # When filtered by year, then only that year's activities remain
    html = client.get(_url(w, year=2024)).content.decode()
    assert "Liên hoan 2024" in html and "Triển lãm ảnh 0" not in html
    # When filtered by agency, then only that agency's
    html = client.get(_url(w, agency=w.successor.pk)).content.decode()
    assert "Liên hoan 2024" not in html and "Triển lãm ảnh 0" in html


def test_record_button_is_offered_only_to_agencies_that_may_record_for_the_task(client):
    w = _world()
    create = reverse("activities:create") + f"?plan={w.plan.pk}&amp;task={w.task.pk}"
    # The lead agency's reporter and the focal point see the button
    for user in (w.reporter_a, w.coordinator):
        client.force_login(user)
        html = client.get(_url(w)).content.decode()
        assert "Ghi nhận hoạt động cho nhiệm vụ này" in html and create in html
    # A reporter of an agency without this task, a leader and a visitor do not
    for user in (w.reporter_c, w.leader):
        client.force_login(user)
        assert "Ghi nhận hoạt động cho nhiệm vụ này" not in client.get(_url(w)).content.decode()
    client.logout()
    html = client.get(_url(w)).content.decode()
    assert "Ghi nhận hoạt động cho nhiệm vụ này" not in html


def test_reporter_reads_own_lines_and_others_accepted_lines_only(client):
    w = _world()
    # Given the reporter of B (its 2025 report is returned), when the task page is opened
    client.force_login(w.reporter_b)
    lines = client.get(_url(w)).content.decode().split('id="task-lines"')[1].split("</section>")[0]
    # Then B's own returned line and the others' accepted lines show, not A's draft
    assert w.b.name in lines and "Đã tổ chức tuần văn hóa" in lines and w.successor.name in lines
    assert "Bản nháp của Sở" not in lines
    # and the accepted report of another agency is not linked (its page would be 404)
    accepted_s = w.successor.annual_reports.get().pk
    assert reverse("reporting:report", args=[accepted_s]) not in lines


def test_visitor_sees_status_but_no_activities_or_lines(client):
    w = _world()
    html = client.get(_url(w)).content.decode()
    assert 'id="task-status"' in html
    assert "Liên hoan 2024" not in html and "Đã tổ chức tuần văn hóa" not in html


def test_record_link_preselects_the_task_on_the_activity_form(client):
    w = _world()
    client.force_login(w.reporter_a)
    html = client.get(reverse("activities:create"), {"plan": w.plan.pk, "task": w.task.pk}).content.decode()
    import re

    boxes = re.findall(r'<input type="checkbox" name="tasks"[^>]*>', html)
    checked = [b for b in boxes if " checked" in b]
    assert len(boxes) == 5 and len(checked) == 1 and f'value="{w.task.pk}"' in checked[0]


@pytest.mark.parametrize("n_activities", [2, 12])
def test_task_page_query_count_is_fixed(client, django_assert_num_queries, n_activities):
    w = _world(n_activities=n_activities)
    client.force_login(w.coordinator)
    url = _url(w)
    client.get(url)  # the first request after login also rotates the session; count a later one
    # session, user, plan, task, assignments; activities' year/agency facets, activities,
    # attachments, report lines; reporting years, counted lines (the header's agency and demo flag come with the user)
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
