"""Every write of the reporting cycle.

Each transition checks the policy, checks the state, changes the report, bumps its
version (optimistic locking), records a :class:`ReportEvent` with the acting user and
time, and sends mail only once the transaction has committed.

The transitions take an optional ``at``: the time the step happened, when it is recorded
after the fact (``ngvh demo`` writes four years of history). A step recorded after the
fact mails no one: the news is old. Without ``at`` the time is now.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ngvh.plans.models import AssignmentRole, Plan, Task, TaskAssignment, TimeframeKind

from . import mail
from .models import (
    AmendmentAction,
    AmendmentProposal,
    AmendmentStatus,
    AnnualReport,
    PlannedActivity,
    ReminderKind,
    ReminderLog,
    ReportEvent,
    ReportEventKind,
    ReportingYear,
    ReportLine,
    ReportStatus,
    TaskStatus,
)
from .policies import EDITABLE, AmendmentPolicy, ReportingYearPolicy, ReportPolicy
from .versions import reporting_version_bump

# ---- errors ------------------------------------------------------------------------------


class ReportingError(Exception):
    """A refusal the user can act on; ``message`` is translated, ``field`` names the input."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class ReportStateError(ReportingError):
    pass


class StaleReport(ReportingError):
    """Someone saved the report after this user loaded it."""

    def __init__(self, report: AnnualReport):
        super().__init__(
            _(
                "Someone else saved this report after you opened it. Nothing of yours was saved: "
                "your text is shown below, next to what is now saved. Check it, then save again."
            )
        )
        self.report = report


class IncompleteReport(ReportingError):
    def __init__(self, line_ids: list[int]):
        super().__init__(_("Choose a status for every task before submitting the report."))
        self.line_ids = line_ids


# ---- reporting years -----------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> dt.date:
    """Plan settings hold month and day; 30/02 and the like fall back to the month's last day."""
    while day > 28:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1
    return dt.date(year, month, day)


def year_dates(plan: Plan, year: int) -> tuple[dt.date, dt.date, dt.date]:
    """Deadline and data cut-off of year Y from the plan's settings.

    The cut-off (Nghị định 09/2019: 15/12 of Y-1 to 14/12 of Y) starts in the previous
    year whenever its start falls later in the calendar than its end.
    """
    deadline = _safe_date(year, plan.report_deadline_month, plan.report_deadline_day)
    start_md = (plan.cutoff_start_month, plan.cutoff_start_day)
    end_md = (plan.cutoff_end_month, plan.cutoff_end_day)
    start_year = year - 1 if start_md > end_md else year
    return deadline, _safe_date(start_year, *start_md), _safe_date(year, *end_md)


def _task_expected(task: Task, year: int, deadline: dt.date) -> bool:
    """Active in Y, and current on the deadline (amendments retire or add tasks mid-year)."""
    if not task.active_in_year(year):
        return False
    if task.retired_on and task.retired_on <= deadline:
        return False
    return not (task.added_on and task.added_on > deadline)


def _holds_on(assignment: TaskAssignment, day: dt.date) -> bool:
    return (assignment.active_from is None or assignment.active_from <= day) and (
        assignment.active_until is None or assignment.active_until >= day
    )


def expected_assignments(*, plan: Plan, year: int) -> dict[int, dict[int, str]]:
    """``{agency_id: {task_id: role}}`` of the agencies expected to report for year Y.

    Successions are resolved as of the deadline: an assignment counts for the agency
    holding it on that day (restructurings close the old holder's assignment and open
    the successor's). An agency holding both roles on a task reports it as lead.
    """
    deadline, _start, _end = year_dates(plan, year)
    expected: dict[int, dict[int, str]] = defaultdict(dict)
    tasks = plan.tasks.prefetch_related("assignments").order_by("order", "id")
    for task in tasks:
        if not _task_expected(task, year, deadline):
            continue
        for assignment in task.assignments.all():
            if not _holds_on(assignment, deadline):
                continue
            current = expected[assignment.agency_id].get(task.id)
            if current != AssignmentRole.LEAD:
                expected[assignment.agency_id][task.id] = assignment.role
    return dict(expected)


@dataclass
class OpenResult:
    reporting_year: ReportingYear
    created: bool
    reports_created: int = 0
    lines_created: int = 0
    unspecified_tasks: list[str] = field(default_factory=list)
    frozen: bool = False


