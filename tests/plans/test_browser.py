"""In real Chromium: log in, open the plan, filter by an agency, search without diacritics."""

import pytest

from tests.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reporter_opens_plan_filters_by_agency_and_searches(page, seed_plan, reporter_a):
    # Given a reporter who logs in
    login(page, "reporter_a")
    assert "Sở Văn hóa và Thể thao" in page.inner_text("header")

    # When they open the plan from the plan list
    page.goto(page.base + "/plans/")
    page.click(f"text={seed_plan.number}")
    # Then the 18 tasks are listed
    assert page.locator("tr[id^=task-]").count() == 18

    # When they filter by Sở Du lịch
    page.select_option("#f-agency", label="Sở Du lịch")
    page.click("form.filters button[type=submit]")
    # Then only the tasks where Sở Du lịch leads or coordinates remain
    codes = page.locator("tr[id^=task-]").evaluate_all("rows => rows.map(r => r.id.slice(5))")
    assert codes == ["I.1", "I.2", "I.3", "II.7"]
    screenshot(page, "plan-filtered-1280")

    # When they search tasks without diacritics from the plan list
    page.click("nav.breadcrumbs >> text=Kế hoạch")
    page.fill("#task-search", "trien lam van hoa")
    page.click("form[role=search] button[type=submit]")
    # Then the exhibition task is found
    assert "II.4" in page.inner_text(".search-results")


@pytest.mark.parametrize("width", [375, 1280])
def test_plan_page_reads_at_phone_and_desktop_width(page, seed_plan, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.base + f"/plans/{seed_plan.pk}/")
    # Nothing overflows the viewport horizontally
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    assert page.locator("h1").inner_text().endswith("274/KH-UBND")
    screenshot(page, f"plan-{width}")


def _no_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1


@pytest.mark.parametrize("width", [375, 1280])
def test_task_page_lists_filters_and_records_for_the_task(page, width):
    import datetime as dt

    from tests.factories import ActivityFactory, AnnualReportFactory, ReportingYearFactory
    from tests.reporting.factories import ReportLineFactory, small_plan

    # Given task I.1 led by A, with activities in 2024 and 2025 and an accepted 2025 line
    w = small_plan()
    task = w.tasks["I.1"]
    for title, day in (("Liên hoan văn hóa 2024", dt.date(2024, 4, 2)), ("Tuần văn hóa Hải Phòng 2025", dt.date(2025, 6, 3))):
        ActivityFactory(plan=w.plan, agency=w.a, title=title, start_date=day).tasks.add(task)
    ry = ReportingYearFactory(plan=w.plan, year=2025)
    sent = dt.datetime(2025, 11, 10, 9, tzinfo=dt.UTC)
    report = AnnualReportFactory(reporting_year=ry, agency=w.a, status="accepted", submitted_at=sent, first_submitted_at=sent)
    ReportLineFactory(report=report, task=task, role="lead", status="done_on_time", results="Đã tổ chức tuần văn hóa")
    # When the lead agency's reporter opens the task page
    login(page, "vhtt")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.base + f"/plans/{w.plan.pk}/tasks/I.1/")
    # Then the status by year, the activities of both years and the agency's line show
    assert "Đã hoàn thành đúng hạn" in page.inner_text("#task-status")
    activities = page.inner_text("#task-activities")
    assert "Liên hoan văn hóa 2024" in activities and "Tuần văn hóa Hải Phòng 2025" in activities
    assert "Đã tổ chức tuần văn hóa" in page.inner_text("#task-lines")
    assert _no_overflow(page)
    screenshot(page, f"task-page-{width}")
    # When filtered to 2024
    page.select_option("#t-year", "2024")
    page.click("#task-activities form button[type=submit]")
    page.wait_for_load_state()
    activities = page.inner_text("#task-activities")
    assert "Liên hoan văn hóa 2024" in activities and "Tuần văn hóa Hải Phòng 2025" not in activities
    # When the reporter records an activity for this task, then the form has the task ticked
    page.click("#record-for-task")
    page.wait_for_load_state()
    assert page.is_checked(f"input[name=tasks][value='{task.pk}']")
    assert _no_overflow(page)


def test_coordinator_corrects_a_misread_row_maps_an_agency_and_imports(page, coordinator, tmp_path):
    from ngvh.plans.models import Plan
    from tests.factories import AgencyFactory
    from tests.plans.review_documents import HELD, UNKNOWN, document_province, plan_docx

    # Given a province holding an agency the document names differently, and a .docx whose
    # task 3 has its content and timeframe swapped
    AgencyFactory(province=document_province(), name=HELD)
    upload = tmp_path / "ke-hoach-12.docx"
    upload.write_bytes(plan_docx())
    login(page, "coordinator")

    # When the coordinator uploads it
    page.goto(page.base + "/plans/import/")
    page.set_input_files("input[type=file]", str(upload))
    page.click("main form[enctype] button[type=submit]")
    # Then the review page shows the tasks as read, beside the warnings
    page.wait_for_selector("#tasks")
    assert page.input_value("#t2-title") == "Hàng năm"

    # When they put the misread row right and save
    page.fill("#t2-title", "Dịch các ấn phẩm quảng bá.")
    page.fill("#t2-timeframe_text", "Hàng năm")
    page.click("#tasks form button[type=submit]")
    page.wait_for_selector("#tasks")
    assert page.input_value("#t2-title") == "Dịch các ấn phẩm quảng bá."

    # And map the unknown agency to the one the province holds
    select = page.locator("#agencies select").first
    assert UNKNOWN in page.inner_text("#agencies")
    select.select_option(label=HELD)
    page.click("#agencies form button[type=submit]")
    page.wait_for_selector("#agencies")
    screenshot(page, "import-review-1280")

    # And import the plan
    page.click("#import form button[type=submit]")
    page.wait_for_load_state()
    # Then the plan's page lists the corrected task, led by the agency held
    plan = Plan.objects.get(number="12/KH-UBND")
    assert page.url.endswith(f"/plans/{plan.pk}/")
    row = page.locator("tr[id^=task-]", has_text="Dịch các ấn phẩm quảng bá.")
    assert row.count() == 1
    from ngvh.plans.models import TaskAssignment

    task = plan.tasks.get(code="3")
    assert (task.title, task.timeframe_kind) == ("Dịch các ấn phẩm quảng bá.", "annual")
    lead = TaskAssignment.objects.get(task__plan=plan, task__code="2", role="lead", active_until__isnull=True)
    assert lead.agency.name == HELD
