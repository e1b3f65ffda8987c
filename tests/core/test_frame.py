"""The site header kept per reader and language: the same bytes as the template renders,
a valid CSRF token and the current path put in on every request."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from ngvh.core import frame
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER_RE = re.compile(r'<header class="site-header">.*?</header>', re.S)
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _empty():
    frame.clear()
    yield
    frame.clear()


def _header(response) -> str:
    return HEADER_RE.search(response.content.decode()).group(0)


def _without_tokens(html: str) -> str:
    return TOKEN_RE.sub('name="csrfmiddlewaretoken" value="T"', html)


@pytest.mark.parametrize("who", ["coordinator", "reporter_a", "leader"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_kept_header_is_the_templates(client, who, language, request, monkeypatch):
    # given a signed-in reader in a language
    client.force_login(request.getfixturevalue(who))
    client.cookies["django_language"] = language
    url = reverse("plans:list") + "?q=a&b=<x>"
    # when the header is drawn twice through the cache (the second is served from it)
    client.get(url)
    kept = _header(client.get(url))
    assert len(frame._headers) == 1
    # and once by the template alone
    monkeypatch.setattr(frame, "header_key", lambda context: None)
    drawn = _header(client.get(url))
    # then they are the same bytes but for the masked CSRF tokens
    assert _without_tokens(kept) == _without_tokens(drawn)
    # and the language switch returns to this page, escaped; no placeholder is left
    assert 'name="next" value="/plans/?q=a&amp;b=%3Cx%3E"' in kept
    assert frame.TOKEN not in kept and frame.PATH not in kept


def test_each_request_gets_a_working_csrf_token(coordinator):
    # given a browser-like client whose header is served from the cache
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(coordinator)
    browser.get(reverse("plans:list"))
    page = browser.get(reverse("agencies:list"))
    tokens = TOKEN_RE.findall(_header(page))
    assert tokens and len(frame._headers) == 1
    # when the logout form in that header is posted with its token
    response = browser.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": tokens[0]})
    # then the token is accepted and the reader is signed out
    assert response.status_code == 302
    assert not browser.get(reverse("plans:list")).context["user"].is_authenticated


def test_readers_get_their_own_header_and_a_rename_shows_at_once(client, coordinator):
    # given two readers of different agencies
    other = UserFactory(full_name="Trần Thị Bình")
    client.force_login(coordinator)
    first = _header(client.get(reverse("plans:list")))
    client.force_login(other)
    second = _header(client.get(reverse("plans:list")))
    # then each header names its own reader and agency
    assert coordinator.display_name in first and "Trần Thị Bình" not in first
    assert "Trần Thị Bình" in second and other.agency.name in second
    # when the reader is renamed
    other.full_name = "Trần Thị Bình An"
    other.save(update_fields=["full_name"])
    # then the next page names them so (another key, nothing to invalidate)
    assert "Trần Thị Bình An" in _header(client.get(reverse("plans:list")))


def test_an_anonymous_header_is_not_kept(client):
    # when nobody is signed in, the header (its login link with the current path) is drawn each time
    body = client.get(reverse("plans:list") + "?q=x").content.decode()
    assert "?next=/plans/%3Fq%3Dx" in body
    assert frame._headers == {}