def _now() -> dt.datetime:
    return timezone.now()


def _event(report: AnnualReport, kind: str, user, *, from_status: str = "", reason: str = "", data=None, at=None) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report, kind=kind, actor=user, at=at or _now(), from_status=from_status,
        to_status=report.status, reason=reason, data=data or {},
    )


@transaction.atomic
def reporting_year_freeze(*, reporting_year: ReportingYear, today: dt.date | None = None) -> bool:
    """Freeze the expected count once the deadline has passed; True when it froze now."""
    today = today or timezone.localdate()
    if reporting_year.expected_frozen_at is not None or today <= reporting_year.deadline:
        return False
    reporting_year.expected_count = reporting_year.reports.filter(is_expected=True).count()
    reporting_year.expected_frozen_at = _now()
    reporting_year.save(update_fields=["expected_count", "expected_frozen_at"])
    reporting_version_bump(plan_ids=[reporting_year.plan_id])
    return True


@transaction.atomic
def reporting_year_open(
    *, user, plan: Plan, year: int, today: dt.date | None = None, at: dt.datetime | None = None
) -> OpenResult:
    """Open (or reopen) year Y: one report per expected agency, one line per task held.

    Reopening never duplicates: it adds reports and lines for assignments that appeared
    since, and leaves everything else alone. After the deadline the expected count is
    frozen first, so agencies added late do not move the year's rates.
    ``user`` is a coordinator, or the system actor for ``ngvh report open``.
    """
    if not ReportingYearPolicy.can_open(user, plan):
        raise PermissionDenied
    today = today or timezone.localdate()
    deadline, cutoff_start, cutoff_end = year_dates(plan, year)
    ry, created = ReportingYear.objects.select_for_update().get_or_create(
        plan=plan,
        year=year,
        defaults={
            "deadline": deadline,
            "cutoff_start": cutoff_start,
            "cutoff_end": cutoff_end,
            "opened_by": user,
        },
    )
    if not created:
        reporting_year_freeze(reporting_year=ry, today=today)
    expected = expected_assignments(plan=plan, year=year)
    tasks = {t.id: t for t in plan.tasks.filter(id__in={t for m in expected.values() for t in m})}
    result = OpenResult(reporting_year=ry, created=created)
    result.unspecified_tasks = sorted(
        {t.code for t in tasks.values() if t.timeframe_kind == TimeframeKind.UNSPECIFIED}
    )
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(reporting_year=ry)}
    existing_lines = set(ReportLine.objects.filter(report__reporting_year=ry).values_list("report_id", "task_id"))
    counted = ry.expected_frozen_at is None
    new_lines = []
    for agency_id, held in sorted(expected.items()):
        report = reports.get(agency_id)
        if report is None:
            report = AnnualReport.objects.create(reporting_year=ry, agency_id=agency_id, is_expected=counted)
            _event(report, ReportEventKind.CREATED, user, at=at)
            result.reports_created += 1
        for task_id, role in held.items():
            if (report.id, task_id) in existing_lines:
                continue
            new_lines.append(ReportLine(report=report, task_id=task_id, role=role, order=tasks[task_id].order))
    ReportLine.objects.bulk_create(new_lines)
    result.lines_created = len(new_lines)
    result.frozen = reporting_year_freeze(reporting_year=ry, today=today) or ry.expected_frozen_at is not None
    reporting_version_bump(plan_ids=[plan.pk])
    return result


# ---- reports -------------------------------------------------------------------------------


@dataclass
class LineInput:
    status: str = ""
    progress: int = 0
    results: str = ""
    activity_ids: list[int] = field(default_factory=list)


@dataclass
class PlannedInput:
    title: str
    id: int | None = None
    task_id: int | None = None
    kind: str = ""
    expected_month: int | None = None
    notes: str = ""
    delete: bool = False


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("reporting_year", "agency").get(pk=report.pk)


def _check_version(report: AnnualReport, version: int | None) -> None:
    if version is not None and int(version) != report.version:
        raise StaleReport(report)


