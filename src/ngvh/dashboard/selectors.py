"""Reads behind the dashboard, aggregated in the database.

A province holds tens of thousands of activities and the national view a million: every
figure here is a GROUP BY in SQL, each function runs a fixed number of queries whatever
the data size, and nothing loops over activities in Python (only over the few aggregate
rows: kinds x months, countries, tasks).

The same functions feed the consolidated report's annex (documents.services), so the
dashboard and the .xlsx agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractMonth
from django.http import Http404

from ngvh.accounts.policies import belongs_to, is_signed_in, reads_everything
from ngvh.activities.models import (
    Activity,
    ActivityCountry,
    ActivityCountryRollup,
    ActivityRollup,
    ActivityStatus,
)
from ngvh.plans.models import Plan
from ngvh.reporting import figures
from ngvh.reporting.models import ReportingYear, ReportStatus

BUDGET_SOURCES = ("budget_state", "budget_private", "budget_foreign")


@dataclass
class ActivityFigures:
    count: int = 0
    participants_reported: int = 0  # activities that gave a number of participants
    participants: int = 0
    participants_foreign: int = 0
    budget_state: int = 0
    budget_private: int = 0
    budget_foreign: int = 0
    media: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_month: list[int] = field(default_factory=lambda: [0] * 12)
    countries: dict[str, int] = field(default_factory=dict)

    @property
    def budget_total(self) -> int:
        return self.budget_state + self.budget_private + self.budget_foreign

    def as_dict(self) -> dict:
        return {
            "count": self.count,
            "participants_reported": self.participants_reported,
            "participants": self.participants,
            "participants_foreign": self.participants_foreign,
            "budget_state": self.budget_state,
            "budget_private": self.budget_private,
            "budget_foreign": self.budget_foreign,
            "budget_total": self.budget_total,
            "media": self.media,
            "by_kind": dict(self.by_kind),
            "by_month": list(self.by_month),
            "countries": dict(self.countries),
        }


def _activities(*, plan_id: int | None, year: int | None, group_id: int | None = None, agency_id: int | None = None):
    """Done activities (planned and cancelled ones are not results) in scope."""
    qs = Activity.objects.filter(status=ActivityStatus.DONE)
    if plan_id is not None:
        qs = qs.filter(plan_id=plan_id)
    if year is not None:
        qs = qs.filter(year=year)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if group_id is not None:
        through = Activity.tasks.through
        qs = qs.filter(Exists(through.objects.filter(activity_id=OuterRef("pk"), task__group_id=group_id)))
    return qs


def activity_figures(*, plan_id: int | None, year: int | None, group_id: int | None = None, agency_id: int | None = None) -> ActivityFigures:
    """Two queries: one GROUP BY (kind, month) with the sums, one GROUP BY country.

    Without a group or agency filter (the national view always, a province by default)
    both read the rollup tables, a few thousand rows at national scale instead of a
    year's hundred thousand activities. The filters need the activities themselves: an
    activity may serve tasks of several groups, so no rollup key can hold a group, and
    one agency's activities are few and indexed by ``(agency, year)``.
    """
    if group_id is None and agency_id is None:
        return _rollup_figures(plan_id=plan_id, year=year)
    qs = _activities(plan_id=plan_id, year=year, group_id=group_id, agency_id=agency_id)
    rows = (
        qs.annotate(month=ExtractMonth("start_date"))
        .values("kind", "month")
        .annotate(
            n=Count("id"),
            reported=Count("participants_total"),
            participants=Sum("participants_total"),
            foreign=Sum("participants_foreign"),
            state=Sum("budget_state"),
            private=Sum("budget_private"),
            foreign_funds=Sum("budget_foreign"),
            media=Sum("media_count"),
        )
        .order_by()
    )
    countries = (
        ActivityCountry.objects.filter(activity__in=qs.values("pk"))
        .values("code")
        .annotate(n=Count("activity_id"))
        .order_by("-n", "code")
    )
    return _figures(rows, countries)


def _rollup_figures(*, plan_id: int | None, year: int | None) -> ActivityFigures:
    rows = ActivityRollup.objects.filter(status=ActivityStatus.DONE)
    countries = ActivityCountryRollup.objects.filter(status=ActivityStatus.DONE)
    if plan_id is not None:
        rows, countries = rows.filter(plan_id=plan_id), countries.filter(plan_id=plan_id)
    if year is not None:
        rows, countries = rows.filter(year=year), countries.filter(year=year)
    rows = rows.values("kind", "month").annotate(
        n=Sum("n"),
        reported=Sum("participants_reported"),
        participants=Sum("participants"),
        foreign=Sum("participants_foreign"),
        state=Sum("budget_state"),
        private=Sum("budget_private"),
        foreign_funds=Sum("budget_foreign"),
        media=Sum("media"),
    ).order_by()
    countries = countries.values("code").annotate(n=Sum("n")).order_by("-n", "code")
    return _figures(rows, countries)


def _figures(rows, countries) -> ActivityFigures:
    figures = ActivityFigures()
    for row in rows:
        n = row["n"]
        figures.count += n
        figures.participants_reported += row["reported"] or 0
        figures.participants += row["participants"] or 0
        figures.participants_foreign += row["foreign"] or 0
        figures.budget_state += row["state"] or 0
        figures.budget_private += row["private"] or 0
        figures.budget_foreign += row["foreign_funds"] or 0
        figures.media += row["media"] or 0
        figures.by_kind[row["kind"]] = figures.by_kind.get(row["kind"], 0) + n
        figures.by_month[row["month"] - 1] += n
    figures.countries = {row["code"]: row["n"] for row in countries}
    return figures


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


def user_sees_agency(user, agency_id: int) -> bool:
    return reads_everything(user) or belongs_to(user, agency_id)


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
    done = ("done_on_time", "done_late", "done_no_deadline")
    rows = []
    for plan in plans:
        counts = per_plan_status.get(plan.pk, {})
        r = reports.get(plan.pk, {})
        a = acts.get(plan.pk, {})
        rows.append(
            {
                "plan": plan,
                "tasks": sum(counts.values()),
                "done": sum(counts.get(s, 0) for s in done),
                "overdue": counts.get("overdue", 0),
                "expected": r.get("expected", 0),
                "submitted": r.get("submitted", 0),
                "accepted": r.get("accepted", 0),
                "activities": a.get("n", 0),
                "participants": a.get("participants") or 0,
                "budget": (a.get("state") or 0) + (a.get("private") or 0) + (a.get("foreign_funds") or 0),
            }
        )
    return {"plan_rows": rows, "status_task_rows": status_rows}
