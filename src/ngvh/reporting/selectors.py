"""Reads of reporting years, reports, rates and amendments, scoped to the user.

A report the user may not see and a report that does not exist give the same 404.
The rates selector and the report page run a fixed number of queries whatever the
number of agencies, lines and activities: aggregation happens in SQL, and related rows
come in one query per kind.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from ngvh.accounts.policies import is_signed_in
from ngvh.plans.models import AssignmentRole, TimeframeKind

from .models import (
    AmendmentProposal,
    AnnualReport,
    ReportingYear,
    ReportLine,
    ReportStatus,
    TaskStatus,
)
from .policies import AmendmentPolicy, ReportPolicy
from .rates import LineRow, RatesResult, ReportRow, compute_rates, deadline_end

# ---- rates -------------------------------------------------------------------------------


def _rates_for_years(years: list[ReportingYear]) -> dict[int, RatesResult]:
    """Two aggregate queries for any number of years."""
    ids = [y.id for y in years]
    if not ids:
        return {}
    report_rows = _report_rows_by_year(ids)
    line_rows = _line_rows_by_year(ids)
    tz = timezone.get_default_timezone()
    results = {}
    for year in years:
        results[year.id] = compute_rates(
            plan_number=year.plan.number,
            year=year.year,
            deadline=year.deadline,
            deadline_cutoff=deadline_end(year.deadline, tz),
            reports=report_rows.get(year.id, []),
            lines=line_rows.get(year.id, []),
            frozen_expected=year.expected_count if year.expected_frozen_at else None,
        )
    return results


def _report_rows_by_year(ids: list[int]) -> dict[int, list[ReportRow]]:
    """Each report of these years with its line counts, by year (one aggregate query)."""
    report_rows: dict[int, list[ReportRow]] = defaultdict(list)
    reported = ~Q(lines__status="") & ~Q(lines__status=TaskStatus.NOT_ARISEN)
    for row in (
        AnnualReport.objects.filter(reporting_year_id__in=ids)
        .order_by()
        .values("id", "reporting_year_id", "agency_id", "agency__name", "status", "first_submitted_at", "is_expected")
        .annotate(
            n_lines=Count("lines"),
            n_not_arisen=Count("lines", filter=Q(lines__status=TaskStatus.NOT_ARISEN)),
            n_reported=Count("lines", filter=reported),
        )
    ):
        report_rows[row["reporting_year_id"]].append(
            ReportRow(
                report_id=row["id"],
                agency_id=row["agency_id"],
                agency_name=row["agency__name"],
                status=row["status"],
                first_submitted_at=row["first_submitted_at"],
                is_expected=row["is_expected"],
                lines=row["n_lines"],
                lines_not_arisen=row["n_not_arisen"],
                lines_reported=row["n_reported"],
            )
        )
    return report_rows


def _line_rows_by_year(ids: list[int]) -> dict[int, list[LineRow]]:
    """The expected, submitted and did-not-arise line counts per task, by year (one
    aggregate query)."""
    # One row per (year, task), counted with conditional aggregation: the expected,
    # submitted and did-not-arise lines of the expected reports. compute_rates takes
    # LineRow groups; three synthetic groups per task carry exactly those counts.
    expected_report = Q(report__is_expected=True)
    not_arisen = Q(status=TaskStatus.NOT_ARISEN)
    line_rows: dict[int, list[LineRow]] = defaultdict(list)
    for row in (
        ReportLine.objects.filter(report__reporting_year_id__in=ids)
        .order_by()
        .values("report__reporting_year_id", "task_id", "task__code")
        .annotate(
            n_expected=Count("id", filter=expected_report & ~not_arisen),
            n_submitted=Count(
                "id",
                filter=expected_report
                & ~not_arisen
                & ~Q(status="")
                & Q(report__status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]),
            ),
            n_not_arisen=Count("id", filter=expected_report & not_arisen),
        )
    ):
        if not (row["n_expected"] or row["n_not_arisen"]):
            continue  # lines of reports left out of the count only
        year_id, task_id, code = row["report__reporting_year_id"], row["task_id"], row["task__code"]
        line_rows[year_id] += [
            LineRow(task_id, code, ReportStatus.SUBMITTED, "reported", row["n_submitted"]),
            LineRow(task_id, code, ReportStatus.DRAFT, "", row["n_expected"] - row["n_submitted"]),
            LineRow(task_id, code, ReportStatus.DRAFT, TaskStatus.NOT_ARISEN, row["n_not_arisen"]),
        ]
    return line_rows


def reporting_rates(*, plan, year: int) -> RatesResult:
    """Expected, submitted, on time, late, accepted and returned for one plan and year.

    Three queries whatever the size. A year not opened yet gives an empty result with
    ``opened=False``. The dashboard and ``ngvh report rates --json`` both use this.
    """
    ry = ReportingYear.objects.select_related("plan").filter(plan=plan, year=year).first()
    if ry is None:
        return RatesResult(plan_number=plan.number, year=year, deadline=None, frozen=False, opened=False)
    return _rates_for_years([ry])[ry.id]


def reporting_rates_by_year(*, plan) -> list[RatesResult]:
    """The same figures for every opened year of a plan, oldest first (three queries)."""
    years = list(ReportingYear.objects.select_related("plan").filter(plan=plan).order_by("year"))
    results = _rates_for_years(years)
    return [results[y.id] for y in years]


# ---- reporting years and reports -----------------------------------------------------------


def reporting_years(*, user, plan=None) -> list[ReportingYear]:
    if not is_signed_in(user):
        return []
    qs = ReportingYear.objects.select_related("plan").order_by("plan_id", "-year")
    if plan is not None:
        qs = qs.filter(plan=plan)
    return list(qs)


def reporting_year_get(*, user, pk: int) -> ReportingYear:
    if not is_signed_in(user):
        raise Http404
    ry = ReportingYear.objects.select_related("plan", "plan__province").filter(pk=pk).first()
    if ry is None:
        raise Http404
    return ry


def _visible_reports(user):
    return ReportPolicy.visible(user).select_related("reporting_year", "reporting_year__plan", "agency")


def visible_reports(*, user):
    """Every report the user may read, as a queryset to filter further (the API's list)."""
    return _visible_reports(user)


def report_list(*, user, reporting_year: ReportingYear) -> list[AnnualReport]:
    return list(
        _visible_reports(user)
        .filter(reporting_year=reporting_year)
        .annotate(n_lines=Count("lines"))
        .order_by("agency__name")
    )


def reports_for_user(*, user) -> list[AnnualReport]:
    """The reports of the user's own agency, newest year first (the reporter's list)."""
    return list(
        ReportPolicy.own(user)
        .select_related("reporting_year", "reporting_year__plan", "agency")
        .order_by("-reporting_year__year", "reporting_year__plan_id")
    )


def report_get(*, user, pk: int, for_update: bool = False) -> AnnualReport:
    qs = _visible_reports(user)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    report = qs.filter(pk=pk).first()
    if report is None or not ReportPolicy.can_view(user, report):
        raise Http404
    return report


@dataclass
class Indicators:
    """Figures derived from linked activities (counts, participants, budget by source, countries)."""

    activities: int = 0
    participants_reported: int = 0  # activities that gave a number; blank is not zero
    participants: int = 0
    participants_foreign: int = 0
    budget_state: int = 0
    budget_private: int = 0
    budget_foreign: int = 0
    countries: list[str] = field(default_factory=list)

    @property
    def budget_total(self) -> int:
        return self.budget_state + self.budget_private + self.budget_foreign

    @classmethod
    def of(cls, activities) -> Indicators:
        ind = cls()
        countries: set[str] = set()
        for a in activities:
            ind.activities += 1
            if a.participants_total is not None:
                ind.participants_reported += 1
                ind.participants += a.participants_total
            ind.participants_foreign += a.participants_foreign or 0
            ind.budget_state += a.budget_state
            ind.budget_private += a.budget_private
            ind.budget_foreign += a.budget_foreign
            countries.update(a.country_codes)
        ind.countries = sorted(countries)
        return ind


@dataclass
class LineView:
    line: ReportLine
    candidates: list  # activities offered for the line (linked ones first)
    selected_ids: set[int]
    indicators: Indicators
    unspecified: bool
    partners: list[dict] = field(default_factory=list)  # coordinating agencies' lines (lead only)


@dataclass
class ReportPage:
    report: AnnualReport
    lines: list[LineView]
    indicators: Indicators
    events: list
    planned: list
    tasks: list  # tasks of the report, for the planned-activities form


def _linked_activity_ids(line_ids: list[int]) -> dict[int, list[int]]:
    """The activities linked to each of these lines (one query)."""
    linked: dict[int, list[int]] = defaultdict(list)
    for line_id, activity_id in ReportLine.activities.through.objects.filter(reportline_id__in=line_ids or [0]).values_list(
        "reportline_id", "activity_id"
    ):
        linked[line_id].append(activity_id)
    return linked


def _candidate_activity_ids(report: AnnualReport, task_ids: list[int]) -> dict[int, list[int]]:
    """Per task, the agency's activities recorded against it that overlap the year's data
    cut-off and are not cancelled: what a line is offered to link (one query)."""
    from ngvh.activities.models import Activity, ActivityStatus

    ry = report.reporting_year
    candidates_by_task: dict[int, list[int]] = defaultdict(list)
    for task_id, activity_id in (
        Activity.tasks.through.objects.filter(
            task_id__in=task_ids or [0],
            activity__agency_id=report.agency_id,
            activity__start_date__lte=ry.cutoff_end,
            activity__end_date__gte=ry.cutoff_start,
        )
        .exclude(activity__status=ActivityStatus.CANCELLED)
        .values_list("task_id", "activity_id")
    ):
        candidates_by_task[task_id].append(activity_id)
    return candidates_by_task


def _partner_lines(report: AnnualReport, lead_task_ids: list[int]) -> tuple[list[ReportLine], list[int]]:
    """The other agencies' lines on the report's lead tasks, and the ids of those the lead
    agency may read (their reports are submitted or accepted). One query."""
    partner_lines = list(
        ReportLine.objects.filter(report__reporting_year=report.reporting_year, task_id__in=lead_task_ids or [0])
        .exclude(report_id=report.id)
        .select_related("report__agency")
        .order_by("report__agency__name")
    )
    visible_ids = [p.id for p in partner_lines if p.report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)]
    return partner_lines, visible_ids


