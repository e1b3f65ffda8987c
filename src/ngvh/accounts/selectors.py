"""Reads for account administration, scoped to the user: non-coordinators see nothing."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import SecurityEvent, User
from .policies import SecurityEventPolicy, UserPolicy


def user_list(*, user, q: str = "", agency_id: int | None = None, role: str = "", active: str = "") -> QuerySet[User]:
    if not UserPolicy.can_manage(user):
        raise Http404
    # The system actor is no account to administer: it never appears here.
    qs = User.objects.filter(is_system=False).select_related("agency").order_by("agency__name", "username")
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(full_name__icontains=q) | Q(email__icontains=q))
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if role:
        qs = qs.filter(role=role)
    if active in ("1", "0"):
        qs = qs.filter(is_active=active == "1")
    return qs


def user_get(*, user, pk: int) -> User:
    """A missing account and one the user may not manage give the same 404."""
    if not UserPolicy.can_manage(user):
        raise Http404
    target = User.objects.select_related("agency").filter(pk=pk, is_system=False).first()
    if target is None:
        raise Http404
    return target


def security_events(*, user, target: User | None = None, kind: str = "") -> QuerySet[SecurityEvent]:
    if not SecurityEventPolicy.can_view(user):
        raise Http404
    qs = SecurityEvent.objects.select_related("actor", "target").order_by("-at", "-id")
    if target is not None:
        qs = qs.filter(Q(target=target) | Q(actor=target))
    if kind:
        qs = qs.filter(kind=kind)
    return qs