def _bump(report: AnnualReport, *fields: str) -> None:
    """Raise the report's optimistic-lock version and the plan's reporting data version."""
    report.version += 1
    report.save(update_fields=["version", "updated_at", *fields])
    reporting_version_bump(plan_ids=[report.reporting_year.plan_id])


@transaction.atomic
def report_save(
    *,
    user,
    report: AnnualReport,
    version: int,
    difficulties: str,
    recommendations: str,
    lines: dict[int, LineInput],
    planned: list[PlannedInput] | None = None,
    at: dt.datetime | None = None,
    is_demo: bool = False,
) -> AnnualReport:
    """Save the agency's draft. A stale ``version`` is refused: nothing is overwritten.

    ``is_demo`` marks the report as illustrative (``ngvh demo``); a later save never unmarks it.
    """
    from ngvh.activities.models import Activity

    report = _locked(report)
    if not ReportPolicy.can_edit(user, report):
        if ReportPolicy.can_view(user, report) and report.status not in EDITABLE:
            raise ReportStateError(_("This report has been submitted and is locked. Ask Sở Ngoại vụ to reopen it."))
        raise PermissionDenied
    _check_version(report, version)
    report.difficulties = difficulties.strip()
    report.recommendations = recommendations.strip()
    own_lines = {line.id: line for line in report.lines.all()}
    wanted = {a for data in lines.values() for a in data.activity_ids}
    allowed = set(Activity.objects.filter(id__in=wanted, agency_id=report.agency_id).values_list("id", flat=True))
    allowed |= set(
        ReportLine.activities.through.objects.filter(reportline__report=report, activity_id__in=wanted).values_list(
            "activity_id", flat=True
        )
    )
    for line_id, data in lines.items():
        line = own_lines.get(line_id)
        if line is None:
            continue
        if data.status and data.status not in TaskStatus.values:
            raise ReportingError(_("Choose a status from the list."), field=f"line-{line_id}-status")
        line.status = data.status
        line.progress = max(0, min(100, int(data.progress or 0)))
        line.results = data.results.strip()
        line.activities_confirmed = True
        line.save(update_fields=["status", "progress", "results", "activities_confirmed"])
        line.activities.set([a for a in data.activity_ids if a in allowed])
    if planned is not None:
        _save_planned(report, planned)
    report.is_demo = report.is_demo or is_demo
    _bump(report, "difficulties", "recommendations", "is_demo")
    _event(report, ReportEventKind.SAVED, user, from_status=report.status, at=at)
    return report


def _save_planned(report: AnnualReport, planned: list[PlannedInput]) -> None:
    existing = {p.id: p for p in report.planned_activities.all()}
    task_ids = set(report.lines.values_list("task_id", flat=True))
    order = 0
    for item in planned:
        row = existing.get(item.id) if item.id else None
        if item.delete or not item.title.strip():
            if row is not None:
                row.delete()
            continue
        row = row or PlannedActivity(report=report)
        row.title = item.title.strip()
        row.task_id = item.task_id if item.task_id in task_ids else None
        row.kind = item.kind
        row.expected_month = item.expected_month
        row.notes = item.notes.strip()
        row.order = order
        order += 1
        row.save()


@transaction.atomic
def report_submit(*, user, report: AnnualReport, version: int | None = None, at: dt.datetime | None = None) -> AnnualReport:
    """Send the report to Sở Ngoại vụ; the agency can no longer change it."""
    report = _locked(report)
    if not ReportPolicy.can_submit(user, report):
        if ReportPolicy.can_view(user, report) and report.status not in EDITABLE:
            raise ReportStateError(_("This report has already been submitted."))
        raise PermissionDenied
    _check_version(report, version)
    missing = list(report.lines.filter(status="").values_list("id", flat=True))
    if missing:
        raise IncompleteReport(missing)
    previous = report.status
    now = at or _now()
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = now
    report.first_submitted_at = report.first_submitted_at or now
    _bump(report, "status", "submitted_at", "first_submitted_at")
    _event(report, ReportEventKind.SUBMITTED, user, from_status=previous, at=now)
    return report