def _activities_with_countries(ids) -> dict:
    """The activities by id, start date first, each with its ``country_codes`` (two queries)."""
    from ngvh.activities.models import Activity, ActivityCountry

    activities = {a.id: a for a in Activity.objects.filter(id__in=ids or [0]).order_by("start_date", "id")}
    codes: dict[int, list[str]] = defaultdict(list)
    for activity_id, code in ActivityCountry.objects.filter(activity_id__in=list(activities) or [0]).values_list(
        "activity_id", "code"
    ):
        codes[activity_id].append(code)
    for a in activities.values():
        a.country_codes = set(codes.get(a.id, [])) | ({a.place_country} if a.place_country and a.place_country != "VN" else set())
    return activities


def _partners_by_task(partner_lines, visible_ids, linked, activities) -> dict[int, list[dict]]:
    partners_by_task: dict[int, list[dict]] = defaultdict(list)
    for p in partner_lines:
        visible = p.id in visible_ids
        partners_by_task[p.task_id].append(
            {
                "agency": p.report.agency,
                "role": p.get_role_display(),
                "visible": visible,
                "line": p if visible else None,
                "activities": [activities[a] for a in linked.get(p.id, []) if a in activities] if visible else [],
            }
        )
    return partners_by_task


def _line_views(lines, linked, candidates_by_task, activities, partners_by_task) -> tuple[list[LineView], dict]:
    """Each line with the activities it offers and has chosen, and every chosen activity."""
    views = []
    report_activities: dict[int, object] = {}
    for line in lines:
        linked_ids = [a for a in linked.get(line.id, []) if a in activities]
        offered = list(dict.fromkeys(linked_ids + sorted(candidates_by_task.get(line.task_id, []), key=lambda i: (activities[i].start_date, i))))
        selected = set(linked_ids) if line.activities_confirmed else set(offered)
        chosen = [activities[i] for i in offered if i in selected]
        for a in chosen:
            report_activities[a.id] = a
        views.append(
            LineView(
                line=line,
                candidates=[activities[i] for i in offered],
                selected_ids=selected,
                indicators=Indicators.of(chosen),
                unspecified=line.task.timeframe_kind == TimeframeKind.UNSPECIFIED,
                partners=partners_by_task.get(line.task_id, []),
            )
        )
    return views, report_activities


