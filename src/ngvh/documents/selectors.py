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
