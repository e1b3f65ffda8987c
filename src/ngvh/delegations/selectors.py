"""Reads of delegations, scoped to the user; forbidden and missing give the same 404."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404

from .models import Delegation
from .policies import DelegationPolicy


def visible_delegations(user) -> QuerySet[Delegation]:
    rule = DelegationPolicy.visible_q(user)
    if rule is None:
        return Delegation.objects.none()
    return Delegation.objects.filter(rule)


def delegation_list(*, user, plan_id: int | None = None, status: str = "") -> QuerySet[Delegation]:
    qs = visible_delegations(user).select_related("lead_agency", "partner")
    if plan_id:
        qs = qs.filter(plan_id=plan_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-start_date", "-id")


def delegation_get(*, user, pk: int) -> Delegation:
    found = visible_delegations(user).select_related("lead_agency", "partner", "activity", "plan").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def delegation_events(delegation: Delegation):
    return list(delegation.events.select_related("actor").order_by("at", "id"))


def calendar_delegations(
    *, user, first: dt.date, last: dt.date, plan_id: int | None = None, agency_id: int | None = None, limit: int = 1000
) -> list[Delegation]:
    """Delegations overlapping [first, last] that have no activity yet (an activity shows itself)."""
    qs = visible_delegations(user).filter(start_date__lte=last, end_date__gte=first, activity__isnull=True)
    if plan_id:
        qs = qs.filter(plan_id=plan_id)
    if agency_id:
        qs = qs.filter(lead_agency_id=agency_id)
    return list(qs.select_related("lead_agency").order_by("start_date", "id")[:limit])
