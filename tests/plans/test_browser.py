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
