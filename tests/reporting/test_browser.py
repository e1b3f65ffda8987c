"""The reporting cycle in real Chromium: submit, return with a reason, revise, accept, counted."""

import datetime as dt

import pytest

from ngvh.reporting.models import AnnualReport
from ngvh.reporting.services import reporting_year_open
from tests.conftest import login, screenshot
from tests.factories import ActivityFactory

from .factories import small_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_user(page, username):
    page.context.clear_cookies()
    login(page, username)


def test_report_is_submitted_returned_revised_accepted_and_counted(page):
    # given 2027 is open (A, B, C and S expected) and agency A has an activity for task I.1
    sp = small_plan()
    activity = ActivityFactory(plan=sp.plan, agency=sp.a, title="Liên hoan văn hóa Hải Phòng – Kitakyushu",
                               start_date=dt.date(2027, 5, 10), participants_total=300, budget_state=1_250_000)
    activity.tasks.add(sp.tasks["I.1"])
    ry = reporting_year_open(user=sp.coordinator, plan=sp.plan, year=2027, today=dt.date(2027, 1, 5)).reporting_year
    report = AnnualReport.objects.get(reporting_year=ry, agency=sp.a)
    url = f"{page.base}/reports/{report.pk}/"
    lines = list(report.lines.order_by("order"))

    # when the reporter fills every line and submits, on a phone-sized screen
    login(page, "vhtt")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(url)
    assert page.is_checked(f"#id_line-{lines[0].id}-activities_0")  # the year's activity is pre-ticked
    assert "1.250.000 đồng" in page.inner_text(f"#line-{lines[0].id}")
    screenshot(page, "reporting-report-form-375")
    for line in lines:
        page.select_option(f"#id_line-{line.id}-status", "in_progress")
        page.fill(f"#id_line-{line.id}-results", "Đã tổ chức liên hoan văn hóa")
    page.fill("#id_planned-0-title", "Tuần văn hóa Hải Phòng tại Incheon")
    page.click("button[value=submit]")
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == "submitted"

    # and the coordinator returns it with a reason, on a desktop screen
    switch_user(page, "dieuphoi")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    page.fill("#id_reason", "Đề nghị bổ sung số liệu kinh phí theo nguồn.")
    page.fill(f"#note-{lines[0].id}", "Ghi rõ số người tham dự là người nước ngoài.")
    page.click("#return-form button[type=submit]")
    page.wait_for_load_state()

    # then the reporter sees the reason and the note, revises and resubmits
    switch_user(page, "vhtt")
    page.goto(url)
    assert "Đề nghị bổ sung số liệu kinh phí theo nguồn." in page.inner_text("#return-reason")
    assert "Ghi rõ số người tham dự" in page.inner_text(f"#line-{lines[0].id}")
    screenshot(page, "reporting-report-returned-1280")
    page.fill(f"#id_line-{lines[0].id}-results", "Đã tổ chức liên hoan; 300 người tham dự, kinh phí ngân sách nhà nước.")
    page.click("button[value=submit]")
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == "submitted"

    # and the coordinator accepts it, and the rates page counts it
    switch_user(page, "dieuphoi")
    page.goto(url)
    # (accepting asks first: dismissing the question changes nothing)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("#accept-button")
    page.wait_for_timeout(300)
    report.refresh_from_db()
    assert report.status == "submitted"
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.click("#accept-button")
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == "accepted"
    assert questions and "Chấp nhận báo cáo này?" in questions[0]
    page.goto(f"{page.base}/reports/years/{ry.pk}/rates/")
    assert page.inner_text("[data-figure=expected]") == "4"  # A, B, C (the 2027 task) and S
    assert page.inner_text("[data-figure=submitted]") == "1"
    assert page.inner_text("[data-figure=on_time]") == "1"
    assert page.inner_text("[data-figure=accepted]") == "1"
    assert sp.b.name in page.inner_text("#missing")
    screenshot(page, "reporting-rates-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    screenshot(page, "reporting-rates-375")
    # and the timeline shows every transition
    page.goto(url)
    assert page.locator("#timeline ol.timeline > li").count() == 7


def _no_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1


@pytest.mark.parametrize("width", [375, 1280])
def test_coordinator_queue_on_the_home_page_opens_each_report_in_one_click(page, width):
    # Given 2025 is open: A has submitted (waiting for review), B has not sent its report
    sp = small_plan()
    ry = reporting_year_open(user=sp.coordinator, plan=sp.plan, year=2025, today=dt.date(2025, 1, 5)).reporting_year
    sent = dt.datetime(2025, 11, 20, 9, tzinfo=dt.UTC)  # after the 15/11 deadline: late
    submitted = AnnualReport.objects.get(reporting_year=ry, agency=sp.a)
    AnnualReport.objects.filter(pk=submitted.pk).update(status="submitted", submitted_at=sent, first_submitted_at=sent)
    missing = AnnualReport.objects.get(reporting_year=ry, agency=sp.b)
    # When the coordinator signs in and lands on the home page
    login(page, "dieuphoi")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.base + "/")
    # Then the queue lists A, the late list A and the missing list B
    assert sp.a.name in page.inner_text("#queue-awaiting")
    assert sp.a.name in page.inner_text("#queue-late")
    assert sp.b.name in page.inner_text("#queue-missing")
    assert _no_overflow(page)
    screenshot(page, f"home-queue-{width}")
    # When the coordinator clicks A in the queue, then A's report opens
    page.click(f"#queue-awaiting a[href='/reports/{submitted.pk}/'] >> nth=0")
    page.wait_for_load_state()
    assert page.url.endswith(f"/reports/{submitted.pk}/")
    # And one click on B in the missing list opens B's report
    page.goto(page.base + "/")
    page.click(f"#queue-missing a[href='/reports/{missing.pk}/']")
    page.wait_for_load_state()
    assert page.url.endswith(f"/reports/{missing.pk}/")
