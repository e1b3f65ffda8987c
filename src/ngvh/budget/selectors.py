"""Reads of budget estimates and the estimate-vs-actual comparison, scoped to the user.

**Actual spending** is read from activities: the sum of ``budget_state`` (state budget),
``budget_private`` (socialised funds) and ``budget_foreign`` (foreign funds) of the
agency's *done* activities of that year (``Activity.year``, the year of the start date).

**An activity linked to several tasks** counts in full under each of its tasks: the
per-task figures answer "what was spent on activities serving this task" and may add up
to more than the agency's spending. The per-agency and per-source totals count each
activity once, so they never double. An activity linked to no task counts only in the
per-agency and per-source totals.

**Estimates** in the comparison are the approved ones; drafts, submitted and returned
estimates are listed on the page with their status but not compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.http import Http404

from ngvh.activities.models import Activity, ActivityStatus
from ngvh.agencies.models import Agency

from .models import ACTIVITY_FIELD, BudgetEstimate, BudgetSource, EstimateStatus
from .policies import BudgetEstimatePolicy

SOURCES = [s.value for s in BudgetSource]


def visible_estimates(user):
    rule = BudgetEstimatePolicy.visible_q(user)
    if rule is None:
        return BudgetEstimate.objects.none()
    return BudgetEstimate.objects.filter(rule)


def estimate_list(*, user, plan, year: int) -> list[BudgetEstimate]:
    return list(
        visible_estimates(user).filter(plan=plan, year=year).select_related("agency", "task")
        .order_by("task__order", "agency__name", "source")
    )


def estimate_get(*, user, pk: int) -> BudgetEstimate:
    """One estimate the user may read; a forbidden one is as missing as an absent one."""
    estimate = visible_estimates(user).select_related("agency", "task", "plan").filter(pk=pk).first()
    if estimate is None:
        raise Http404
    return estimate


@dataclass
class Figures:
    """Estimate and actual per source, in đồng."""

    estimate: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SOURCES, 0))
    actual: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SOURCES, 0))

    @property
    def estimate_total(self) -> int:
        return sum(self.estimate.values())

    @property
    def actual_total(self) -> int:
        return sum(self.actual.values())

    def by_source(self) -> list[dict]:
        return [
            {"source": s, "label": str(BudgetSource(s).label), "estimate": self.estimate[s], "actual": self.actual[s],
             "difference": self.actual[s] - self.estimate[s], "percent": _percent(self.actual[s], self.estimate[s])}
            for s in SOURCES
        ]

    @property
    def difference_total(self) -> int:
        return self.actual_total - self.estimate_total

    @property
    def percent_total(self) -> int | None:
        return _percent(self.actual_total, self.estimate_total)


def _percent(actual: int, estimate: int) -> int | None:
    """Actual as a whole percentage of the estimate; ``None`` when nothing was estimated."""
    return round(100 * actual / estimate) if estimate else None


@dataclass
class TaskFigures(Figures):
    task_id: int = 0
    code: str = ""
    title: str = ""
    order: int = 0


@dataclass
class AgencyFigures(Figures):
    agency_id: int = 0
    name: str = ""


@dataclass
class BudgetComparison:
    year: int
    tasks: list[TaskFigures]
    agencies: list[AgencyFigures]
    total: Figures

    def sources(self) -> list[dict]:
        return self.total.by_source()


def _sum_fields(prefix: str = "") -> dict:
    return {s: Sum(f"{prefix}{ACTIVITY_FIELD[s]}") for s in SOURCES}


def budget_comparison(user, plan, year: int) -> BudgetComparison:
    """Estimate (approved) vs actual (done activities) per task, agency and source.

    Scoped like the estimates: a reporter sees only their own agency's figures, the
    coordinator and leaders every agency's. Five queries whatever the size of the plan.
    """
    agency_rule = BudgetEstimatePolicy.visible_q(user)
    if agency_rule is None:
        return BudgetComparison(year=year, tasks=[], agencies=[], total=Figures())
    return _comparison(plan, year, agency_rule)


def plan_budget_comparison(*, plan, year: int) -> BudgetComparison:
    """The same comparison over every agency of the plan, for the city's consolidated
    report (built by the coordinator or the server's operator, who read every agency)."""
    return _comparison(plan, year, Q())


def _comparison(plan, year: int, agency_rule: Q) -> BudgetComparison:
    """The one definition of the figures, for the agencies ``agency_rule`` selects."""
    done = Activity.objects.filter(agency_rule, plan=plan, year=year, status=ActivityStatus.DONE)
    links = Activity.tasks.through.objects.filter(activity__in=done.values("pk"))

    tasks: dict[int, TaskFigures] = {}
    agencies: dict[int, AgencyFigures] = {}
    total = Figures()

    def task_row(task_id):
        return tasks.setdefault(task_id, TaskFigures(task_id=task_id))

    def agency_row(agency_id):
        return agencies.setdefault(agency_id, AgencyFigures(agency_id=agency_id))

    approved = (
        BudgetEstimate.objects.filter(agency_rule, plan=plan, year=year, status=EstimateStatus.APPROVED)
        .values("task_id", "agency_id", "source").annotate(total=Sum("amount")).order_by()
    )
    for row in approved:
        task_row(row["task_id"]).estimate[row["source"]] += row["total"]
        agency_row(row["agency_id"]).estimate[row["source"]] += row["total"]
        total.estimate[row["source"]] += row["total"]
    for row in links.values("task_id").annotate(**_sum_fields("activity__")).order_by():
        figures = task_row(row["task_id"])
        for s in SOURCES:
            figures.actual[s] += row[s] or 0
    for row in done.values("agency_id").annotate(**_sum_fields()).order_by():
        figures = agency_row(row["agency_id"])
        for s in SOURCES:
            figures.actual[s] += row[s] or 0
            total.actual[s] += row[s] or 0

    for task in plan.tasks.filter(pk__in=list(tasks)).only("pk", "plan_id", "code", "title", "order").order_by("order"):
        tasks[task.pk].code, tasks[task.pk].title, tasks[task.pk].order = task.code, task.title, task.order
    for agency in Agency.objects.filter(pk__in=list(agencies)).only("pk", "name"):
        agencies[agency.pk].name = agency.name
    return BudgetComparison(
        year=year,
        tasks=sorted(tasks.values(), key=lambda t: (t.order, t.code)),
        agencies=sorted(agencies.values(), key=lambda a: a.name),
        total=total,
    )
