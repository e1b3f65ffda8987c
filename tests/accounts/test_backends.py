"""The sign-in backend loads the signed-in user with the header's facts in one query, and
sessions signed in before it stay signed in."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ngvh.accounts.backends import BACKEND_PATH, DEMO_PRESENT, AccountBackend
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LEGACY = "django.contrib.auth.backends.ModelBackend"


def test_get_user_joins_the_agency_and_answers_the_demo_question_in_one_query(reporter_a):
    # given a reporter of an agency and no demo account
    # when the backend loads them
    with CaptureQueriesContext(connection) as queries:
        user = AccountBackend().get_user(reporter_a.pk)
        agency_name = user.agency.name
        demo = getattr(user, DEMO_PRESENT)
    # then one query answered all three
    assert len(queries) == 1
    assert (user.pk, agency_name, demo) == (reporter_a.pk, "Sở Văn hóa và Thể thao", False)
    # and once a demo account exists the same query says so
    UserFactory(is_demo=True)
    assert getattr(AccountBackend().get_user(reporter_a.pk), DEMO_PRESENT) is True


def test_get_user_refuses_an_inactive_or_missing_user(reporter_a):
    # given a deactivated reporter
    reporter_a.is_active = False
    reporter_a.save(update_fields=["is_active"])
    # then the backend loads nobody, as ModelBackend does, nor for an id that does not exist
    assert AccountBackend().get_user(reporter_a.pk) is None
    assert AccountBackend().get_user(10**9) is None


def test_the_backend_authenticates_with_the_password(reporter_a, client):
    # when the reporter signs in with the login form
    response = client.post(reverse("accounts:login"), {"username": "reporter_a", "password": PASSWORD})
    assert response.status_code == 302, response.content[:300]
    # then the session names the new backend
    assert client.session[BACKEND_SESSION_KEY] == BACKEND_PATH


def _legacy_session(client, user) -> None:
    client.force_login(user, backend=LEGACY)
    assert client.session[BACKEND_SESSION_KEY] == LEGACY


def test_a_session_signed_in_through_model_backend_stays_signed_in(client, reporter_a, settings):
    # given a session made by the previous release (ModelBackend, no longer listed)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, LEGACY]
    _legacy_session(client, reporter_a)
    settings.AUTHENTICATION_BACKENDS = [b for b in settings.AUTHENTICATION_BACKENDS if b != LEGACY]
    # when its next request comes
    response = client.get(reverse("plans:list"))
    # then the reader is still signed in, and the session now names the new backend
    assert response.status_code == 200
    assert response.context["user"].pk == reporter_a.pk
    assert client.session[BACKEND_SESSION_KEY] == BACKEND_PATH
    assert client.session[SESSION_KEY] == str(reporter_a.pk)


def test_an_upgraded_session_still_ends_when_the_password_changes(client, reporter_a, settings):
    # given a legacy session
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, LEGACY]
    _legacy_session(client, reporter_a)
    settings.AUTHENTICATION_BACKENDS = [b for b in settings.AUTHENTICATION_BACKENDS if b != LEGACY]
    # when the password is changed elsewhere (the session's hash no longer matches)
    reporter_a.set_password("another-long-password-1")
    reporter_a.save(update_fields=["password"])
    # then the rewritten session is signed out: the hash is still checked
    response = client.get(reverse("plans:list"))
    assert not response.context["user"].is_authenticated