def report_page(*, user, report: AnnualReport) -> ReportPage:
    """Everything the report page shows, in a fixed number of queries.

    Offered activities: the agency's own activities recorded against the line's task and
    overlapping the year's data cut-off. The lead agency also sees the coordinating
    agencies' lines for its tasks — only once those reports are submitted, since an
    agency never sees another agency's draft.
    """
    lines = list(
        ReportLine.objects.filter(report=report).select_related("task", "task__group").order_by("order", "id")
    )
    # ``or [0]`` in the helpers: an empty ``__in`` skips the query, and the page must run the
    # same number of queries whether or not this report has lead tasks or activities.
    partner_lines, visible_partner_ids = _partner_lines(report, [line.task_id for line in lines if line.role == AssignmentRole.LEAD])
    linked = _linked_activity_ids([line.id for line in lines] + visible_partner_ids)
    candidates_by_task = _candidate_activity_ids(report, [line.task_id for line in lines])
    all_ids = {a for ids in linked.values() for a in ids} | {a for ids in candidates_by_task.values() for a in ids}
    activities = _activities_with_countries(all_ids)
    partners_by_task = _partners_by_task(partner_lines, visible_partner_ids, linked, activities)
    views, report_activities = _line_views(lines, linked, candidates_by_task, activities, partners_by_task)
    return ReportPage(
        report=report,
        lines=views,
        indicators=Indicators.of(report_activities.values()),
        events=list(report.events.select_related("actor").order_by("at", "id")),
        planned=list(report.planned_activities.select_related("task").order_by("order", "id")),
        tasks=[line.task for line in lines],
    )