@transaction.atomic
def report_return(
    *,
    user,
    report: AnnualReport,
    reason: str,
    line_notes: dict[int, str] | None = None,
    version: int | None = None,
    at: dt.datetime | None = None,
) -> AnnualReport:
    """Send the report back with a reason (required) and optional notes per task line."""
    report = _locked(report)
    if not ReportPolicy.can_review(user, report):
        raise PermissionDenied
    _check_version(report, version)
    if not ReportPolicy.can_return(user, report):
        raise ReportStateError(_("Only a submitted report can be returned."))
    reason = (reason or "").strip()
    if not reason:
        raise ReportingError(_("Say why the report is returned: the agency sees this reason."), field="reason")
    notes = {k: v.strip() for k, v in (line_notes or {}).items() if v and v.strip()}
    codes = {}
    for line in report.lines.select_related("task"):
        note = notes.get(line.id, "")
        if line.return_note != note:
            line.return_note = note
            line.save(update_fields=["return_note"])
        if note:
            codes[line.task.code] = note
    previous = report.status
    report.status = ReportStatus.RETURNED
    report.return_reason = reason
    _bump(report, "status", "return_reason")
    _event(report, ReportEventKind.RETURNED, user, from_status=previous, reason=reason, data={"line_notes": codes}, at=at)
    if at is None:
        mail.send_returned(report_id=report.id)
    return report


@transaction.atomic
def report_accept(*, user, report: AnnualReport, version: int | None = None, at: dt.datetime | None = None) -> AnnualReport:
    report = _locked(report)
    if not ReportPolicy.can_review(user, report):
        raise PermissionDenied
    _check_version(report, version)
    if not ReportPolicy.can_accept(user, report):
        raise ReportStateError(_("Only a submitted report can be accepted."))
    previous = report.status
    report.status = ReportStatus.ACCEPTED
    report.accepted_at = at or _now()
    _bump(report, "status", "accepted_at")
    _event(report, ReportEventKind.ACCEPTED, user, from_status=previous, at=report.accepted_at)
    return report


@transaction.atomic
def report_reopen(*, user, report: AnnualReport, reason: str) -> AnnualReport:
    """Unlock a submitted or accepted report for the agency, with a reason it can read."""
    report = _locked(report)
    if not ReportPolicy.can_review(user, report):
        raise PermissionDenied
    if not ReportPolicy.can_reopen(user, report):
        raise ReportStateError(_("Only a submitted or accepted report can be reopened."))
    reason = (reason or "").strip()
    if not reason:
        raise ReportingError(_("Say why the report is reopened: the agency sees this reason."), field="reopen_reason")
    previous = report.status
    report.status = ReportStatus.RETURNED
    report.return_reason = reason
    report.accepted_at = None
    _bump(report, "status", "return_reason", "accepted_at")
    _event(report, ReportEventKind.REOPENED, user, from_status=previous, reason=reason)
    mail.send_returned(report_id=report.id)
    return report


@transaction.atomic
def report_remind(*, user, report: AnnualReport) -> ReminderLog:
    """The rates page's one-click reminder to an agency that has not reported."""
    report = _locked(report)
    if not ReportPolicy.can_review(user, report):
        raise PermissionDenied
    if not ReportPolicy.can_remind(user, report):
        raise ReportStateError(_("This report has been submitted: there is nothing to remind."))
    now = _now()
    recipients = mail.agency_recipients(report.agency)
    log = ReminderLog.objects.create(
        reporting_year=report.reporting_year,
        kind=ReminderKind.MANUAL,
        key=f"manual-{now:%Y%m%d%H%M%S%f}",
        target=f"agency:{report.agency_id}",
        agency=report.agency,
        recipients=recipients,
        sent_on=timezone.localdate(now),
        sent_by=user,
    )
    _event(report, ReportEventKind.REMINDED, user, from_status=report.status, data={"recipients": recipients})
    mail.send_reminder(report_id=report.id, kind=ReminderKind.MANUAL)
    return log


# ---- amendments ----------------------------------------------------------------------------


