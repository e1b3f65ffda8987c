"""Logging in and out, and the role predicates every policy builds on."""

import pytest
from django.urls import reverse

from ngvh.accounts import policies
from ngvh.accounts.models import Role
from tests.factories import UserFactory


@pytest.mark.django_db
def test_login_with_correct_password_then_logout(client, reporter_a, password):
    # Given a reporter account
    # When they log in with the right password
    response = client.post(reverse("accounts:login"), {"username": "reporter_a", "password": password})
    # Then they are signed in and sent home
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user == reporter_a
    # When they log out
    client.post(reverse("accounts:logout"))
    # Then they are anonymous again
    assert not client.get("/").wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_login_with_wrong_password_says_so_in_vietnamese(client, reporter_a):
    response = client.post(reverse("accounts:login"), {"username": "reporter_a", "password": "nope-nope-nope"})
    assert response.status_code == 200
    assert "không đúng" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_role_predicates():
    coordinator = UserFactory(role=Role.COORDINATOR)
    reporter = UserFactory(role=Role.REPORTER)
    leader = UserFactory(role=Role.LEADER)
    admin = UserFactory(role=Role.REPORTER, is_superuser=True)

    assert policies.is_coordinator(coordinator) and policies.is_coordinator(admin)
    assert not policies.is_coordinator(reporter) and not policies.is_coordinator(leader)
    assert policies.is_reporter(reporter) and not policies.is_reporter(admin)
    assert policies.is_leader(leader)
    assert policies.reads_everything(leader) and policies.reads_everything(coordinator)
    assert not policies.reads_everything(reporter)
    assert policies.belongs_to(reporter, reporter.agency_id)
    assert not policies.belongs_to(reporter, leader.agency_id)


@pytest.mark.django_db
def test_inactive_user_has_no_role():
    user = UserFactory(role=Role.COORDINATOR, is_active=False)
    assert not policies.is_coordinator(user)
    assert not policies.is_signed_in(user)


@pytest.mark.django_db
def test_role_is_constrained_in_the_database():
    from django.db import IntegrityError, transaction

    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(user).objects.filter(pk=user.pk).update(role="emperor")
