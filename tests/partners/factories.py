"""Factories and builders for the partner registry's tests."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from ngvh.partners.models import Relationship, RelationshipKind
from tests.activities.factories import ForeignPartnerFactory
from tests.factories import ProvinceFactory


class RelationshipFactory(DjangoModelFactory):
    class Meta:
        model = Relationship

    province = factory.SubFactory(ProvinceFactory)
    partner = factory.SubFactory(ForeignPartnerFactory)
    kind = RelationshipKind.TWINNED
    established_on = dt.date(2014, 3, 12)


HEADER = ["Tên đối tác", "Quốc gia", "Loại quan hệ", "Ngày thiết lập", "Cơ quan phụ trách", "Ghi chú",
          "Tên văn bản", "Số văn bản", "Ngày ký", "Người ký"]


def relationship_row(name="Kitakyushu", country="Nhật Bản", kind="Thành phố kết nghĩa", since="01/04/2017", agency="",
                     notes="", title="", number="", signed_on="", signatories="") -> tuple:
    """One import row, in the template's column order."""
    return (name, country, kind, since, agency, notes, title, number, signed_on, signatories)


def relationships_workbook(rows) -> bytes:
    from tests.factories import workbook

    return workbook(HEADER, rows)