@transaction.atomic
def amendment_propose(
    *,
    user,
    plan: Plan,
    action: str,
    reason: str,
    task: Task | None = None,
    group=None,
    title: str = "",
    timeframe_text: str = "",
) -> AmendmentProposal:
    """An agency proposes adding, changing or removing a task (through Sở Ngoại vụ)."""
    if not AmendmentPolicy.can_propose(user, plan):
        raise PermissionDenied
    if action not in AmendmentAction.values:
        raise ReportingError(_("Choose what you propose: add, change or remove a task."), field="action")
    if not (reason or "").strip():
        raise ReportingError(_("Give the reason for the proposal."), field="reason")
    if action != AmendmentAction.ADD:
        if task is None or task.plan_id != plan.id or task.retired_on is not None:
            raise ReportingError(_("Choose the task to change or remove."), field="task")
    if action != AmendmentAction.REMOVE and not (title or "").strip():
        raise ReportingError(_("Write the content of the task as it should read."), field="title")
    if action == AmendmentAction.ADD and group is not None and group.plan_id != plan.id:
        raise ReportingError(_("Choose a task group of this plan."), field="group")
    return AmendmentProposal.objects.create(
        plan=plan,
        agency_id=AmendmentPolicy.proposing_agency_id(user),
        proposed_by=user,
        action=action,
        task=task if action != AmendmentAction.ADD else None,
        group=group if action == AmendmentAction.ADD else None,
        title=(title or "").strip() if action != AmendmentAction.REMOVE else "",
        timeframe_text=(timeframe_text or "").strip(),
        reason=reason.strip(),
    )


def _timeframe_fields(text: str, fallback: Task | None = None) -> dict:
    from ngvh.plans.parser import TimeframeOrderError, parse_timeframe

    if not text and fallback is not None:
        return {
            "timeframe_kind": fallback.timeframe_kind,
            "timeframe_start": fallback.timeframe_start,
            "timeframe_end": fallback.timeframe_end,
            "timeframe_quarter": fallback.timeframe_quarter,
            "timeframe_text": fallback.timeframe_text,
        }
    try:
        tf = parse_timeframe(text)
    except TimeframeOrderError:
        tf = None
    if tf is None:
        return {"timeframe_kind": TimeframeKind.UNSPECIFIED, "timeframe_text": text}
    return {
        "timeframe_kind": tf.kind,
        "timeframe_start": tf.start,
        "timeframe_end": tf.end,
        "timeframe_quarter": tf.quarter,
        "timeframe_text": tf.text,
    }


def _next_code(plan: Plan, group) -> str:
    taken = set(plan.tasks.values_list("code", flat=True))
    n = plan.tasks.filter(group=group).values("code").distinct().count() + 1
    while f"{group.code}.{n}" in taken:
        n += 1
    return f"{group.code}.{n}"


@transaction.atomic
def amendment_accept(*, user, proposal: AmendmentProposal, reason: str, effective_from: dt.date) -> AmendmentProposal:
    """Accept: the plan gets a new version effective from the given date.

    Unchanged tasks carry over as they are. A removed task is retired; a changed task is
    retired and a new row with the same code and the next task version takes its place,
    so report lines written before still point at the wording they answered.
    """
    proposal = AmendmentProposal.objects.select_for_update(of=("self",)).select_related("plan", "task").get(pk=proposal.pk)
    if not AmendmentPolicy.can_decide(user, proposal):
        if AmendmentPolicy.can_view(user, proposal) and proposal.status != AmendmentStatus.PENDING:
            raise ReportStateError(_("This proposal has already been decided."))
        raise PermissionDenied
    if not (reason or "").strip():
        raise ReportingError(_("Give the reason for the decision: the agency sees it."), field="decision_reason")
    if effective_from is None:
        raise ReportingError(_("Give the date from which the amendment applies."), field="effective_from")
    plan = Plan.objects.select_for_update().get(pk=proposal.plan_id)
    new_task = None
    old = proposal.task
    if proposal.action in (AmendmentAction.CHANGE, AmendmentAction.REMOVE):
        old = _task_retire(proposal.task_id, effective_from)
    if proposal.action == AmendmentAction.CHANGE:
        new_task = _task_new_version(plan, old, proposal, effective_from)
    elif proposal.action == AmendmentAction.ADD:
        new_task = _task_added(plan, proposal, effective_from)
    plan.version += 1
    plan.effective_from = effective_from
    plan.save(update_fields=["version", "effective_from"])
    reporting_version_bump(plan_ids=[plan.pk])
    proposal.status = AmendmentStatus.ACCEPTED
    proposal.decided_by = user
    proposal.decided_at = _now()
    proposal.decision_reason = reason.strip()
    proposal.effective_from = effective_from
    proposal.plan_version = plan.version
    proposal.new_task = new_task
    proposal.save()
    mail.send_amendment_decided(proposal_id=proposal.id)
    return proposal


