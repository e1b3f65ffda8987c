"""Illustrative activities for ``ngvh demo``: 2023–2026, across the plan's tasks and their
lead agencies. Deterministic (no randomness) and idempotent: an activity already there
(same plan, agency, title and start date) is not added again. Every row is ``is_demo``.

Each is recorded through ``activity_create`` by its agency's author
(``accounts.demo_authors``), as a reporter would record it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from .data import ActivityData
from .models import Activity, ActivityKind, ActivityStatus
from .services import activity_create

YEARS = (2023, 2024, 2025, 2026)
# (kind, title pattern, place, country, foreign participants share)
PATTERNS = [
    (ActivityKind.TRAINING, "Lớp bồi dưỡng kiến thức ngoại giao văn hóa năm {year}", "Quận Lê Chân", "VN"),
    (ActivityKind.EVENT_HOME, "Lễ hội Hoa Phượng Đỏ {year}: chương trình giao lưu quốc tế", "Quận Hồng Bàng", "VN"),
    (ActivityKind.DELEGATION_OUT, "Đoàn công tác thăm thành phố kết nghĩa Kitakyushu {year}", "Kitakyushu", "JP"),
    (ActivityKind.DELEGATION_IN, "Đón đoàn thành phố Incheon thăm Hải Phòng {year}", "Quận Ngô Quyền", "VN"),
    (ActivityKind.PRESS_CREW, "Hỗ trợ đoàn làm phim nước ngoài quảng bá Cát Bà {year}", "Huyện Cát Hải", "VN"),
    (ActivityKind.EXHIBITION, "Triển lãm ảnh Hải Phòng – Thiên Tân {year}", "Thiên Tân", "CN"),
    (ActivityKind.ONLINE, "Quảng bá du lịch Hải Phòng bằng tiếng Anh, Nhật, Hàn {year}", "Trực tuyến", "VN"),
    (ActivityKind.CONFERENCE, "Hội thảo ngoại giao văn hóa và hội nhập quốc tế {year}", "Quận Hải An", "VN"),
]


@transaction.atomic
def load(*, plan, stdout=None) -> int:
    from ngvh.accounts.demo_authors import demo_author
    from ngvh.accounts.system import history_actor

    existing = set(Activity.objects.filter(plan=plan, is_demo=True).values_list("agency_id", "title", "start_date"))
    today = dt.date.today()
    created = 0
    authors: dict[int, object] = {}
    for index, held in enumerate(_leads_by_task(plan).values()):
        for year in YEARS:
            planned = _planned(index, year, held, today)
            if planned is None:
                continue
            assignment, data = planned
            if (assignment.agency_id, data.title, data.start_date) in existing:
                continue
            if assignment.agency_id not in authors:
                authors[assignment.agency_id] = demo_author(agency=assignment.agency)
            author = authors[assignment.agency_id]
            with history_actor(author):
                # An activity of a task its agency has since handed on (the 2025 merger):
                # the form asks the reporter to confirm it, and the reporter does.
                activity_create(
                    user=author, plan=plan, data=data, is_demo=True,
                    confirm_unassigned=assignment.active_until is not None,
                )
            created += 1
    if stdout is not None:
        stdout.write(f"Hoạt động minh họa / illustrative activities: {created} mới / new")
    return created


def _leads_by_task(plan) -> dict[int, list]:
    """Every lead a task had, current or closed by a restructuring, in time order: each
    activity goes to the agency that led the task on its start date, so after the 2025
    merger the 2026 activities are the merged agency's and the 2023–2024 ones stay with
    the old agencies."""
    from ngvh.plans.models import AssignmentRole, TaskAssignment

    by_task: dict[int, list] = {}
    for assignment in (
        TaskAssignment.objects.filter(task__plan=plan, task__retired_on__isnull=True, role=AssignmentRole.LEAD)
        .select_related("task", "agency")
        .order_by("task__order", "active_from", "id")
    ):
        by_task.setdefault(assignment.task_id, []).append(assignment)
    return by_task


def _planned(index: int, year: int, held: list, today: dt.date):
    """(the lead assignment on the start date, the activity's data) of the task's
    illustrative activity of ``year``, or None when no agency led the task then."""
    task = held[0].task
    kind, pattern, place, country = PATTERNS[(index + year) % len(PATTERNS)]
    start = dt.date(year, 1 + (index * 3 + year) % 12, 1 + (index * 7) % 27)
    assignment = next(
        (a for a in held if (a.active_from is None or a.active_from <= start) and (a.active_until is None or a.active_until >= start)),
        None,
    )
    if assignment is None:
        return None
    status = ActivityStatus.PLANNED if start > today else ActivityStatus.DONE
    if status == ActivityStatus.DONE and (index + year) % 11 == 0:
        status = ActivityStatus.CANCELLED
    return assignment, ActivityData(
        title=f"{pattern.format(year=year)} ({task.code})",
        kind=kind,
        status=status,
        start_date=start,
        end_date=start + dt.timedelta(days=(index + year) % 3),
        agency_id=assignment.agency_id,
        place_country=country,
        place_name=place,
        task_ids=[task.pk],
        participants_total=50 + (index * 37 + year) % 400,
        participants_foreign=(index * 13 + year) % 40,
        budget_state=((index + 1) * 15 + year % 7) * 1_000_000,
        budget_private=((index * 5 + year) % 4) * 5_000_000,
        budget_foreign=0 if country == "VN" else 20_000_000,
        media_count=(index + year) % 9,
        outcome="Dữ liệu minh họa: kết quả giả định để trình diễn phần mềm.",
        description="Hoạt động minh họa do lệnh ngvh demo tạo ra.",
    )
