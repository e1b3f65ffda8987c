"""Session expiry after inactivity, with the session written only now and then."""

from __future__ import annotations

import time

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ngvh.core.sessions import REFRESHED_AT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _session(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def _set_refreshed(client, seconds_ago: int) -> None:
    session = client.session
    session[REFRESHED_AT] = int(time.time()) - seconds_ago
    session.save()


def _session_writes(queries) -> list[str]:
    return [
        q["sql"] for q in queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_idle_session_past_the_limit_is_logged_out(client, coordinator, settings):
    # given a logged-in user whose session was last saved longer ago than the idle limit
    client.force_login(coordinator)
    assert client.get(reverse("site:home")).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=_session(client).expire_date.replace(year=2000)
    )
    # when they come back
    response = client.get(reverse("site:home"))
    # then they are no longer logged in
    assert response.status_code in (200, 302)
    assert not response.wsgi_request.user.is_authenticated


def test_active_session_is_extended(client, coordinator, settings):
    # given a session saved more than a quarter of the idle window ago
    client.force_login(coordinator)
    _set_refreshed(client, settings.SESSION_COOKIE_AGE // 4 + 5)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=_session(client).expire_date.replace(microsecond=0)
    )
    before = _session(client).expire_date
    time.sleep(1.1)
    # when the user opens a page
    response = client.get(reverse("site:home"))
    # then the page is served and the stored expiry moves forward
    assert response.wsgi_request.user.is_authenticated
    assert _session(client).expire_date > before
    assert int(time.time()) - client.session[REFRESHED_AT] < 5


def test_recently_refreshed_session_is_not_written(client, coordinator):
    # given a session refreshed a minute ago
    client.force_login(coordinator)
    _set_refreshed(client, 60)
    before = _session(client).expire_date
    # when the user opens a page
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("site:home"))
    # then nothing is written to the session table, and the user is still logged in
    assert response.wsgi_request.user.is_authenticated
    assert _session_writes(ctx.captured_queries) == []
    assert _session(client).expire_date == before


def test_request_without_session_cookie_creates_no_session(client):
    # given no cookie (a health probe)
    # when it calls the health endpoint
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("core:healthz"))
    # then no session row is written
    assert response.status_code == 200
    assert _session_writes(ctx.captured_queries) == []
    assert Session.objects.count() == 0


def test_login_stamps_the_session(client, coordinator, password):
    # when the user logs in through the form
    client.post(reverse("accounts:login"), {"username": coordinator.username, "password": password})
    # then the session carries the refresh stamp, so the next page needs no write
    assert REFRESHED_AT in client.session


def test_a_nul_byte_in_the_query_is_refused_with_400(client, db):
    # PostgreSQL refuses NUL in text columns: without this, a filter would answer 500
    assert client.get("/activities/?q=a%00b").status_code == 400
    assert client.get("/api/activities/?q=%00").status_code == 400
    assert client.get("/public/?lang=vi").status_code == 200


@pytest.mark.parametrize("path", ["/", "/activities/", "/reports/", "/accounts/password/change/"])
def test_signed_in_pages_are_never_stored(client, reporter_a, path):
    # given a signed-in reporter
    client.force_login(reporter_a)
    # when they open a page
    response = client.get(path, follow=True)
    # then neither the browser nor a proxy may keep it
    cache_control = response.headers.get("Cache-Control", "")
    assert "no-store" in cache_control and "private" in cache_control


def test_anonymous_public_pages_are_not_marked_no_store(client, db):
    # given nobody signed in, when the public portal is read
    response = client.get(reverse("public:activities"))
    # then the middleware leaves it alone; signed in, the same page is not stored
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    client.force_login(UserFactory())
    assert "no-store" in client.get(reverse("public:activities")).headers.get("Cache-Control", "")


def test_api_answers_to_a_token_are_never_stored(client, reporter_a):
    # given an API call with a token (valid or not, it carries someone's credentials)
    response = client.get("/api/", HTTP_AUTHORIZATION="Token not-a-real-token")
    # then the answer is not stored either
    assert "no-store" in response.headers.get("Cache-Control", "")


def test_the_kept_csp_header_is_django_csps_and_follows_the_settings(client, settings):
    # given the site-wide policy as django-csp builds it
    from csp.utils import build_policy

    expected = build_policy()
    # when two pages are served
    first = client.get(reverse("core:healthz"))["Content-Security-Policy"]
    second = client.get(reverse("site:home"))["Content-Security-Policy"]
    # then both carry exactly that header
    assert first == second == expected
    # when a CSP setting changes, the next response follows it
    settings.CSP_IMG_SRC = ("'self'",)
    assert client.get(reverse("core:healthz"))["Content-Security-Policy"] == build_policy()
    assert "data:" not in build_policy()


def test_a_per_view_csp_change_is_still_applied(client):
    # given the API documentation page, whose view widens the policy (csp_update)
    response = client.get(reverse("api:swagger"))
    # then its header carries the change, and the site-wide one does not
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in client.get(reverse("core:healthz"))["Content-Security-Policy"]