def _task_retire(task_id: int, effective_from: dt.date) -> Task:
    """Retire a changed or removed task from the amendment's date (locked; refused twice)."""
    old = Task.objects.select_for_update().get(pk=task_id)
    if old.retired_on is not None:
        raise ReportStateError(_("This task has already been changed or removed by another amendment."))
    old.retired_on = effective_from
    old.save(update_fields=["retired_on"])
    return old


def _task_new_version(plan: Plan, old: Task, proposal: AmendmentProposal, effective_from: dt.date) -> Task:
    """The changed task's next version, same code, with the agencies still holding the old one."""
    from ngvh.core.text import search_key

    top = plan.tasks.filter(code=old.code).aggregate(v=Max("version"))["v"] or old.version
    new_task = Task.objects.create(
        plan=plan,
        group=old.group,
        code=old.code,
        order=old.order,
        title=proposal.title,
        search_text=search_key(f"{old.code} {proposal.title}"),
        related_units=old.related_units,
        other_parties=old.other_parties,
        products=old.products,
        added_on=effective_from,
        version=top + 1,
        **_timeframe_fields(proposal.timeframe_text, fallback=old),
    )
    TaskAssignment.objects.bulk_create(
        [
            TaskAssignment(task=new_task, agency_id=a.agency_id, role=a.role, order=a.order, active_from=effective_from, origin=a)
            for a in old.assignments.all()
            if a.active_until is None or a.active_until >= effective_from
        ]
    )
    return new_task


def _task_added(plan: Plan, proposal: AmendmentProposal, effective_from: dt.date) -> Task:
    """A new task at the end of its group (or of the last group), led by the proposing agency."""
    from ngvh.core.text import search_key

    group = proposal.group or plan.groups.order_by("-order").first()
    code = _next_code(plan, group)
    order = (plan.tasks.filter(group=group).aggregate(o=Max("order"))["o"] or 0)
    new_task = Task.objects.create(
        plan=plan,
        group=group,
        code=code,
        order=order,
        title=proposal.title,
        search_text=search_key(f"{code} {proposal.title}"),
        added_on=effective_from,
        **_timeframe_fields(proposal.timeframe_text),
    )
    TaskAssignment.objects.create(task=new_task, agency_id=proposal.agency_id, role=AssignmentRole.LEAD, active_from=effective_from)
    return new_task


@transaction.atomic
def amendment_reject(*, user, proposal: AmendmentProposal, reason: str) -> AmendmentProposal:
    proposal = AmendmentProposal.objects.select_for_update().get(pk=proposal.pk)
    if not AmendmentPolicy.can_decide(user, proposal):
        if AmendmentPolicy.can_view(user, proposal) and proposal.status != AmendmentStatus.PENDING:
            raise ReportStateError(_("This proposal has already been decided."))
        raise PermissionDenied
    if not (reason or "").strip():
        raise ReportingError(_("Give the reason for the decision: the agency sees it."), field="decision_reason")
    proposal.status = AmendmentStatus.REJECTED
    proposal.decided_by = user
    proposal.decided_at = _now()
    proposal.decision_reason = reason.strip()
    proposal.save()
    mail.send_amendment_decided(proposal_id=proposal.id)
    return proposal


# ---- scheduled reminders -------------------------------------------------------------------


def reminder_days() -> list[int]:
    from django.conf import settings

    return sorted({int(n) for n in getattr(settings, "NGVH_REMINDER_DAYS", (14, 3)) if int(n) > 0}, reverse=True)


def overdue_window_days() -> int:
    from django.conf import settings

    return int(getattr(settings, "NGVH_REMINDER_OVERDUE_WINDOW_DAYS", 14))


@dataclass
class ReminderSend:
    reporting_year: ReportingYear
    kind: str
    key: str
    target: str
    recipients: list[str]
    subject: str
    agency_name: str = ""
    report_id: int | None = None
    sent: bool = False


