from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors


def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plan_list(user=request.user)
    return render(request, "plans/plan_list.html", {"plans": plans, "crumbs": [(_("Plans"), None)]})


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    group = request.GET.get("group", "").strip()
    agency_id = _int_or_none(request.GET.get("agency"))
    q = request.GET.get("q", "").strip()
    tasks = selectors.task_list(plan=plan, group=group, agency_id=agency_id, q=q)
    groups = list(plan.groups.all())
    rows = []
    current = None
    for task in tasks:
        if task.group_id != current:
            rows.append({"group": task.group})
            current = task.group_id
        rows.append({"task": task})
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "groups": groups,
            "agencies": selectors.plan_agencies(plan=plan),
            "rows": rows,
            "task_count": len(tasks),
            "filters": {"group": group, "agency": agency_id, "q": q},
            "filtered": bool(group or agency_id or q),
            "crumbs": [(_("Plans"), reverse("plans:list")), (plan.number, None)],
        },
    )


def task_detail(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    version = _int_or_none(request.GET.get("version"))
    task = selectors.task_get(user=request.user, plan_id=pk, code=code, version=version)
    assignments = list(task.assignments.all())
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "plan": task.plan,
            "lead": [a for a in assignments if a.role == "lead"],
            "coordinators": [a for a in assignments if a.role == "coordinator"],
            "crumbs": [
                (_("Plans"), reverse("plans:list")),
                (task.plan.number, reverse("plans:detail", args=[task.plan_id])),
                (_("Task %(code)s") % {"code": task.code}, None),
            ],
        },
    )


def task_search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    tasks = selectors.task_search(user=request.user, q=q) if q else []
    return render(
        request,
        "plans/search.html",
        {"q": q, "tasks": tasks, "crumbs": [(_("Plans"), reverse("plans:list")), (_("Search"), None)]},
    )
