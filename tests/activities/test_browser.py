"""A reporter records an activity with evidence, finds it without diacritics, sees it in the calendar."""

import pytest

from tests.conftest import login, screenshot

from .factories import png_bytes, small_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reporter_records_finds_and_sees_an_activity(page, reporter_a, agency_a, agency_b, tmp_path):
    # given a plan whose task I.1 is led by the reporter's agency
    plan, (t1, _t2, _t3) = small_plan(lead_agency=agency_a, other_agency=agency_b)
    photo = tmp_path / "anh-le-hoi.png"
    photo.write_bytes(png_bytes((320, 200)))
    login(page, reporter_a.username)

    # when the reporter records an activity with a photo
    page.goto(f"{page.base}/activities/new/?plan={plan.pk}")
    page.fill("#id_title", "Lễ hội Hoa Phượng Đỏ: giao lưu văn hoá quốc tế")
    page.select_option("#id_kind", "event_home")
    page.fill("#id_start_date", "10/05/2025")
    page.fill("#id_end_date", "12/05/2025")
    page.check(f"input[name=tasks][value='{t1.pk}']")
    page.fill("#id_place_name", "Quận Hồng Bàng")
    page.fill("#id_participants_total", "500")
    page.fill("#id_budget_state", "1.250.000")
    page.set_input_files("#id_evidence", str(photo))
    screenshot(page, "activities-form-1280")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    # then the detail page shows it with the thumbnail and the money in đồng
    assert page.locator("h1").inner_text() == "Lễ hội Hoa Phượng Đỏ: giao lưu văn hoá quốc tế"
    assert page.locator("#evidence img").count() == 1
    assert "1.250.000 đồng" in page.content()
    screenshot(page, "activities-detail-1280")

    # when searching without diacritics
    page.goto(f"{page.base}/activities/?plan={plan.pk}")
    page.fill("#f-q", "le hoi hoa phuong")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    # then it is found
    assert page.locator("table.activity-table tbody tr").count() == 1
    assert "Lễ hội Hoa Phượng Đỏ" in page.locator("table.activity-table").inner_text()
    screenshot(page, "activities-list-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "activities-list-375")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1

    # when the calendar of May 2025 is opened / then the activity is there, on desktop and phone
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{page.base}/activities/calendar/?year=2025&month=5&plan={plan.pk}")
    assert page.locator("table.calendar a.calendar__item").count() == 3
    screenshot(page, "activities-calendar-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    assert "Lễ hội Hoa Phượng Đỏ" in page.locator(".month-list").inner_text()
    screenshot(page, "activities-calendar-375")
