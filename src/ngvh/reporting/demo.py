"""Illustrative annual reports 2023–2026 for ``ngvh demo``.

Every state appears: accepted on time, accepted after a return, submitted late, awaiting
review, returned, still a draft, and missing for 2026 (its deadline, 15/11/2026, has
passed). Rows are written directly with their historical timestamps — the services stamp
"now" — and marked ``is_demo``. A report already filled by an earlier run is left alone,
so running the demo twice changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .models import AnnualReport, PlannedActivity, ReportEvent, ReportLine
from .services import reporting_year_open
from .versions import reporting_version_bump

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
    "done_on_time": "Đã hoàn thành đúng tiến độ trong năm {year}; các hoạt động được tổ chức theo kế hoạch.",
    "in_progress": "Đang triển khai trong năm {year}; đã thực hiện phần lớn nội dung, tiếp tục trong các tháng cuối năm.",
    "not_arisen": "Trong năm {year} không phát sinh sự kiện thuộc nhiệm vụ này.",
}
RETURN_REASON = "Đề nghị bổ sung số liệu kinh phí theo nguồn và danh sách đối tác nước ngoài."


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)), timezone.get_default_timezone())


def _state_for(name: str, index: int, year: int) -> str:
    if year == 2026:
        return NAMED_2026.get(name, CYCLE_2026[index % len(CYCLE_2026)])
    return PAST_CYCLE[(index + year) % len(PAST_CYCLE)]


def _fill_lines(report: AnnualReport, year: int, *, partial: bool = False) -> None:
    from ngvh.activities.models import Activity

    ry = report.reporting_year
    lines = list(report.lines.select_related("task"))
    for i, line in enumerate(lines):
        if partial and i >= max(1, len(lines) // 2):
            break
        if line.task.timeframe_kind == "as_arising" and year % 2:
            status, progress = "not_arisen", 0
        elif partial or year == 2026 and i % 3 == 2:
            status, progress = "in_progress", 60
        else:
            status, progress = "done_on_time", 100
        line.status = status
        line.progress = progress
        line.results = RESULTS[status].format(year=year)
        line.activities_confirmed = True
        line.save(update_fields=["status", "progress", "results", "activities_confirmed"])
        matching = Activity.objects.filter(
            is_demo=True,
            agency_id=report.agency_id,
            tasks=line.task_id,
            start_date__lte=ry.cutoff_end,
            end_date__gte=ry.cutoff_start,
        ).exclude(status="cancelled")
        line.activities.set(list(matching.values_list("id", flat=True)))
    report.difficulties = "Kinh phí cho hoạt động đối ngoại còn hạn chế; thiếu cán bộ có ngoại ngữ."
    report.recommendations = "Đề nghị Sở Ngoại vụ hỗ trợ kết nối với các địa phương kết nghĩa."
    if lines:
        PlannedActivity.objects.get_or_create(
            report=report,
            order=0,
            defaults={"title": f"Tổ chức hoạt động quảng bá văn hóa năm {year + 1}", "task": lines[0].task, "expected_month": 5},
        )


def _event(report, kind, at, from_status, to_status, reason="") -> None:
    ReportEvent.objects.create(report=report, kind=kind, at=at, from_status=from_status, to_status=to_status, reason=reason)


def _apply(report: AnnualReport, state: str, year: int) -> None:
    deadline = report.reporting_year.deadline
    if state == "missing":
        return
    opened = _at(dt.date(year, 9, 1))
    ReportEvent.objects.filter(report=report, kind="created").update(at=opened)
    _fill_lines(report, year, partial=state == "draft")
    report.is_demo = True
    if state == "draft":
        _event(report, "saved", _at(deadline - dt.timedelta(days=20)), "draft", "draft")
        report.version += 1
        report.save()
        return
    first = _at(deadline + dt.timedelta(days=4)) if state == "late" else _at(deadline - dt.timedelta(days=6))
    report.first_submitted_at = report.submitted_at = first
    _event(report, "submitted", first, "draft", "submitted")
    report.status = "submitted"
    if state in ("returned", "accepted_after_return"):
        back = first + dt.timedelta(days=3)
        _event(report, "returned", back, "submitted", "returned", RETURN_REASON)
        report.status = "returned"
        report.return_reason = RETURN_REASON
        if state == "accepted_after_return":
            again = back + dt.timedelta(days=2)
            _event(report, "submitted", again, "returned", "submitted")
            report.submitted_at = again
            report.status = "submitted"
    if state in ("accepted_on_time", "accepted_after_return", "late") and not (year == 2026 and state == "late"):
        report.accepted_at = (report.submitted_at or first) + dt.timedelta(days=5)
        _event(report, "accepted", report.accepted_at, "submitted", "accepted")
        report.status = "accepted"
    report.version += 3
    report.save()


@transaction.atomic
def load(*, plan, stdout=None) -> None:
    from ngvh.accounts.system import system_actor

    today = timezone.localdate()
    filled = 0
    for year in YEARS:
        ry = reporting_year_open(user=system_actor(), plan=plan, year=year, today=today)
        reports = list(
            AnnualReport.objects.filter(reporting_year=ry.reporting_year).select_related("agency", "reporting_year").order_by("agency__name")
        )
        for index, report in enumerate(reports):
            if report.is_demo or report.version != 1 or report.status != "draft":
                continue
            if ReportLine.objects.filter(report=report).exclude(status="").exists():
                continue
            _apply(report, _state_for(report.agency.name, index, year), year)
            filled += report.is_demo
    reporting_version_bump(plan_ids=[plan.pk])
    if stdout is not None:
        stdout.write(f"Báo cáo minh họa / illustrative reports: {filled} ({YEARS[0]}–{YEARS[-1]})\n")
