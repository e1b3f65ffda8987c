"""Reads of API tokens, scoped to who may manage them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404

from .models import ApiToken
from .policies import ApiTokenPolicy
from .services import key_hash


def token_owner_get(*, user, pk: int):
    owner = get_user_model().objects.filter(pk=pk).select_related("agency").first()
    if owner is None or not ApiTokenPolicy.can_manage_for(user, owner):
        raise Http404
    return owner


def tokens_for(*, user, owner) -> list[ApiToken]:
    if not ApiTokenPolicy.can_manage_for(user, owner):
        raise Http404
    return list(ApiToken.objects.filter(user=owner).select_related("created_by", "revoked_by"))


def token_get(*, user, pk: int) -> ApiToken:
    token = ApiToken.objects.select_related("user").filter(pk=pk).first()
    if token is None or not ApiTokenPolicy.can_manage_for(user, token.user):
        raise Http404
    return token


def token_for_key(key: str) -> ApiToken | None:
    """The active token with this key, or None; an inactive account's tokens do not work."""
    if not key or len(key) > 200:
        return None
    token = ApiToken.objects.select_related("user", "user__agency").filter(key_hash=key_hash(key)).first()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    return token
