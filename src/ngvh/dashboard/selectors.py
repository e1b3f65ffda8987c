"""Reads behind the dashboard, aggregated in the database.

A province holds tens of thousands of activities and the national view a million: every
figure here is a GROUP BY in SQL, each function runs a fixed number of queries whatever
the data size, and nothing loops over activities in Python (only over the few aggregate
rows: kinds x months, countries, tasks).

The same functions feed the consolidated report's annex (documents.services), so the
dashboard and the .xlsx agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.http import Http404

from ngvh.accounts.policies import is_signed_in
from ngvh.activities.models import (
    ActivityRollup,
    ActivityStatus,
)
from ngvh.plans.models import Plan
from ngvh.reporting import figures
from ngvh.reporting.models import ReportingYear, ReportStatus, TaskStatus
from ngvh.reporting.task_status import DONE

TaskRow = figures.TaskRow


def task_rows(
    *, user, plan: Plan, year: int, basis: str = figures.Basis.OFFICIAL, group_id: int | None = None,
    agency_id: int | None = None,
) -> list[TaskRow]:
    """Every task with its status for the year, on the basis the reader is allowed.

    The figures themselves are ``reporting.figures.task_rows``: the same for the public
    page, the documents and the API.
    """
    basis = figures.basis_for(user, basis)
    return figures.task_rows(plan=plan, year=year, basis=basis, group_id=group_id, agency_id=agency_id)


def status_counts(rows) -> dict[str, int]:
    return figures.status_counts(rows)


def plan_for_dashboard(*, user, plan_id: int, public: bool = False) -> Plan:
    qs = Plan.objects.select_related("province").defer("body")
    if public or not is_signed_in(user):
        qs = qs.filter(is_published=True)
    plan = qs.filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    return plan


def reporting_years(*, plan: Plan) -> list[int]:
    return list(ReportingYear.objects.filter(plan=plan).order_by("-year").values_list("year", flat=True))


# ---- national view (all plans, one year) --------------------------------------------------


@dataclass
class _StatusOnly:
    status: str


def national_years() -> list[int]:
    return list(ReportingYear.objects.order_by("-year").values_list("year", flat=True).distinct())


def national_overview(*, year: int, basis: str = "official") -> dict:
    """Every plan's figures for one year in a fixed number of aggregate queries (for leaders/coordinators)."""
    plans = list(Plan.objects.select_related("province").defer("body").order_by("province__name", "number"))
    per_plan_status = figures.plans_status_counts(year=year, basis=basis)
    status_rows = [_StatusOnly(status) for counts in per_plan_status.values() for status, n in counts.items() for _ in range(n)]
    from ngvh.reporting.models import AnnualReport

    reports = {
        row["reporting_year__plan_id"]: row
        for row in AnnualReport.objects.filter(reporting_year__year=year, is_expected=True)
        .values("reporting_year__plan_id")
        .annotate(
            expected=Count("id"),
            submitted=Count("id", filter=Q(status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED])),
            accepted=Count("id", filter=Q(status=ReportStatus.ACCEPTED)),
        )
        .order_by()
    }
    acts = {
        row["plan_id"]: row
        for row in ActivityRollup.objects.filter(status=ActivityStatus.DONE, year=year)
        .values("plan_id")
        .annotate(n=Sum("n"), participants=Sum("participants"), state=Sum("budget_state"),
                  private=Sum("budget_private"), foreign_funds=Sum("budget_foreign"))
        .order_by()
    }
    rows = []
    for plan in plans:
        counts = per_plan_status.get(plan.pk, {})
        r = reports.get(plan.pk, {})
        a = acts.get(plan.pk, {})
        rows.append(
            {
                "plan": plan,
                "tasks": sum(counts.values()),
                "done": sum(counts.get(s, 0) for s in DONE),
                "overdue": counts.get(TaskStatus.OVERDUE, 0),
                "expected": r.get("expected", 0),
                "submitted": r.get("submitted", 0),
                "accepted": r.get("accepted", 0),
                "activities": a.get("n", 0),
                "participants": a.get("participants") or 0,
                "budget": (a.get("state") or 0) + (a.get("private") or 0) + (a.get("foreign_funds") or 0),
            }
        )
    return {"plan_rows": rows, "status_task_rows": status_rows}
