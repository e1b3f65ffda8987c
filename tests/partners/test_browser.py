"""The focal point plans a 2027 anniversary event from the planner."""

import datetime as dt

import pytest

from ngvh.activities.models import Activity
from ngvh.partners import services
from tests.conftest import login, screenshot

from ..activities.factories import small_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_drafts_a_2027_anniversary_event(page, coordinator, agency_a, agency_b):
    # given a twinning with Incheon from 20/11/2007 (20 years in 2027; Viet Nam–Korea 35 years)
    plan, _tasks = small_plan(lead_agency=agency_a, other_agency=agency_b)
    r = services.relationship_create(
        user=coordinator, province=plan.province, name="Incheon", country="KR", kind="twinned",
        established_on=dt.date(2007, 11, 20), lead_agency=agency_a,
    )
    login(page, coordinator.username)

    # when the planner for 2027 is opened
    page.goto(f"{page.base}/partners/anniversaries/?plan={plan.pk}")
    page.fill("#a-year", "2027")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    # then both anniversaries are listed, with the suggested lead agency
    assert page.locator("#anniversaries tbody tr").count() == 2
    row = page.locator(f"#anniversary-r{r.pk}")
    assert "20/11/2027" in row.inner_text() and agency_a.name in row.inner_text()
    screenshot(page, "partners-anniversaries-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "partners-anniversaries-375")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    page.set_viewport_size({"width": 1280, "height": 900})

    # when the button drafts the event
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    # then the planned activity opens, for agency A on the anniversary day
    activity = Activity.objects.get()
    assert page.url.endswith(f"/activities/{activity.pk}/")
    assert "Incheon" in page.locator("h1").inner_text()
    assert (activity.status, activity.start_date, activity.agency) == ("planned", dt.date(2027, 11, 20), agency_a)
    # and the planner now links to it instead of offering the button again
    page.goto(f"{page.base}/partners/anniversaries/?plan={plan.pk}&year=2027")
    assert page.locator(f"#anniversary-r{r.pk} a").count() == 1
    assert page.locator(f"#anniversary-r{r.pk} button").count() == 0


def test_coordinator_imports_relationships_fixing_a_row(page, coordinator, agency_a, agency_b):
    from ngvh.partners.models import Relationship

    from .factories import relationship_row, relationships_workbook

    plan, _tasks = small_plan(lead_agency=agency_a, other_agency=agency_b)
    login(page, coordinator.username)
    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    # given a file whose second row names a country that does not exist
    bad = relationships_workbook([relationship_row(), relationship_row(name="Incheon", country="Atlantis")])
    page.goto(f"{page.base}/partners/import/?plan={plan.pk}")
    page.set_input_files("#id_file", {"name": "doi-tac.xlsx", "mimeType": xlsx_type, "buffer": bad})
    page.click("form[enctype] button[type=submit]")
    page.wait_for_load_state()
    # then the problem is listed with its row and column, and nothing is offered for saving
    assert "Atlantis" in page.locator("#problems").inner_text() and page.locator("button[name=confirm]").count() == 0
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "partners-import-problems-375")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    page.set_viewport_size({"width": 1280, "height": 900})
    # when the corrected file is uploaded and the preview confirmed
    good = relationships_workbook([relationship_row(), relationship_row(name="Incheon", country="Hàn Quốc")])
    page.set_input_files("#id_file", {"name": "doi-tac.xlsx", "mimeType": xlsx_type, "buffer": good})
    page.click("form[enctype] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#preview tbody tr").count() == 2
    screenshot(page, "partners-import-preview-1280")
    page.click("button[name=confirm]")
    page.wait_for_load_state()
    # then both relationships are in the list
    assert page.url.endswith("/partners/") and Relationship.objects.count() == 2
    assert "Incheon" in page.locator("#relationships").inner_text()
