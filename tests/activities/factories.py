"""Factories and builders for activity tests."""

from __future__ import annotations

import datetime as dt
import io

import factory
from factory.django import DjangoModelFactory
from PIL import Image

from ngvh.activities.data import ActivityData
from ngvh.activities.models import ForeignPartner
from ngvh.core.text import agency_key
from tests.factories import PlanFactory, TaskAssignmentFactory, TaskFactory, TaskGroupFactory


class ForeignPartnerFactory(DjangoModelFactory):
    class Meta:
        model = ForeignPartner

    name = factory.Sequence(lambda n: f"Thành phố đối tác {n}")
    name_key = factory.LazyAttribute(lambda o: agency_key(o.name))
    country = "JP"


def small_plan(*, lead_agency, other_agency=None):
    """A plan with two groups and three tasks; ``lead_agency`` leads I.1 and I.2."""
    plan = PlanFactory()
    g1 = TaskGroupFactory(plan=plan, code="I", order=0)
    g2 = TaskGroupFactory(plan=plan, code="II", order=1)
    t1 = TaskFactory(plan=plan, group=g1, code="I.1", order=0, title="Đào tạo, bồi dưỡng kiến thức ngoại giao văn hóa")
    t2 = TaskFactory(plan=plan, group=g1, code="I.2", order=1, title="Quảng bá hình ảnh thành phố")
    t3 = TaskFactory(plan=plan, group=g2, code="II.1", order=2, title="Tổ chức sự kiện văn hóa ở nước ngoài")
    TaskAssignmentFactory(task=t1, agency=lead_agency)
    TaskAssignmentFactory(task=t2, agency=lead_agency)
    if other_agency is not None:
        TaskAssignmentFactory(task=t3, agency=other_agency)
    return plan, [t1, t2, t3]


def activity_data(*, agency, tasks=(), **overrides) -> ActivityData:
    values = dict(
        title="Lễ hội Hoa Phượng Đỏ 2025",
        kind="event_home",
        status="done",
        start_date=dt.date(2025, 5, 10),
        end_date=dt.date(2025, 5, 12),
        agency_id=agency.pk,
        place_name="Quận Hồng Bàng",
        task_ids=[t.pk for t in tasks],
        participants_total=500,
        participants_foreign=40,
        budget_state=1_250_000,
    )
    values.update(overrides)
    return ActivityData(**values)


def png_bytes(size=(64, 48), color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run in DOS mode." + b"\x00" * 200