def report_form_page(*, report: AnnualReport) -> ReportPage:
    """What validating a POST of the report form needs, and nothing else.

    The lines with their tasks, the ids and titles of the activities each line may link
    (linked ones and the agency's candidates, exactly as :func:`report_page` offers them)
    and the planned rows. No partners, countries, indicators or events: on deadline day
    most POSTs are valid and redirect, so building the whole page only to validate was
    a third of the submit's time. Callers re-render through :func:`report_page`.
    """
    from ngvh.activities.models import Activity

    lines = list(ReportLine.objects.filter(report=report).select_related("task").order_by("order", "id"))
    linked = _linked_activity_ids([line.id for line in lines])
    candidates_by_task = _candidate_activity_ids(report, [line.task_id for line in lines])
    all_ids = {a for ids in linked.values() for a in ids} | {a for ids in candidates_by_task.values() for a in ids}
    activities = {a.id: a for a in Activity.objects.filter(id__in=all_ids or [0]).only("id", "title")}
    views = []
    for line in lines:
        linked_ids = [a for a in linked.get(line.id, []) if a in activities]
        offered = list(dict.fromkeys(linked_ids + candidates_by_task.get(line.task_id, [])))
        views.append(
            LineView(
                line=line,
                candidates=[activities[i] for i in offered],
                selected_ids=set(linked_ids) if line.activities_confirmed else set(offered),
                indicators=Indicators(),
                unspecified=line.task.timeframe_kind == TimeframeKind.UNSPECIFIED,
            )
        )
    planned = list(report.planned_activities.order_by("order", "id"))
    return ReportPage(
        report=report, lines=views, indicators=Indicators(), events=[], planned=planned,
        tasks=[line.task for line in lines],
    )


# ---- amendments ----------------------------------------------------------------------------


def amendment_list(*, user, plan=None) -> list[AmendmentProposal]:
    if not is_signed_in(user):
        return []
    qs = AmendmentPolicy.visible(user).select_related("plan", "agency", "task", "proposed_by", "new_task")
    if plan is not None:
        qs = qs.filter(plan=plan)
    return list(qs.order_by("-proposed_at", "-id"))


def amendment_get(*, user, pk: int) -> AmendmentProposal:
    proposal = (
        AmendmentProposal.objects.select_related("plan", "agency", "task", "group", "proposed_by", "decided_by", "new_task")
        .filter(pk=pk)
        .first()
    )
    if proposal is None or not AmendmentPolicy.can_view(user, proposal):
        raise Http404
    return proposal


def deadline_passed(reporting_year: ReportingYear, today: dt.date | None = None) -> bool:
    return (today or timezone.localdate()) > reporting_year.deadline


# ---- home pages ----------------------------------------------------------------------------


@dataclass
class ReviewQueue:
    """The coordinator's home: what waits for review, and who is late or missing."""

    reporting_year: ReportingYear | None
    rates: RatesResult | None
    awaiting: list  # submitted reports of every year, oldest submission first
    late: list  # AgencyRate of the current year: first sent after the deadline
    missing: list  # AgencyRate of the current year: expected and not sent (draft or returned)
    deadline_passed: bool = False


def current_reporting_year() -> ReportingYear | None:
    """The reporting year officers work on: the latest opened (one query)."""
    return ReportingYear.objects.select_related("plan").order_by("-year", "-deadline").first()


def review_queue(*, user, today: dt.date | None = None) -> ReviewQueue:
    """Five queries whatever the number of reports: the year, its rates (two aggregates
    and the plan), and the reports awaiting review."""
    ry = current_reporting_year()
    rates = _rates_for_years([ry])[ry.id] if ry is not None else None
    awaiting = list(
        _visible_reports(user).filter(status=ReportStatus.SUBMITTED).order_by("submitted_at", "id")[:100]
    )
    late = [a for a in rates.agencies if a.is_expected and a.late] if rates else []
    missing = [a for a in rates.agencies if a.is_expected and not a.submitted] if rates else []
    return ReviewQueue(
        reporting_year=ry, rates=rates, awaiting=awaiting, late=late, missing=missing,
        deadline_passed=deadline_passed(ry, today) if ry is not None else False,
    )


def reporter_todo(*, user) -> list[AnnualReport]:
    """The reports the user's agency still has to write or correct (drafts and returned),
    nearest deadline first; one query."""
    return [
        report
        for report in ReportPolicy.own(user)
        .select_related("reporting_year", "reporting_year__plan", "agency")
        .filter(status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED])
        .order_by("reporting_year__deadline", "id")
        if ReportPolicy.can_edit(user, report)
    ]
