"""The one place task statuses are counted: every page, export and document reads them here.

The rule (issue: a leader read one figure on the dashboard and signed another in the Word
report): **official** figures count accepted reports only; **provisional** figures add the
reports submitted and not yet accepted. Drafts and returned reports are never counted.
The dashboard shows the official figures unless a reader who may see unaccepted reports
asks for the provisional ones, and then says so beside them. The public page, the API,
the open data, the rates page, ``ngvh report rates``, the .docx and the .xlsx show the
official ones.

Each task's status comes from its lines by the roll-up rule of ``reporting.task_status``; the
lines are read in one query for a plan and in one aggregate query for every plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from ngvh.plans.models import AssignmentRole, Plan, Task, TaskAssignment
from ngvh.reporting.task_status import DONE, STATUS_ORDER, rollup_status

from .models import ReportLine, ReportStatus, TaskStatus


class Basis:
    OFFICIAL = "official"
    PROVISIONAL = "provisional"
    CHOICES = ((OFFICIAL, _("Official (accepted reports)")), (PROVISIONAL, _("Provisional (submitted and accepted reports)")))


STATUS_LABELS = {
    TaskStatus.DONE_ON_TIME: _("Done on time"),
    TaskStatus.DONE_LATE: _("Done late"),
    TaskStatus.DONE_NO_DEADLINE: _("Done (no deadline)"),
    TaskStatus.IN_PROGRESS: _("In progress, within deadline"),
    TaskStatus.OVERDUE: _("Overdue, not done"),
    TaskStatus.NOT_ARISEN: _("Did not arise this period"),
    "": _("No report yet"),
}

COUNTED = {
    Basis.OFFICIAL: (ReportStatus.ACCEPTED,),
    Basis.PROVISIONAL: (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED),
}


def basis_for(user, requested: str | None) -> str:
    """The basis a reader gets: provisional only when asked for and allowed (policy)."""
    from .policies import FiguresPolicy

    if requested == Basis.PROVISIONAL and FiguresPolicy.can_see_provisional(user):
        return Basis.PROVISIONAL
    return Basis.OFFICIAL


def in_force(year: int, prefix: str = "") -> Q:
    """Tasks of the plan during ``year``: not retired before it, not added after it."""
    return (Q(**{f"{prefix}retired_on__isnull": True}) | Q(**{f"{prefix}retired_on__year__gte": year})) & (
        Q(**{f"{prefix}added_on__isnull": True}) | Q(**{f"{prefix}added_on__year__lte": year})
    )


def counted_lines(basis: str = Basis.OFFICIAL) -> Q:
    return Q(report__status__in=COUNTED[basis])


@dataclass
class TaskRow:
    task_id: int
    code: str
    title: str
    group_id: int
    group_code: str
    lead: str
    status: str
    progress: int
    agencies_reported: int
    status_label: str = ""


def task_rows(
    *, plan: Plan, year: int, basis: str = Basis.OFFICIAL, group_id: int | None = None, agency_id: int | None = None
) -> list[TaskRow]:
    """Every task of the plan with its status for the year, in plan order. Three queries."""
    tasks = Task.objects.filter(in_force(year), plan=plan).select_related("group").order_by("group__order", "order")
    if group_id is not None:
        tasks = tasks.filter(group_id=group_id)
    if agency_id is not None:
        tasks = tasks.filter(assignments__agency_id=agency_id).distinct()
    tasks = list(tasks.only("id", "code", "title", "group__id", "group__code", "group__order", "order"))
    leads = dict(
        TaskAssignment.objects.filter(task__plan=plan, role=AssignmentRole.LEAD, active_until__isnull=True).values_list("task_id", "agency__name")
    )
    lines = (
        ReportLine.objects.filter(report__reporting_year__plan=plan, report__reporting_year__year=year)
        .filter(counted_lines(basis))
        .values_list("task_id", "role", "status", "progress")
    )
    by_task: dict[int, list[tuple[str, str, int]]] = {}
    for task_id, role, status, progress in lines:
        by_task.setdefault(task_id, []).append((role, status, progress))
    rows = []
    for task in tasks:
        found = by_task.get(task.id, [])
        rows.append(TaskRow(
            task_id=task.id, code=task.code, title=task.title, group_id=task.group_id, group_code=task.group.code,
            lead=leads.get(task.id, ""), status=task_status([(role, status) for role, status, _ in found]),
            progress=max((p for _, _, p in found), default=0), agencies_reported=len(found),
        ))
    return rows


_SEVERITY = {TaskStatus.DONE_LATE: 0, TaskStatus.DONE_NO_DEADLINE: 1, TaskStatus.DONE_ON_TIME: 2}


def task_status(lines) -> str:
    """The roll-up of ``(role, status)`` pairs, in a fixed order so that two lead lines
    (a task handed over mid-year) give the same answer on every page: the worse one."""
    ordered = sorted(lines, key=lambda pair: (pair[0] != AssignmentRole.LEAD, _SEVERITY.get(pair[1], 9), pair[1]))
    return rollup_status(ordered)


def status_counts(rows) -> dict[str, int]:
    """Tasks per status, every status present (``""``: no counted report covers the task)."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


