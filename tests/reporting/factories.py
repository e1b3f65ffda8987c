"""Reporting factories and a small plan whose expected agencies are easy to count by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import factory
from factory.django import DjangoModelFactory

from ngvh.accounts.models import Role
from ngvh.plans.models import TimeframeKind
from ngvh.reporting.models import ReportLine
from tests.factories import (
    AgencyFactory,
    PlanFactory,
    TaskAssignmentFactory,
    TaskFactory,
    TaskGroupFactory,
    UserFactory,
)


class ReportLineFactory(DjangoModelFactory):
    class Meta:
        model = ReportLine

    report = None
    task = factory.SubFactory(TaskFactory)
    role = "lead"


@dataclass
class SmallPlan:
    plan: object
    focal: object
    a: object
    b: object
    c: object
    successor: object
    tasks: dict
    coordinator: object
    reporter_a: object
    reporter_b: object
    reporter_c: object
    leader: object


def small_plan() -> SmallPlan:
    """Given a plan with five tasks:

    - T1 annual: lead A, coordinating B until 30/06/2025 then its successor S;
    - T2 period 2024–2025: lead C;
    - T3 as events arise: lead A;
    - T4 unspecified timeframe: lead B;
    - T5 the single year 2027: lead C.
    For 2025 (deadline 15/11/2025) the expected agencies are A, B (T4), C and S (T1).
    """
    plan = PlanFactory(number="274/KH-UBND")
    group = TaskGroupFactory(plan=plan, code="I")
    focal = AgencyFactory(name="Sở Ngoại vụ", email="songoaivu@example.org")
    a = AgencyFactory(name="Sở Văn hóa và Thể thao", email="vhtt@example.org")
    b = AgencyFactory(name="Sở Du lịch")
    c = AgencyFactory(name="Sở Thông tin và Truyền thông")
    s = AgencyFactory(name="Sở Văn hóa, Thể thao và Du lịch")
    t1 = TaskFactory(group=group, code="I.1", order=1, title="Quảng bá văn hóa Hải Phòng", timeframe_kind=TimeframeKind.ANNUAL)
    t2 = TaskFactory(group=group, code="I.2", order=2, timeframe_kind=TimeframeKind.PERIOD, timeframe_start=2024, timeframe_end=2025)
    t3 = TaskFactory(group=group, code="I.3", order=3, timeframe_kind=TimeframeKind.AS_ARISING)
    t4 = TaskFactory(group=group, code="I.4", order=4, timeframe_kind=TimeframeKind.UNSPECIFIED)
    t5 = TaskFactory(group=group, code="I.5", order=5, timeframe_kind=TimeframeKind.YEAR, timeframe_start=2027, timeframe_end=2027)
    TaskAssignmentFactory(task=t1, agency=a, role="lead")
    TaskAssignmentFactory(task=t1, agency=b, role="coordinator", active_until=dt.date(2025, 6, 30))
    TaskAssignmentFactory(task=t1, agency=s, role="coordinator", active_from=dt.date(2025, 7, 1))
    TaskAssignmentFactory(task=t2, agency=c, role="lead")
    TaskAssignmentFactory(task=t3, agency=a, role="lead")
    TaskAssignmentFactory(task=t4, agency=b, role="lead")
    TaskAssignmentFactory(task=t5, agency=c, role="lead")
    return SmallPlan(
        plan=plan,
        focal=focal,
        a=a,
        b=b,
        c=c,
        successor=s,
        tasks={"I.1": t1, "I.2": t2, "I.3": t3, "I.4": t4, "I.5": t5},
        coordinator=UserFactory(username="dieuphoi", agency=focal, role=Role.COORDINATOR),
        reporter_a=UserFactory(username="vhtt", agency=a, role=Role.REPORTER),
        reporter_b=UserFactory(username="dulich", agency=b, role=Role.REPORTER),
        reporter_c=UserFactory(username="tttt", agency=c, role=Role.REPORTER),
        leader=UserFactory(username="lanhdao", agency=AgencyFactory(name="Văn phòng UBND"), role=Role.LEADER),
    )
