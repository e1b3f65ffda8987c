"""What an officer sees when the server fails: a database that is down answers 503 with a
message in their language (rendered without touching the database), anything else 500."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings, client):
    settings.DEBUG = False
    client.raise_request_exception = False
    return client


def _signed_in(client, django_user_model):
    user = django_user_model.objects.create_user(username="officer", password="x-9-long-enough")
    client.force_login(user)
    return user


def test_database_down_gives_503_with_retry_after_and_a_message(production, django_user_model, monkeypatch):
    # given a signed-in officer whose session cannot be read because the database is gone
    _signed_in(production, django_user_model)

    def gone(self):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(SessionStore, "load", gone)
    # when they open a page (Vietnamese, the default)
    response = production.get("/plans/")
    # then the answer says the system is briefly unavailable and asks to retry
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "Tạm thời không truy cập được" in text
    assert "chưa được lưu" in text
    assert "5432" not in text  # nothing of the server's internals


def test_database_down_message_in_english(production, django_user_model, monkeypatch):
    # given English chosen and a database that refuses
    _signed_in(production, django_user_model)
    production.cookies["django_language"] = "en"
    monkeypatch.setattr(SessionStore, "load", lambda self: (_ for _ in ()).throw(OperationalError("down")))
    # when a page is asked for
    response = production.get("/plans/")
    # then the message is in English
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.content.decode()


def test_other_failures_give_500_without_details(production, django_user_model, monkeypatch):
    # given a bug anywhere in the request
    _signed_in(production, django_user_model)
    monkeypatch.setattr(SessionStore, "load", lambda self: (_ for _ in ()).throw(RuntimeError("secret detail")))
    # when a page is asked for
    response = production.get("/plans/")
    # then a plain error page, no Retry-After, nothing of the exception
    assert response.status_code == 500
    assert "Retry-After" not in response
    text = response.content.decode()
    assert "Đã có lỗi" in text
    assert "secret detail" not in text


def test_a_missing_page_is_a_translated_404(production):
    # when an address that does not exist is opened in production
    response = production.get("/khong-co-trang-nay/")
    # then the page says so in Vietnamese, with a way home
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy trang" in text and "Về trang chủ" in text


def test_an_expired_form_is_explained_not_a_technical_403(production, django_user_model):
    # given a signed-in officer posting a form without its CSRF token (an expired page)
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(django_user_model.objects.create_user(username="late", password="x-9-long-enough"))
    # when the form is sent
    response = browser.post("/reports/open/", {})
    # then the answer explains it in Vietnamese and says nothing was saved
    assert response.status_code == 403
    text = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in text and "chưa được lưu" in text
