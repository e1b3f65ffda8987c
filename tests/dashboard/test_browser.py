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
