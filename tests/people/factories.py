"""Builders for the people registry's tests."""

from __future__ import annotations

import datetime as dt

from ngvh.people.services import PersonData

NAME = "Nguyễn Thị Cộng Tác"
EMAIL = "congtac.vien@example.org"
PHONE = "0912 345 678"


def person_data(*, agency, **overrides) -> PersonData:
    values = dict(
        owner_agency_id=agency.pk, category="collaborator", full_name=NAME, email=EMAIL, phone=PHONE,
        languages="Nhật, Anh", skills="Phiên dịch hội nghị", consent_date=dt.date(2026, 3, 1),
        consent_scope="Lưu họ tên, thư điện tử, điện thoại, ngoại ngữ để mời cộng tác phiên dịch",
        consent_method="written",
    )
    values.update(overrides)
    return PersonData(**values)


HEADER = ["Nhóm", "Họ và tên", "Cơ quan quản lý", "Thư điện tử", "Điện thoại", "Ngoại ngữ", "Kỹ năng", "Khóa đào tạo",
          "Nước cư trú", "Hội", "Lĩnh vực", "Ngày đồng ý", "Phạm vi đồng ý", "Cách thức đồng ý"]


def person_row(*, category="Cộng tác viên", name=NAME, agency="", email=EMAIL, country="", consent_date="01/03/2026",
               scope="Lưu họ tên, thư điện tử để mời cộng tác", method="Phiếu đồng ý có chữ ký") -> tuple:
    """One import row, in the template's column order."""
    return (category, name, agency, email, PHONE, "Nhật", "", "", country, "", "", consent_date, scope, method)


def people_workbook(rows) -> bytes:
    from tests.factories import workbook

    return workbook(HEADER, rows)
