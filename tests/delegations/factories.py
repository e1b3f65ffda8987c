"""Builders for delegation tests."""

from __future__ import annotations

import datetime as dt

from ngvh.delegations.services import DelegationData


def crew_data(*, lead_agency, **overrides) -> DelegationData:
    values = dict(
        kind="press_crew", title="Đoàn làm phim NHK quảng bá Cát Bà", country="JP", start_date=dt.date(2026, 5, 4),
        end_date=dt.date(2026, 5, 8), lead_agency_id=lead_agency.pk, members=6, place_name="Huyện Cát Hải",
        purpose="Quay phim tài liệu về vịnh Lan Hạ",
    )
    values.update(overrides)
    return DelegationData(**values)
