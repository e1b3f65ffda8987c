"""Figures of done activities (counts, participants, budget by source, months, kinds,
countries) for a plan and year: the same numbers on the dashboard, the public page and
the city report, which all read them here.

The whole plan is read from the rollups; a group's or an agency's share from the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Sum
from django.db.models.functions import ExtractMonth

from .models import Activity, ActivityCountry, ActivityCountryRollup, ActivityRollup, ActivityStatus

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
