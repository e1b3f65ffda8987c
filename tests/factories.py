"""Factories for the core models. Apps with models of their own keep theirs beside their tests."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from ngvh.accounts.models import Role, User
from ngvh.activities.models import Activity, ActivityKind, ActivityStatus
from ngvh.agencies.models import Agency, AgencyKind, Province
from ngvh.core.text import agency_key, search_key
from ngvh.plans.models import (
    AssignmentRole,
    ImportReview,
    Plan,
    Task,
    TaskAssignment,
    TaskGroup,
    TimeframeKind,
)
from ngvh.reporting.models import AnnualReport, ReportingYear

PASSWORD = "correct-horse-battery-42"


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    name = "Hải Phòng"
    code = "hai-phong"


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("province", "name_key")

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    name_key = factory.LazyAttribute(lambda o: agency_key(o.name))
    kind = AgencyKind.DEPARTMENT


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    agency = factory.SubFactory(AgencyFactory)
    role = Role.REPORTER

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    province = factory.SubFactory(ProvinceFactory)
    number = factory.Sequence(lambda n: f"{100 + n}/KH-UBND")
    issued_on = dt.date(2022, 12, 5)
    place = "Hải Phòng"
    issuer = "Ủy ban nhân dân thành phố Hải Phòng"
    title = "Triển khai Chiến lược Ngoại giao văn hóa đến năm 2030"


class TaskGroupFactory(DjangoModelFactory):
    class Meta:
        model = TaskGroup

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: ["I", "II", "III", "IV", "V", "VI"][n % 6] + ("" if n < 6 else str(n)))
    title = "Nhóm nhiệm vụ"
    order = factory.Sequence(int)


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task

    group = factory.SubFactory(TaskGroupFactory)
    plan = factory.LazyAttribute(lambda o: o.group.plan)
    code = factory.Sequence(lambda n: f"T.{n}")
    order = factory.Sequence(int)
    title = "Tổ chức hoạt động văn hóa đối ngoại"
    search_text = factory.LazyAttribute(lambda o: search_key(f"{o.code} {o.title}"))
    timeframe_kind = TimeframeKind.ANNUAL


class TaskAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = TaskAssignment

    task = factory.SubFactory(TaskFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = AssignmentRole.LEAD


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True  # the countries hook changes no field of the activity

    plan = factory.SubFactory(PlanFactory)
    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Hoạt động giao lưu văn hóa {n}")
    kind = ActivityKind.EVENT_HOME
    status = ActivityStatus.DONE
    start_date = dt.date(2025, 5, 10)
    end_date = factory.LazyAttribute(lambda o: o.start_date)
    year = factory.LazyAttribute(lambda o: o.start_date.year)
    search_text = factory.LazyAttribute(lambda o: search_key(o.title))

    @factory.post_generation
    def countries(obj, create, extracted, **kwargs):
        """``countries=["JP", ...]``: the countries reached; and the dashboards' rollups kept
        as ``activity_create`` keeps them, since this factory saves without the services."""
        if not create:
            return
        from ngvh.activities.models import ActivityCountry
        from ngvh.activities.rollup import Delta, Facts, rollup_apply

        for code in extracted or ():
            ActivityCountry.objects.create(activity=obj, code=code)
        rollup_apply(Delta().add(Facts.of(obj, extracted or ())))


class ReportingYearFactory(DjangoModelFactory):
    class Meta:
        model = ReportingYear

    plan = factory.SubFactory(PlanFactory)
    year = 2025
    deadline = factory.LazyAttribute(lambda o: dt.date(o.year, 11, 15))
    cutoff_start = factory.LazyAttribute(lambda o: dt.date(o.year - 1, 12, 15))
    cutoff_end = factory.LazyAttribute(lambda o: dt.date(o.year, 12, 14))


class AnnualReportFactory(DjangoModelFactory):
    class Meta:
        model = AnnualReport

    reporting_year = factory.SubFactory(ReportingYearFactory)
    agency = factory.SubFactory(AgencyFactory)


class ImportReviewFactory(DjangoModelFactory):
    """A plan import waiting for review; ``parsed`` is left empty (enough for rows that are
    only counted, listed or removed)."""

    class Meta:
        model = ImportReview

    source_name = factory.Sequence(lambda n: f"ke-hoach-{n}.docx")
    source_bytes = b"PK\x03\x04 not really a document"
    source_sha256 = "0" * 64
    created_by = factory.SubFactory(UserFactory)


def workbook(header, rows) -> bytes:
    """An .xlsx whose first sheet has ``header`` then ``rows`` (values as openpyxl writes them)."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
