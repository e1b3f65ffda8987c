"""Illustrative annual reports 2023–2026 for ``ngvh demo``, written through the services.

Every state appears: accepted on time, accepted after a return, submitted late, awaiting
review, returned, still a draft, and missing for 2026 (its deadline, 15/11/2026, has
passed). The demo acts as the people would: the focal point's coordinator opens each
year, each agency's author (``accounts.demo_authors``) fills in and submits its report,
and the coordinator returns or accepts it. Every step carries the date it is meant to
have happened (the services' ``at``), so the timeline reads as a real year and nothing is
mailed. Filled reports are marked ``is_demo``. A report already filled by an earlier run
is left alone, so running the demo twice changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ngvh.plans.models import TimeframeKind

from .models import AnnualReport, ReportLine, ReportStatus, TaskStatus
from .services import (
    LineInput,
    PlannedInput,
    report_accept,
    report_return,
    report_save,
    report_submit,
    reporting_year_open,
)

FOCAL = "Sở Ngoại vụ"
YEARS = (2023, 2024, 2025, 2026)

# 2026 states for the agencies the demo accounts belong to, so each account has something to do.
NAMED_2026 = {
    "Sở Ngoại vụ": "accepted_on_time",
    "Sở Văn hóa và Thể thao": "draft",
    "Sở Du lịch": "returned",
    "Sở Thông tin và Truyền thông": "late",
    "Sở Kế hoạch và Đầu tư": "missing",
    # after the 2025 merger (agencies.demo applies it first) the merged agency reports for 2026
    "Sở Văn hóa, Thể thao và Du lịch": "returned",
    "Sở Nội vụ": "draft",
}
PAST_CYCLE = ["accepted_on_time", "accepted_on_time", "accepted_after_return", "accepted_on_time", "late"]
CYCLE_2026 = ["accepted_on_time", "submitted", "missing"]

RESULTS = {
    TaskStatus.DONE_ON_TIME: "Đã hoàn thành đúng tiến độ trong năm {year}; các hoạt động được tổ chức theo kế hoạch.",
    TaskStatus.IN_PROGRESS: "Đang triển khai trong năm {year}; đã thực hiện phần lớn nội dung, tiếp tục trong các tháng cuối năm.",
    TaskStatus.NOT_ARISEN: "Trong năm {year} không phát sinh sự kiện thuộc nhiệm vụ này.",
}
RETURN_REASON = "Đề nghị bổ sung số liệu kinh phí theo nguồn và danh sách đối tác nước ngoài."


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)), timezone.get_default_timezone())


def _state_for(name: str, index: int, year: int) -> str:
    if year == 2026:
        return NAMED_2026.get(name, CYCLE_2026[index % len(CYCLE_2026)])
    return PAST_CYCLE[(index + year) % len(PAST_CYCLE)]


def _lines(report: AnnualReport, year: int, *, partial: bool = False) -> dict[int, LineInput]:
    """What the agency writes on each task line; a draft has written only half of them."""
    from ngvh.activities.models import Activity, ActivityStatus

    ry = report.reporting_year
    lines = list(report.lines.select_related("task"))
    written: dict[int, LineInput] = {}
    for i, line in enumerate(lines):
        if partial and i >= max(1, len(lines) // 2):
            break
        if line.task.timeframe_kind == TimeframeKind.AS_ARISING and year % 2:
            status, progress = TaskStatus.NOT_ARISEN, 0
        elif partial or year == 2026 and i % 3 == 2:
            status, progress = TaskStatus.IN_PROGRESS, 60
        else:
            status, progress = TaskStatus.DONE_ON_TIME, 100
        matching = Activity.objects.filter(
            is_demo=True,
            agency_id=report.agency_id,
            tasks=line.task_id,
            start_date__lte=ry.cutoff_end,
            end_date__gte=ry.cutoff_start,
        ).exclude(status=ActivityStatus.CANCELLED)
        written[line.id] = LineInput(
            status=status, progress=progress, results=RESULTS[status].format(year=year),
            activity_ids=list(matching.values_list("id", flat=True)),
        )
    return written


def _planned(report: AnnualReport, year: int) -> list[PlannedInput]:
    first = report.lines.order_by("order", "id").first()
    if first is None:
        return []
    return [PlannedInput(title=f"Tổ chức hoạt động quảng bá văn hóa năm {year + 1}", task_id=first.task_id, expected_month=5)]


def _apply(report: AnnualReport, state: str, year: int, *, author, coordinator) -> None:
    """Take the report through the steps of ``state``, as its author and the coordinator."""
    from ngvh.accounts.system import history_actor

    if state == "missing":
        return
    deadline = report.reporting_year.deadline
    first = _at(deadline + dt.timedelta(days=4)) if state == "late" else _at(deadline - dt.timedelta(days=6))
    saved = _at(deadline - dt.timedelta(days=20)) if state == "draft" else first - dt.timedelta(hours=1)
    with history_actor(author):
        report = report_save(
            user=author, report=report, version=report.version, at=saved, is_demo=True,
            difficulties="Kinh phí cho hoạt động đối ngoại còn hạn chế; thiếu cán bộ có ngoại ngữ.",
            recommendations="Đề nghị Sở Ngoại vụ hỗ trợ kết nối với các địa phương kết nghĩa.",
            lines=_lines(report, year, partial=state == "draft"), planned=_planned(report, year),
        )
        if state == "draft":
            return
        report = report_submit(user=author, report=report, at=first)
    if state in ("returned", "accepted_after_return"):
        back = first + dt.timedelta(days=3)
        with history_actor(coordinator):
            report = report_return(user=coordinator, report=report, reason=RETURN_REASON, at=back)
        if state == "accepted_after_return":
            with history_actor(author):
                report = report_submit(user=author, report=report, at=back + dt.timedelta(days=2))
    if state in ("accepted_on_time", "accepted_after_return", "late") and not (year == 2026 and state == "late"):
        with history_actor(coordinator):
            report_accept(user=coordinator, report=report, at=report.submitted_at + dt.timedelta(days=5))


@transaction.atomic
def load(*, plan, stdout=None) -> None:
    from ngvh.accounts.demo_authors import demo_author, demo_coordinator
    from ngvh.accounts.system import history_actor
    from ngvh.agencies.services import agencies_ensure

    today = timezone.localdate()
    coordinator = demo_coordinator(agency=agencies_ensure(province=plan.province, names=[FOCAL])[FOCAL])
    authors: dict[int, object] = {}
    filled = 0
    for year in YEARS:
        with history_actor(coordinator):
            ry = reporting_year_open(user=coordinator, plan=plan, year=year, today=today, at=_at(dt.date(year, 9, 1)))
        reports = list(
            AnnualReport.objects.filter(reporting_year=ry.reporting_year).select_related("agency", "reporting_year").order_by("agency__name")
        )
        for index, report in enumerate(reports):
            if report.is_demo or report.version != 1 or report.status != ReportStatus.DRAFT:
                continue
            if ReportLine.objects.filter(report=report).exclude(status="").exists():
                continue
            state = _state_for(report.agency.name, index, year)
            if state == "missing":
                continue
            if report.agency_id not in authors:
                authors[report.agency_id] = demo_author(agency=report.agency)
            _apply(report, state, year, author=authors[report.agency_id], coordinator=coordinator)
            filled += 1
    if stdout is not None:
        stdout.write(f"Báo cáo minh họa / illustrative reports: {filled} ({YEARS[0]}–{YEARS[-1]})\n")
