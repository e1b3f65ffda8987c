"""Factories and a small scenario for the consolidated report and the dashboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from ngvh.accounts.models import Role
from ngvh.activities.models import ActivityKind
from ngvh.plans.models import AssignmentRole
from ngvh.reporting.models import PlannedActivity, ReportLine, ReportStatus, TaskStatus
from tests.factories import (
    ActivityFactory,
    AgencyFactory,
    AnnualReportFactory,
    PlanFactory,
    ReportingYearFactory,
    TaskAssignmentFactory,
    TaskFactory,
    TaskGroupFactory,
    UserFactory,
)


class ReportLineFactory(DjangoModelFactory):
    class Meta:
        model = ReportLine

    report = factory.SubFactory(AnnualReportFactory)
    task = factory.SubFactory(TaskFactory)
    role = "lead"
    status = TaskStatus.DONE_ON_TIME
    progress = 100
    results = "Đã tổ chức các hoạt động theo kế hoạch."


class PlannedActivityFactory(DjangoModelFactory):
    class Meta:
        model = PlannedActivity

    report = factory.SubFactory(AnnualReportFactory)
    title = factory.Sequence(lambda n: f"Hoạt động dự kiến {n}")
    expected_month = 5


def aware(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))


def accepted_report(*, reporting_year, agency, submitted: dt.datetime, **kwargs):
    return AnnualReportFactory(
        reporting_year=reporting_year,
        agency=agency,
        status=ReportStatus.ACCEPTED,
        submitted_at=submitted,
        first_submitted_at=submitted,
        accepted_at=submitted + dt.timedelta(days=2),
        **kwargs,
    )


@dataclass
class Scenario:
    plan: object
    reporting_year: object
    year: int
    agencies: dict = field(default_factory=dict)
    tasks: dict = field(default_factory=dict)
    reports: dict = field(default_factory=dict)
    coordinator: object = None
    leader: object = None
    reporter: object = None


def scenario(*, year: int = 2026, activities: int = 3) -> Scenario:
    """A plan with two groups and four tasks; three agencies expected, two reported.

    - Văn hóa (lead of 1, 2; coordinates 3) submitted on time, accepted;
    - Du lịch (lead of 3; coordinates 1) submitted late, accepted;
    - Thông tin (lead of 4) never submitted.
    """
    plan = PlanFactory(number="274/KH-UBND")
    g1 = TaskGroupFactory(plan=plan, code="I", title="Tuyên truyền, quảng bá", order=0)
    g2 = TaskGroupFactory(plan=plan, code="II", title="Hợp tác quốc tế", order=1)
    vh = AgencyFactory(name="Sở Văn hóa và Thể thao")
    dl = AgencyFactory(name="Sở Du lịch")
    tt = AgencyFactory(name="Sở Thông tin và Truyền thông")
    tasks = {
        "1": TaskFactory(group=g1, code="1", order=1, title="Tổ chức Lễ hội Hoa Phượng Đỏ"),
        "2": TaskFactory(group=g1, code="2", order=2, title="Quảng bá hình ảnh thành phố", timeframe_kind="as_arising"),
        "3": TaskFactory(group=g2, code="3", order=3, title="Giao lưu với thành phố kết nghĩa"),
        "4": TaskFactory(group=g2, code="4", order=4, title="Xây dựng cơ sở dữ liệu"),
    }
    for code, agency, role in [
        ("1", vh, AssignmentRole.LEAD), ("1", dl, AssignmentRole.COORDINATOR),
        ("2", vh, AssignmentRole.LEAD),
        ("3", dl, AssignmentRole.LEAD), ("3", vh, AssignmentRole.COORDINATOR),
        ("4", tt, AssignmentRole.LEAD),
    ]:
        TaskAssignmentFactory(task=tasks[code], agency=agency, role=role)
    ry = ReportingYearFactory(plan=plan, year=year)
    r_vh = accepted_report(reporting_year=ry, agency=vh, submitted=aware(year, 11, 10),
                           difficulties="Kinh phí còn hạn chế.", recommendations="=SUM(A1) đề nghị bổ sung kinh phí.")
    r_dl = accepted_report(reporting_year=ry, agency=dl, submitted=aware(year, 11, 20),
                           recommendations="Đề nghị tăng cường quảng bá du lịch.")
    # the year's opening creates a draft for every expected agency; Thông tin never sent it
    r_tt = AnnualReportFactory(reporting_year=ry, agency=tt, status=ReportStatus.DRAFT)
    ReportLineFactory(report=r_tt, task=tasks["4"], role="lead", status=TaskStatus.OVERDUE, results="Bản nháp chưa gửi.")
    ReportLineFactory(report=r_vh, task=tasks["1"], role="lead", status=TaskStatus.DONE_LATE,
                      results="Tổ chức thành công Lễ hội Hoa Phượng Đỏ với 50.000 lượt khách.")
    ReportLineFactory(report=r_dl, task=tasks["1"], role="coordinator", status=TaskStatus.DONE_ON_TIME,
                      results="Phối hợp đón 20 đoàn khách quốc tế.")
    ReportLineFactory(report=r_vh, task=tasks["2"], role="lead", status=TaskStatus.NOT_ARISEN, results="")
    ReportLineFactory(report=r_dl, task=tasks["3"], role="lead", status=TaskStatus.DONE_ON_TIME,
                      results="Đón đoàn Kitakyushu.")
    ReportLineFactory(report=r_vh, task=tasks["3"], role="coordinator", status=TaskStatus.IN_PROGRESS, results="")
    PlannedActivityFactory(report=r_vh, title="Lễ hội Hoa Phượng Đỏ " + str(year + 1), task=tasks["1"], expected_month=5)
    for i in range(activities):
        ActivityFactory(plan=plan, agency=vh if i % 2 == 0 else dl, start_date=dt.date(year, 1 + i % 12, 10),
                              kind=ActivityKind.EVENT_HOME if i % 3 else ActivityKind.DELEGATION_IN,
                              participants_total=100, participants_foreign=10, budget_state=1_000_000,
                              budget_private=500_000, budget_foreign=0, countries=["JP" if i % 2 else "KR"])
    focal = AgencyFactory(name="Sở Ngoại vụ")
    return Scenario(
        plan=plan, reporting_year=ry, year=year,
        agencies={"vh": vh, "dl": dl, "tt": tt, "focal": focal},
        tasks=tasks, reports={"vh": r_vh, "dl": r_dl, "tt": r_tt},
        coordinator=UserFactory(agency=focal, role=Role.COORDINATOR),
        leader=UserFactory(agency=AgencyFactory(name="Văn phòng UBND"), role=Role.LEADER),
        reporter=UserFactory(agency=tt, role=Role.REPORTER),
    )
