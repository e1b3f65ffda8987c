"""The public site in real Chromium: Japanese and Russian, the calendar, phone and desktop."""

import pytest

from tests.conftest import screenshot

from .factories import public_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_public_site_in_japanese_and_russian(page, width):
    world = public_world()
    page.set_viewport_size({"width": width, "height": 900})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    # a Japanese visitor opens the plan and sees the interface in Japanese
    page.goto(page.base + f"/public/plans/{world.sp.plan.pk}/?year=2025&lang=ja")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert "計画と進捗" in page.inner_text("nav.site-nav")
    assert page.inner_text('#totals td[data-status="done_on_time"]') == "1"
    # the choice follows to the news, where the article is in Japanese
    page.click("nav.site-nav >> text=ニュース")
    assert "北九州の春祭り" in page.inner_text("main")
    screenshot(page, f"public-ja-{width}")
    # a Russian visitor switches language on the calendar of June 2025
    page.goto(page.base + "/public/events/?year=2025&month=6")
    page.click('.public-langs a[lang="ru"]')
    assert "События" in page.inner_text("h1")
    assert "Tuần phim Nhật Bản công khai" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, f"public-ru-calendar-{width}")
    assert not errors, errors
