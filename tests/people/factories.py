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