def reminders_due(*, today: dt.date) -> list[ReminderSend]:
    """What ``ngvh remind`` would send today and has not sent yet (reads only).

    - ``before-N``: from N days before the deadline until the deadline, the most urgent
      due reminder goes once to each agency that has not submitted (a missed cron run is
      caught up by the next one, not doubled);
    - ``overdue``: from the day after the deadline, once to each agency still missing;
    - ``summary``: from the day after the deadline, once to the coordinators.
    Past the overdue window nothing more is sent for that year.
    """
    from .selectors import reporting_rates

    days = reminder_days()
    window = overdue_window_days()
    longest = days[0] if days else 0
    years = ReportingYear.objects.select_related("plan").filter(
        deadline__gte=today - dt.timedelta(days=window), deadline__lte=today + dt.timedelta(days=longest)
    )
    sent = set(
        ReminderLog.objects.filter(reporting_year__in=years).values_list("reporting_year_id", "key", "target")
    )
    due: list[ReminderSend] = []
    for ry in years:
        unsubmitted = list(
            ry.reports.filter(status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED)).select_related("agency", "reporting_year")
        )
        if today <= ry.deadline:
            ns = [n for n in days if ry.deadline - dt.timedelta(days=n) <= today]
            if not ns:
                continue
            kind, key = ReminderKind.BEFORE, f"before-{min(ns)}"
        else:
            kind, key = ReminderKind.OVERDUE, "overdue"
        for report in unsubmitted:
            target = f"agency:{report.agency_id}"
            if (ry.id, key, target) in sent:
                continue
            subject, _body = mail.reminder_text(report, kind, today)
            due.append(
                ReminderSend(ry, kind, key, target, mail.agency_recipients(report.agency), subject, report.agency.name, report.id)
            )
        if today > ry.deadline and (ry.id, "summary", "coordinators") not in sent:
            subject, _body = mail.summary_text(reporting_rates(plan=ry.plan, year=ry.year), ry)
            due.append(ReminderSend(ry, ReminderKind.SUMMARY, "summary", "coordinators", mail.coordinator_recipients(), subject))
    return due


@transaction.atomic
def reminders_send(*, user, today: dt.date | None = None, dry_run: bool = False) -> list[ReminderSend]:
    """Send today's due reminders once each; the sent-log's unique key makes reruns no-ops.

    ``user`` is the system actor: the daily timer (``ngvh remind``) sends them.
    """
    from django.db import IntegrityError

    if not ReportingYearPolicy.can_send_due_reminders(user):
        raise PermissionDenied
    today = today or timezone.localdate()
    due = reminders_due(today=today)
    if dry_run:
        return due
    for ry in {item.reporting_year.id: item.reporting_year for item in due}.values():
        reporting_year_freeze(reporting_year=ry, today=today)
    for item in due:
        try:
            with transaction.atomic():
                ReminderLog.objects.create(
                    reporting_year=item.reporting_year,
                    kind=item.kind,
                    key=item.key,
                    target=item.target,
                    agency_id=int(item.target.split(":")[1]) if item.target.startswith("agency:") else None,
                    recipients=item.recipients,
                    sent_on=today,
                    sent_by=user,
                )
        except IntegrityError:
            continue  # another run sent it meanwhile
        item.sent = True
        if item.report_id is not None:
            report = AnnualReport.objects.get(pk=item.report_id)
            _event(report, ReportEventKind.REMINDED, user, from_status=report.status, data={"key": item.key, "recipients": item.recipients})
            mail.send_reminder(report_id=item.report_id, kind=item.kind, today=today)
        else:
            ry = item.reporting_year
            _send_summary(ry, item.recipients)
    # Years whose deadline passed without any reminder due still freeze on schedule.
    for ry in ReportingYear.objects.filter(expected_frozen_at__isnull=True, deadline__lt=today):
        reporting_year_freeze(reporting_year=ry, today=today)
    return due


def _send_summary(reporting_year: ReportingYear, recipients: list[str]):
    from .selectors import reporting_rates

    subject, body = mail.summary_text(reporting_rates(plan=reporting_year.plan, year=reporting_year.year), reporting_year)
    return mail._send(subject, body, recipients)


# ---- an amended plan document -----------------------------------------------------------------


@dataclass
class DocumentAmendment:
    plan: Plan
    proposals: list[AmendmentProposal]


