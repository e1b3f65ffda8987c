"""Writes on API tokens. Each one is a security event: who gave or took API access."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ngvh.accounts.models import SecurityEventKind
from ngvh.accounts.services import security_event_record

from .models import ApiToken
from .policies import ApiTokenPolicy

KEY_BYTES = 32
MAX_ACTIVE = 10


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, user, owner, name: str, request=None) -> tuple[ApiToken, str]:
    """Returns the token row and the key, which is never stored and cannot be shown again."""
    if not ApiTokenPolicy.can_manage_for(user, owner):
        raise PermissionDenied
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the system that will use it.")})
    if len(name) > 100:
        raise ValidationError({"name": _("The name is at most 100 characters.")})
    if ApiToken.objects.select_for_update().filter(user=owner, revoked_at__isnull=True).count() >= MAX_ACTIVE:
        raise ValidationError({"name": _("An account holds at most %(n)d active tokens: revoke one first.") % {"n": MAX_ACTIVE}})
    key = secrets.token_urlsafe(KEY_BYTES)
    token = ApiToken.objects.create(user=owner, name=name, prefix=key[:8], key_hash=key_hash(key), created_by=user)
    security_event_record(kind=SecurityEventKind.API_TOKEN_CREATED, actor=user, target=owner, request=request, details={"token": token.prefix})
    return token, key


@transaction.atomic
def api_token_revoke(*, user, token: ApiToken, request=None) -> ApiToken:
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if not ApiTokenPolicy.can_revoke(user, token):
        raise PermissionDenied
    token.revoked_at = timezone.now()
    token.revoked_by = user
    token.save(update_fields=["revoked_at", "revoked_by"])
    security_event_record(kind=SecurityEventKind.API_TOKEN_REVOKED, actor=user, target=token.user, request=request, details={"token": token.prefix})
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Record use at most once a minute: a busy integration must not write on every call."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
