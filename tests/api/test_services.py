"""API tokens: who may create and revoke them, and what a token can do."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ngvh.accounts.models import Role, SecurityEvent
from ngvh.api.models import ApiToken
from ngvh.api.selectors import token_for_key
from ngvh.api.services import MAX_ACTIVE, api_token_create, api_token_revoke
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_owner_creates_a_token_whose_key_is_stored_only_as_a_hash(reporter_a):
    # when a reporter creates a token for their own account
    token, key = api_token_create(user=reporter_a, owner=reporter_a, name="  Cổng thông tin   thành phố ")
    # then the key authenticates as that account, only a hash is stored, and it is logged
    assert token_for_key(key).user == reporter_a
    assert key not in token.key_hash and token.prefix == key[:8]
    assert token.name == "Cổng thông tin thành phố"
    assert SecurityEvent.objects.filter(kind="api_token_created", target=reporter_a).exists()


def test_coordinator_creates_and_revokes_another_accounts_token(coordinator, reporter_a):
    token, key = api_token_create(user=coordinator, owner=reporter_a, name="Excel")
    api_token_revoke(user=coordinator, token=token)
    # then the revoked key no longer works
    assert token_for_key(key) is None
    assert ApiToken.objects.get(pk=token.pk).revoked_by == coordinator


@pytest.mark.parametrize("actor", ["reporter_b", "leader"])
def test_nobody_else_creates_or_revokes_a_token(request, reporter_a, actor):
    other = request.getfixturevalue(actor)
    token, _key = api_token_create(user=reporter_a, owner=reporter_a, name="Excel")
    # when another reporter or a leader tries, then it is refused and nothing changes
    with pytest.raises(PermissionDenied):
        api_token_create(user=other, owner=reporter_a, name="steal")
    with pytest.raises(PermissionDenied):
        api_token_revoke(user=other, token=token)
    assert ApiToken.objects.filter(user=reporter_a, revoked_at__isnull=True).count() == 1


def test_coordinator_cannot_touch_a_superusers_tokens(coordinator):
    admin = UserFactory(username="root", is_superuser=True, role=Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        api_token_create(user=coordinator, owner=admin, name="x")


def test_a_nameless_token_is_refused_with_a_message(reporter_a):
    with pytest.raises(ValidationError) as info:
        api_token_create(user=reporter_a, owner=reporter_a, name="   ")
    assert "name" in info.value.message_dict
    assert not ApiToken.objects.exists()


def test_an_account_holds_a_bounded_number_of_active_tokens(reporter_a):
    for i in range(MAX_ACTIVE):
        api_token_create(user=reporter_a, owner=reporter_a, name=f"t{i}")
    with pytest.raises(ValidationError):
        api_token_create(user=reporter_a, owner=reporter_a, name="one too many")
    assert ApiToken.objects.filter(user=reporter_a).count() == MAX_ACTIVE


def test_an_inactive_accounts_token_stops_working(reporter_a):
    _token, key = api_token_create(user=reporter_a, owner=reporter_a, name="x")
    reporter_a.is_active = False
    reporter_a.save()
    assert token_for_key(key) is None