def done_count(counts: dict[str, int]) -> int:
    return sum(counts.get(s, 0) for s in DONE)


_STATUS_ROLES = [(status, role) for status in STATUS_ORDER if status for role in AssignmentRole.values]


def plans_status_counts(*, year: int, basis: str = Basis.OFFICIAL) -> dict[int, dict[str, int]]:
    """Tasks per status for every plan in one aggregate query.

    The lines are counted per task, status and role in SQL; the roll-up rule then needs
    only those counts, so the Python side handles one small row per task that has lines.
    """
    annotations = {
        f"n_{status}_{role}": Count("id", filter=Q(status=status, role=role)) for status, role in _STATUS_ROLES
    }
    per_task = (
        ReportLine.objects.filter(in_force(year, "task__"), report__reporting_year__year=year)
        .filter(counted_lines(basis))
        .values("task_id", "task__plan_id")
        .annotate(**annotations)
        .order_by()
    )
    counted: dict[int, dict[str, int]] = {}
    seen: dict[int, int] = {}
    for row in per_task:
        pairs = [(role, status) for status, role in _STATUS_ROLES for _ in range(min(row[f"n_{status}_{role}"], 1))]
        status = task_status(pairs)
        plan_counts = counted.setdefault(row["task__plan_id"], dict.fromkeys(STATUS_ORDER, 0))
        plan_counts[status] += 1
        seen[row["task__plan_id"]] = seen.get(row["task__plan_id"], 0) + 1
    totals = dict(
        Task.objects.filter(in_force(year)).values("plan_id").annotate(n=Count("id")).order_by().values_list("plan_id", "n")
    )
    for plan_id, n in totals.items():
        plan_counts = counted.setdefault(plan_id, dict.fromkeys(STATUS_ORDER, 0))
        plan_counts[""] += n - seen.get(plan_id, 0)
    return counted


@dataclass
class YearStatus:
    year: int
    status: str
    label: str
    agencies_reported: int


def task_status_by_year(*, plan: Plan, code: str, basis: str = Basis.OFFICIAL) -> list[YearStatus]:
    """One task's status in every opened reporting year of its plan, oldest first.

    Every version of the task (same code) counts, since an amendment keeps the lines of
    the old wording. The same counted lines and the same roll-up as :func:`task_rows`,
    so the task page never disagrees with the dashboard or the report. Two queries.
    """
    from .models import ReportingYear

    years = list(ReportingYear.objects.filter(plan=plan).order_by("year").values_list("year", flat=True))
    lines = (
        ReportLine.objects.filter(report__reporting_year__plan=plan, task__plan=plan, task__code=code)
        .filter(counted_lines(basis))
        .values_list("report__reporting_year__year", "role", "status")
    )
    by_year: dict[int, list[tuple[str, str]]] = {}
    for year, role, status in lines:
        by_year.setdefault(year, []).append((role, status))
    out = []
    for year in years:
        found = by_year.get(year, [])
        status = task_status(found)
        out.append(YearStatus(year=year, status=status, label=str(STATUS_LABELS.get(status, status)), agencies_reported=len(found)))
    return out
