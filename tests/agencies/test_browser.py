"""A coordinator merges two agencies through the pages; the plan then shows the successor."""

import pytest

from ngvh.accounts.models import Role
from ngvh.plans.models import TaskAssignment

from ..conftest import login, screenshot
from ..factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VHTT, DL, VHTTDL = "Sở Văn hóa và Thể thao", "Sở Du lịch", "Sở Văn hóa, Thể thao và Du lịch"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_coordinator_merges_two_agencies_and_the_plan_follows(page, seed_plan, seed_agencies):
    # given the bundled plan, where VHTT leads some tasks, and a coordinator of Sở Ngoại vụ
    UserFactory(username="dieuphoi", agency=seed_agencies["Sở Ngoại vụ"], role=Role.COORDINATOR)
    vhtt, dl = seed_agencies[VHTT], seed_agencies[DL]
    led = list(TaskAssignment.objects.filter(agency=vhtt, role="lead").values_list("task__code", flat=True))
    assert led
    login(page, "dieuphoi")

    # when they record the merger of VHTT and DL into VHTTDL from 01/03/2025
    page.goto(page.base + "/agencies/restructurings/new/")
    page.check("input[name=kind][value=merge]")
    page.fill("#id_effective_date", "01/03/2025")
    page.check(f"input[name=predecessors][value='{vhtt.pk}']")
    page.check(f"input[name=predecessors][value='{dl.pk}']")
    page.fill("#id_new_successors", VHTTDL)
    screenshot(page, "agencies-merge-form-1280")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    # then the restructuring page lists the moved tasks
    assert "/agencies/restructurings/" in page.url
    assert page.locator("h1").inner_text().startswith("Hợp nhất")
    assert page.locator("main table tbody tr").count() >= len(led)
    screenshot(page, "agencies-merge-done-1280")

    # and the plan page shows the successor as lead of each moved task, with the lineage note
    page.goto(page.base + f"/plans/{seed_plan.pk}/")
    for code in led:
        cell = page.locator(f"[id='task-{code}'] td.lead")
        assert VHTTDL in cell.inner_text()
        assert VHTT in cell.locator(".lineage").inner_text()
    screenshot(page, "agencies-merge-plan-1280")

    # and on a phone the old agency's page states the merger and fits the screen
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base + f"/agencies/{vhtt.pk}/")
    lineage = page.locator(".lineage").inner_text()
    assert "Sáp nhập vào" in lineage and VHTTDL in lineage and "01/03/2025" in lineage
    assert no_horizontal_scroll(page)
    screenshot(page, "agencies-merged-agency-375")
    page.goto(page.base + f"/plans/{seed_plan.pk}/")
    screenshot(page, "agencies-merge-plan-375")
    page.goto(page.base + "/agencies/restructurings/")
    assert no_horizontal_scroll(page)
    screenshot(page, "agencies-restructurings-375")
