"""Illustrative partner relationships for ``ngvh demo``, created through the services.

The partners are real cities the plan names, but every date, document number and
signatory here is invented for the demonstration: each row is ``is_demo`` and says so in
its notes. Idempotent: a relationship already there is not added again. Needs an active
coordinator (the demo accounts' ``dieuphoi``); without one it adds nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

NOTE = "Dữ liệu minh họa: ngày tháng, số văn bản và người ký là giả định để trình diễn phần mềm."

# name, country, kind, established on, (document title, number, signed on, signatories)
PARTNERS = [
    ("Kitakyushu", "JP", "twinned", dt.date(2014, 3, 12),
     ("Thỏa thuận thiết lập quan hệ thành phố kết nghĩa (minh họa)", "MH-01/2014", dt.date(2014, 3, 12),
      "Chủ tịch UBND thành phố Hải Phòng (minh họa)\nThị trưởng thành phố Kitakyushu (minh họa)")),
    ("Incheon", "KR", "twinned", dt.date(2007, 11, 20),
     ("Thỏa thuận hợp tác hữu nghị (minh họa)", "MH-02/2007", dt.date(2007, 11, 20),
      "Chủ tịch UBND thành phố Hải Phòng (minh họa)\nThị trưởng thành phố Incheon (minh họa)")),
    ("Thiên Tân", "CN", "friendship", dt.date(2012, 5, 8), None),
    ("Viêng Chăn", "LA", "mou", dt.date(2017, 6, 5),
     ("Biên bản ghi nhớ hợp tác văn hóa (minh họa)", "MH-03/2017", dt.date(2017, 6, 5),
      "Giám đốc Sở Ngoại vụ Hải Phòng (minh họa)")),
]


@transaction.atomic
def load(*, plan, stdout=None) -> int:
    from ngvh.accounts.demo_authors import province_coordinator
    from ngvh.activities.models import ForeignPartner
    from ngvh.core.text import agency_key

    from . import services
    from .models import Relationship

    user = province_coordinator(province=plan.province)
    if user is None:
        return 0
    created = 0
    for name, country, kind, since, document in PARTNERS:
        partner = ForeignPartner.objects.filter(country=country, name_key=agency_key(name)).first()
        if partner and Relationship.objects.filter(province=plan.province, partner=partner, kind=kind).exists():
            continue
        relationship = services.relationship_create(
            user=user, province=plan.province, name=name, country=country, kind=kind, established_on=since,
            notes=NOTE, is_demo=True,
        )
        if document:
            title, number, signed_on, signatories = document
            services.relationship_document_add(
                user=user, relationship=relationship, title=title, number=number, signed_on=signed_on, signatories=signatories
            )
        created += 1
    if stdout is not None:
        stdout.write(f"Đối tác minh họa / illustrative partners: {created} mới / new")
    return created
