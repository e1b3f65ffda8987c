"""A crew is registered, approved by its lead agency, marked done and becomes an activity."""

import pytest

from ngvh.delegations.models import Delegation
from tests.conftest import login, screenshot

from ..activities.factories import small_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_crew_registered_approved_done_and_its_activity(page, browser, live_server, reporter_a, reporter_b, agency_a, agency_b):
    # given a plan, and agency B's reporter registering a film crew that agency A leads
    plan, _tasks = small_plan(lead_agency=agency_a, other_agency=agency_b)
    login(page, reporter_b.username)
    page.goto(f"{page.base}/delegations/new/?plan={plan.pk}")
    page.select_option("#id_kind", "press_crew")
    page.fill("#id_title", "Đoàn làm phim KBS quảng bá Cát Bà")
    page.select_option("#id_country", "KR")
    page.fill("#id_members", "5")
    page.fill("#id_start_date", "04/05/2026")
    page.fill("#id_end_date", "08/05/2026")
    page.select_option("#id_lead_agency", str(agency_a.pk))
    screenshot(page, "delegations-form-1280")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Đoàn làm phim KBS quảng bá Cát Bà"
    # the registering agency cannot approve it
    assert page.locator("form#approve").count() == 0

    # when agency A's reporter approves it with the police, marks it done and creates the activity
    other = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    lead = other.new_page()
    lead.base = live_server.url
    login(lead, reporter_a.username)
    d = Delegation.objects.get()
    lead.goto(f"{lead.base}/delegations/{d.pk}/")
    lead.fill("#id_coordination", "Công an thành phố hướng dẫn tác nghiệp; Sở Văn hóa và Thể thao hỗ trợ địa điểm")
    lead.check("#id_police_coordinated")
    lead.click("form#approve button[type=submit]")
    lead.wait_for_load_state()
    assert "Công an thành phố" in lead.locator("#coordination").inner_text()
    lead.fill("#id_result", "Phóng sự 20 phút phát sóng trên KBS")
    lead.click("form#complete button[type=submit]")
    lead.wait_for_load_state()
    assert "KBS" in lead.locator("#result").inner_text()
    screenshot(lead, "delegations-detail-1280")
    lead.set_viewport_size({"width": 375, "height": 800})
    screenshot(lead, "delegations-detail-375")
    assert lead.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    lead.set_viewport_size({"width": 1280, "height": 900})
    lead.click("form#make-activity button[type=submit]")
    lead.wait_for_load_state()

    # then the activity page shows the crew as a done activity of agency A
    assert lead.locator("h1").inner_text() == "Đoàn làm phim KBS quảng bá Cát Bà"
    assert "/activities/" in lead.url
    d.refresh_from_db()
    assert d.status == "done" and d.activity.agency == agency_a and d.activity.status == "done"
    lead.goto(f"{lead.base}/delegations/{d.pk}/")
    assert lead.locator("#activity-link").count() == 1
    other.close()