@transaction.atomic
def amendment_from_document(*, user, review, effective_from: dt.date | None, reason: str) -> DocumentAmendment:
    """Record an amended plan document (reviewed on the import page against the plan it
    amends) as accepted amendments: one new plan version for the whole document.

    The stored plan is in use, so nothing is replaced: a removed task is retired, a changed
    task is retired and its new wording takes the next task version (report lines written
    before keep the wording they answered), an added task is created with the document's
    code; the document's lead and coordinators hold the new rows from ``effective_from``.
    Each change is one accepted proposal, decided by the coordinator with ``reason``.
    """
    from ngvh.plans.amendments import document_changes
    from ngvh.plans.selectors import plan_stored_tasks
    from ngvh.plans.services import (
        import_review_finish,
        plan_agencies_ensure,
        review_corrected,
        review_for_update,
    )

    review = review_for_update(user, review)
    plan = review.target_plan
    if plan is None or not AmendmentPolicy.can_amend_from_document(user, plan):
        raise PermissionDenied
    if not (reason or "").strip():
        raise ReportingError(_("Give the reason for the amendment (for example the decision that issued the document)."),
                             field="reason")
    if effective_from is None:
        raise ReportingError(_("Give the date from which the amendment applies."), field="effective_from")
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    parsed = review_corrected(review=review)
    changes = document_changes(plan_stored_tasks(plan=plan), parsed.tasks)
    if not changes:
        raise ReportStateError(_("The document gives the same tasks as the stored plan: there is nothing to amend."))
    by_key = plan_agencies_ensure(province=plan.province, parsed=parsed)
    groups = _document_groups(plan, parsed)
    version = plan.version + 1
    decided_at = _now()
    proposals = []
    for change in changes:
        old, new_task = _apply_document_change(plan, change, groups, by_key, effective_from)
        proposals.append(AmendmentProposal.objects.create(
            plan=plan, agency_id=AmendmentPolicy.proposing_agency_id(user), proposed_by=user, action=change.action, task=old,
            group=new_task.group if change.action == AmendmentAction.ADD else None,
            title=change.new.title if change.new is not None else "",
            timeframe_text=change.new.timeframe.text if change.new is not None else "",
            reason=reason.strip(), status=AmendmentStatus.ACCEPTED, decided_by=user, decided_at=decided_at,
            decision_reason=reason.strip(), effective_from=effective_from, plan_version=version, new_task=new_task,
        ))
    plan.version = version
    plan.effective_from = effective_from
    plan.save(update_fields=["version", "effective_from"])
    reporting_version_bump(plan_ids=[plan.pk])
    import_review_finish(review=review, plan=plan)
    return DocumentAmendment(plan=plan, proposals=proposals)


def _document_groups(plan: Plan, parsed) -> dict:
    """The plan's groups by code, with the document's new groups added after them."""
    from ngvh.plans.models import TaskGroup

    groups = {g.code: g for g in plan.groups.all()}
    last = max((g.order for g in groups.values()), default=-1)
    for group in parsed.groups:
        if group.code not in groups:
            last += 1
            groups[group.code] = TaskGroup.objects.create(plan=plan, code=group.code, title=group.title, order=last)
    return groups


def _apply_document_change(plan: Plan, change, groups: dict, by_key: dict, effective_from: dt.date):
    """Retire the old task and/or create the new one; returns (old task, new task)."""
    from ngvh.plans.services import task_assignments_from, task_fields

    old = None
    if change.action in (AmendmentAction.CHANGE, AmendmentAction.REMOVE):
        old = Task.objects.select_for_update().get(plan=plan, code=change.code, retired_on__isnull=True)
        old.retired_on = effective_from
        old.save(update_fields=["retired_on"])
    if change.action == AmendmentAction.REMOVE:
        return old, None
    if old is not None:
        top = plan.tasks.filter(code=old.code).aggregate(v=Max("version"))["v"] or old.version
        order, version = old.order, top + 1
    else:
        order, version = (plan.tasks.aggregate(o=Max("order"))["o"] or 0) + 1, 1
    new_task = Task.objects.create(plan=plan, group=groups[change.new.group], order=order, added_on=effective_from,
                                   version=version, **task_fields(change.new))
    TaskAssignment.objects.bulk_create(
        task_assignments_from(task=new_task, ptask=change.new, by_key=by_key, active_from=effective_from)
    )
    return old, new_task
