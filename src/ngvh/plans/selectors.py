"""Reads of plans and tasks, scoped to the user.

Every page here runs a fixed number of queries whatever the number of tasks: the
assignments and their agencies come in one prefetch.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from ngvh.accounts.policies import is_signed_in
from ngvh.core.text import query_key

from .models import Plan, Task, TaskAssignment


def _visible_plans(user) -> QuerySet[Plan]:
    qs = Plan.objects.select_related("province")
    if not is_signed_in(user):
        qs = qs.filter(is_published=True)
    return qs


def plan_list(*, user) -> list[Plan]:
    return list(_visible_plans(user).defer("body"))


def plan_get(*, user, pk: int) -> Plan:
    plan = _visible_plans(user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def _assignments_prefetch() -> Prefetch:
    return Prefetch(
        "assignments",
        queryset=TaskAssignment.objects.select_related("agency", "origin__agency").order_by("role", "order", "id"),
    )


def task_list(*, plan: Plan, group: str = "", agency_id: int | None = None, q: str = "") -> list[Task]:
    qs = (
        plan.tasks.filter(retired_on__isnull=True)
        .select_related("group")
        .prefetch_related(_assignments_prefetch())
        .order_by("order")
    )
    if group:
        qs = qs.filter(group__code=group)
    if agency_id:
        qs = qs.filter(assignments__agency_id=agency_id).distinct()
    if q:
        qs = qs.filter(search_text__contains=query_key(q))
    return list(qs)


def task_get(*, user, plan_id: int, code: str, version: int | None = None) -> Task:
    """The task as it stands now, or an earlier wording (``version``) kept by an amendment."""
    plan = plan_get(user=user, pk=plan_id)
    qs = Task.objects.filter(plan=plan, code=code)
    if version is not None:
        qs = qs.filter(version=version)
    task = (
        qs.select_related("group", "plan", "plan__province")
        .prefetch_related(_assignments_prefetch())
        .order_by("-version")
        .first()
    )
    if task is None:
        raise Http404
    return task


def plan_agencies(*, plan: Plan) -> list:
    from ngvh.agencies.models import Agency

    return list(Agency.objects.filter(assignments__task__plan=plan).distinct().order_by("name").only("id", "name"))


def task_search(*, user, q: str) -> list[Task]:
    key = query_key(q)
    if not key:
        return []
    plans = _visible_plans(user)
    return list(
        Task.objects.filter(plan__in=plans)
        .filter(Q(search_text__contains=key))
        .select_related("plan", "group")
        .prefetch_related(_assignments_prefetch())
        .order_by("plan_id", "order")[:200]
    )
