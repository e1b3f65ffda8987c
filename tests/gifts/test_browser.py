"""The focal point gives a gift its photo; readers see it on the gift page and in the list."""

import pytest

from ngvh.gifts import services
from tests.conftest import login, screenshot

from .test_photos import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_gift_photo_on_the_page_and_in_the_list(page, coordinator, reporter_b):
    gift = services.gift_create(user=coordinator, name="Tranh gốm Chu Đậu", price_band="1m-5m")
    login(page, coordinator.username)
    # when the focal point uploads a photo on the gift page
    page.goto(f"{page.base}/gifts/{gift.pk}/")
    page.set_input_files("#id_photo", {"name": "tranh.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", (1200, 800))})
    page.click("#photo-form button[type=submit]")
    page.wait_for_load_state()
    # then the page shows it, loaded through the checked URL and kept within the page
    photo = page.locator("#gift-photo")
    assert photo.evaluate("img => img.decode().then(() => img.naturalWidth)") == 1200
    assert photo.evaluate("img => img.getBoundingClientRect().width") <= 480
    screenshot(page, "gift-photo-1280")
    # and a reporter of another agency sees the thumbnail in the list, at phone width too
    page.context.clear_cookies()
    login(page, reporter_b.username)
    page.goto(f"{page.base}/gifts/")
    thumb = page.locator("img.gift-thumb")
    assert thumb.evaluate("img => img.decode().then(() => img.naturalWidth)") == 1200
    assert thumb.evaluate("img => img.getBoundingClientRect().width") == 48
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "gifts-list-375")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
