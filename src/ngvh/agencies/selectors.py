"""Reads of the agency registry, already scoped to what the user may see.

The directory is public information (who is responsible for what), so every user,
signed in or not, sees the same agencies.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Agency


def agency_list(*, user, province_id: int | None = None, q: str = "") -> QuerySet[Agency]:
    from ngvh.core.text import agency_key

    qs = Agency.objects.select_related("province").annotate(
        lead_count=Count("assignments", filter=Q(assignments__role="lead", assignments__active_until__isnull=True), distinct=True),
        coordinator_count=Count(
            "assignments", filter=Q(assignments__role="coordinator", assignments__active_until__isnull=True), distinct=True
        ),
    )
    if province_id:
        qs = qs.filter(province_id=province_id)
    if q:
        key = agency_key(q)
        qs = qs.filter(Q(name_key__contains=key) | Q(aliases__key__contains=key) | Q(short_name__iexact=q)).distinct()
    return qs.order_by("province__name", "name")


def agency_get(*, user, pk: int) -> Agency:
    from ngvh.plans.models import TaskAssignment

    assignments = TaskAssignment.objects.select_related("task", "task__plan", "task__group").order_by(
        "task__plan_id", "task__order"
    )
    qs = Agency.objects.select_related("province", "parent").prefetch_related(
        "aliases", Prefetch("assignments", queryset=assignments)
    )
    return get_object_or_404(qs, pk=pk)
