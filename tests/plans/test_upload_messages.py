"""Sending an upload form with no file says so, on the page."""

import pytest
from django.urls import reverse

from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_plan_upload_without_a_file_says_to_choose_one(client, coordinator):
    # given a coordinator on the import page
    client.force_login(coordinator)
    # when the form is sent with no file at all
    response = client.post(reverse("plans:review_new"), {}, HTTP_ACCEPT_LANGUAGE="en")
    # then the page answers 400 with the message next to the field
    assert response.status_code == 400
    assert "Hãy chọn văn bản kế hoạch để tải lên." in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", ["/plans/import/", "/activities/import/"])
def test_upload_forms_show_the_missing_file_message_in_the_page(page, url, seed_plan, coordinator):
    # given a coordinator on an upload page in Chromium
    login(page, coordinator.username)
    page.goto(page.base + url + f"?plan={seed_plan.pk}")
    # when they press the button without choosing a file
    page.click("main form.panel button[type=submit]")
    page.wait_for_load_state()
    # then the page itself says what is missing (no silent browser bubble)
    assert page.locator(".error-summary").is_visible()
    assert page.locator(".error-message").count() >= 1
