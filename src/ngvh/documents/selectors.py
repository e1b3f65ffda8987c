"""Reads for the consolidated report, scoped to the user.

The completeness figures come from ``reporting.selectors.reporting_rates`` so the report,
the dashboard and ``ngvh report rates`` print the same numbers; :func:`rates` turns its
result into the plain dict the renderers take.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from ngvh.plans.models import Plan
from ngvh.reporting.models import AnnualReport, ReportingYear, ReportLine, ReportStatus

from .models import Consolidation
from .policies import ConsolidationPolicy


def _iso(value) -> str:
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    return value.isoformat()


def rates(*, plan: Plan, year: int) -> dict:
    """Expected, submitted, on time, late, accepted and the missing and late agencies.

    Straight from ``reporting.selectors.reporting_rates`` (plus one query for the first
    submission times shown in the completeness table).
    """
    from ngvh.reporting.selectors import reporting_rates

    result = reporting_rates(plan=plan, year=year)
    ids = [a.report_id for a in result.agencies]
    first = dict(AnnualReport.objects.filter(pk__in=ids).values_list("pk", "first_submitted_at")) if ids else {}
    return {
        "expected": result.expected,
        "submitted": result.submitted,
        "on_time": result.on_time,
        "late": result.late,
        "accepted": result.accepted,
        "returned": result.returned,
        # never sent in (still drafts): with the sent and the returned, every expected report
        "not_sent": len(result.missing_agencies),
        "missing": list(result.missing_agencies),
        "late_agencies": list(result.late_agencies),
        "returned_agencies": list(result.returned_agencies),
        "rows": [
            {
                "agency": a.agency_name,
                "status": a.status,
                "submitted_at": _iso(first.get(a.report_id)) if a.submitted else "",
                "on_time": a.on_time if a.submitted else None,
            }
            for a in result.agencies
        ],
    }


def accepted_reports(*, plan: Plan, year: int) -> list[AnnualReport]:
    return list(
        AnnualReport.objects.filter(reporting_year__plan=plan, reporting_year__year=year, status=ReportStatus.ACCEPTED)
        .select_related("agency")
        .order_by("agency__name")
    )


def reports_for_consolidation(*, plan: Plan, year: int, report_ids: list[int] | None) -> list[AnnualReport]:
    """The accepted reports chosen (all accepted when ``report_ids`` is None), lines prefetched."""
    qs = AnnualReport.objects.filter(
        reporting_year__plan=plan, reporting_year__year=year, status=ReportStatus.ACCEPTED
    ).select_related("agency")
    if report_ids is not None:
        qs = qs.filter(pk__in=report_ids)
    lines = ReportLine.objects.select_related("task").order_by("task__order", "order")
    return list(
        qs.prefetch_related(Prefetch("lines", queryset=lines), "planned_activities__task").order_by("agency__name")
    )


def plan_get(*, user, plan_id: int) -> Plan:
    if not ConsolidationPolicy.can_view(user):
        raise Http404
    plan = Plan.objects.select_related("province").defer("body").filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    return plan


def consolidation_find(*, user, plan: Plan, year: int) -> Consolidation | None:
    if not ConsolidationPolicy.can_view(user):
        raise Http404
    return Consolidation.objects.filter(plan=plan, year=year).first()


def consolidation_get(*, user, plan_id: int, year: int) -> Consolidation:
    plan = plan_get(user=user, plan_id=plan_id)
    consolidation = consolidation_find(user=user, plan=plan, year=year)
    if consolidation is None:
        raise Http404
    return consolidation


def consolidation_list(*, user) -> list[dict]:
    """Every reporting year with its consolidation, if any, and its count of accepted reports."""
    from django.db.models import Count, Q

    if not ConsolidationPolicy.can_view(user):
        raise Http404
    years = (
        ReportingYear.objects.select_related("plan")
        .annotate(accepted=Count("reports", filter=Q(reports__status=ReportStatus.ACCEPTED)))
        .order_by("plan__number", "-year")
    )
    existing = {(c.plan_id, c.year): c for c in Consolidation.objects.all()}
    return [{"plan": ry.plan, "year": ry.year, "accepted": ry.accepted, "consolidation": existing.get((ry.plan_id, ry.year))} for ry in years]


# ---- warnings and comparison on the consolidation page -------------------------------------


def unaccepted_reports(*, plan: Plan, year: int) -> list[dict]:
    """Reports of the year not accepted yet (draft, submitted, returned): a consolidation
    built now leaves them out. One query."""
    return [
        {"report_id": pk, "agency": name, "status": status, "status_label": str(ReportStatus(status).label)}
        for pk, name, status in AnnualReport.objects.filter(reporting_year__plan=plan, reporting_year__year=year)
        .exclude(status=ReportStatus.ACCEPTED)
        .order_by("agency__name")
        .values_list("pk", "agency__name", "status")
    ]


def changed_since_built(*, consolidation: Consolidation) -> list[dict]:
    """Reports that changed after the consolidation was built in a way that changes it: one
    it used changed (reopened, edited), or another one was accepted since. One query."""
    if consolidation.built_at is None:
        return []
    used = set(consolidation.report_ids or [])
    rows = (
        AnnualReport.objects.filter(
            reporting_year__plan_id=consolidation.plan_id, reporting_year__year=consolidation.year, updated_at__gt=consolidation.built_at
        )
        .order_by("agency__name")
        .values_list("pk", "agency__name", "status", "updated_at")
    )
    return [
        {"report_id": pk, "agency": name, "status": status, "status_label": str(ReportStatus(status).label), "at": at}
        for pk, name, status, at in rows
        if pk in used or status == ReportStatus.ACCEPTED
    ]


def comparison(*, plan: Plan, year: int, years_shown: int = 5) -> dict:
    """Year on year (the official task figures, the reporting rates and the done activities
    of each opened year up to ``year``) and agency by agency (this year against the last).

    Every figure comes from where the other pages read it: ``reporting.figures`` for the
    task statuses, ``reporting.selectors`` for the rates, the activity rollup for the
    counts. Queries: three for the rates, one for the activity counts, one for the
    agencies' activities, and three per year shown for the task statuses.
    """
    from ngvh.reporting.selectors import reporting_rates_by_year

    results = [r for r in reporting_rates_by_year(plan=plan) if r.year <= year][-years_shown:]
    this = next((r for r in results if r.year == year), None)
    last = next((r for r in results if r.year == year - 1), None)
    return {
        "years": _year_rows(plan, results),
        "agencies": _agency_rows(plan, year, this, last),
        "year": year,
        "previous_year": year - 1,
    }


def _year_rows(plan: Plan, results: list) -> list[dict]:
    """One row per year shown, with the change in done tasks and activities from the year before."""
    from django.db.models import Sum

    from ngvh.activities.models import ActivityRollup, ActivityStatus
    from ngvh.reporting.figures import done_count, status_counts, task_rows
    from ngvh.reporting.models import TaskStatus

    done_activities = dict(
        ActivityRollup.objects.filter(plan=plan, year__in=[r.year for r in results] or [0], status=ActivityStatus.DONE)
        .values("year")
        .annotate(total=Sum("n"))
        .order_by()
        .values_list("year", "total")
    )
    years = []
    previous = None
    for rates in results:
        rows = task_rows(plan=plan, year=rates.year)
        counts = status_counts(rows)
        row = {
            "year": rates.year,
            "tasks": len(rows),
            "done": done_count(counts),
            "in_progress": counts.get(TaskStatus.IN_PROGRESS, 0),
            "overdue": counts.get(TaskStatus.OVERDUE, 0),
            "not_arisen": counts.get(TaskStatus.NOT_ARISEN, 0),
            "no_report": counts.get("", 0),
            "expected": rates.expected,
            "submitted": rates.submitted,
            "accepted": rates.accepted,
            "activities": done_activities.get(rates.year, 0),
        }
        row["done_change"] = row["done"] - previous["done"] if previous else None
        row["activities_change"] = row["activities"] - previous["activities"] if previous else None
        years.append(row)
        previous = row
    return years


def _agency_rows(plan: Plan, year: int, this, last) -> list[dict]:
    """Each agency's report status, lines and done activities, this year and the last, by name."""
    from django.db.models import Count

    from ngvh.activities.models import Activity, ActivityStatus

    agencies: dict[int, dict] = {}

    def _agency(agency_id: int, name: str) -> dict:
        return agencies.setdefault(agency_id, {
            "agency": name, "status": "", "status_label": "—", "previous_status": "", "previous_status_label": "—",
            "lines": 0, "previous_lines": 0, "activities": 0, "previous_activities": 0,
        })

    for rates, prefix in ((this, ""), (last, "previous_")):
        for a in rates.agencies if rates else []:
            entry = _agency(a.agency_id, a.agency_name)
            entry[f"{prefix}status"] = a.status
            entry[f"{prefix}status_label"] = str(ReportStatus(a.status).label)
            entry[f"{prefix}lines"] = a.lines_reported
    for agency_id, name, activity_year, n in (
        Activity.objects.filter(plan=plan, year__in=[year - 1, year], status=ActivityStatus.DONE)
        .values("agency_id", "agency__name", "year")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("agency_id", "agency__name", "year", "n")
    ):
        entry = _agency(agency_id, name)
        entry["activities" if activity_year == year else "previous_activities"] = n
    return sorted(agencies.values(), key=lambda e: e["agency"])
