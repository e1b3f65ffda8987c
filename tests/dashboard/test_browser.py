"""The dashboard in real Chromium: progress bars drawn to their value under the CSP."""

import pytest

from tests.conftest import login, screenshot, watch_csp

from ..documents.factories import scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_group_progress_bars_draw_their_value_without_breaking_the_csp(page):
    # given a plan year where some groups are partly done
    s = scenario()
    login(page, s.coordinator.username)
    # when the coordinator opens the dashboard
    page.goto(f"{page.base}/dashboard/plans/{s.plan.pk}/?year={s.year}")
    screenshot(page, "dashboard-progress-1280")
    # then each bar carries its own percentage (drawn by the browser, not by a blocked style)
    bars = page.eval_on_selector_all(
        "meter.progress-bar",
        "els => els.map(e => ({value: e.value, max: e.max, text: e.parentElement.innerText.trim()}))",
    )
    assert bars, "the dashboard shows no group progress"
    assert sorted(b["value"] for b in bars) == [0, 100]
    assert all(b["text"].endswith(f'{b["value"]} %') for b in bars)
    assert all(0 <= b["value"] <= b["max"] == 100 for b in bars)
    assert not page.query_selector_all("main [style]")
    # (the page fixture fails the test on any Content-Security-Policy violation logged)


def test_a_blocked_inline_style_is_caught(page):
    # given a page watched for Content-Security-Policy violations
    watcher_page = page.context.new_page()
    violations = watch_csp(watcher_page)
    watcher_page.goto(f"{page.base}/accounts/login/")
    # when something on it adds an inline style, as the old progress bars did
    watcher_page.evaluate("document.body.insertAdjacentHTML('beforeend', '<span style=\"width:5px\">x</span>')")
    watcher_page.wait_for_timeout(200)
    # then the violation is recorded, so the suite would fail on it
    assert any("style" in v for v in violations)


def test_budget_section_draws_its_rates_under_the_csp_and_prints_the_task_table_open(page):
    from ngvh.budget.models import EstimateStatus
    from tests.budget.factories import BudgetEstimateFactory
    from tests.factories import TaskFactory

    # given approved estimates on eleven tasks: the section's task table starts collapsed
    s = scenario()
    BudgetEstimateFactory(task=s.tasks["1"], agency=s.agencies["vh"], year=s.year, source="state", amount=4_000_000,
                          status=EstimateStatus.APPROVED)
    group = s.tasks["1"].group
    for i in range(10):
        task = TaskFactory(group=group, code=f"1.{i + 1}", order=10 + i, title=f"Nhiệm vụ bổ sung {i + 1}")
        BudgetEstimateFactory(task=task, agency=s.agencies["vh"], year=s.year, source="state", amount=100_000,
                              status=EstimateStatus.APPROVED)
    login(page, s.coordinator.username)
    # when the coordinator opens the dashboard
    page.goto(f"{page.base}/dashboard/plans/{s.plan.pk}/?year={s.year}")
    screenshot(page, "dashboard-budget-1280")
    # then the state budget's rate is drawn by a <meter>: 3.000.000 đồng spent of 5.000.000 estimated
    bars = page.eval_on_selector_all(
        "#budget meter.progress-bar", "els => els.map(e => ({value: e.value, text: e.parentElement.innerText.trim()}))",
    )
    assert bars[0] == {"value": 60, "text": "60 %"}
    assert not page.query_selector_all("main [style]")
    # and the task table is collapsed on screen, opened for printing, and collapsed again after
    assert page.eval_on_selector("#budget-tasks", "el => el.open") is False
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.eval_on_selector("#budget-tasks", "el => el.open") is True
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.eval_on_selector("#budget-tasks", "el => el.open") is False
