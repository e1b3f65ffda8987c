"""Pages every user meets: home, health, language switch, header facts, demo banner."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory


@pytest.mark.django_db
def test_home_is_vietnamese_by_default(client):
    # Given an anonymous visitor with no language preference
    # When they open the home page
    response = client.get("/")
    # Then the page is in Vietnamese and offers English
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Kế hoạch" in html
    assert 'value="en"' in html


@pytest.mark.django_db
def test_language_switch_to_english_and_back(client):
    # Given the home page
    # When the visitor chooses English
    response = client.post(reverse("set_language"), {"language": "en", "next": "/plans/"}, follow=True)
    # Then the page they came from is shown in English
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Plans" in html
    # And switching back gives Vietnamese again
    response = client.post(reverse("set_language"), {"language": "vi", "next": "/plans/"}, follow=True)
    assert '<html lang="vi">' in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_header_shows_agency_and_role_of_signed_in_user(client, reporter_a):
    # Given a reporter of Sở Văn hóa và Thể thao who is logged in
    client.force_login(reporter_a)
    # When they open any page
    html = client.get("/plans/").content.decode()
    # Then the header names their agency and role
    assert "Sở Văn hóa và Thể thao" in html
    assert "Cán bộ báo cáo" in html


@pytest.mark.django_db
def test_demo_banner_only_while_demo_data_exists(client):
    # Given no demo data
    assert "demo-banner" not in client.get("/").content.decode()
    # When a demo account exists
    UserFactory(is_demo=True)
    # Then every page carries the banner
    assert "demo-banner" in client.get("/").content.decode()


@pytest.mark.django_db
def test_pages_reference_no_external_assets(client):
    # Every asset is served by the app: no CDN, no web fonts from the internet.
    html = client.get("/").content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
