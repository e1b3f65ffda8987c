"""``ngvh demo`` applies the bundled 2025 restructuring: 2026 belongs to the merged agency,
2023–2024 keep the old ones."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ngvh.activities.models import Activity
from ngvh.agencies.models import RestructuringEvent
from ngvh.reporting.models import AnnualReport

pytestmark = pytest.mark.django_db

OLD = {"Sở Văn hóa và Thể thao", "Sở Du lịch"}
MERGED = "Sở Văn hóa, Thể thao và Du lịch"


def _names(year: int) -> set[str]:
    return set(AnnualReport.objects.filter(reporting_year__year=year).values_list("agency__name", flat=True))


def _activity_agencies(year: int) -> set[str]:
    return set(Activity.objects.filter(is_demo=True, year=year).values_list("agency__name", flat=True))


def test_demo_2026_is_reported_by_the_merged_agency_and_earlier_years_by_the_old_ones(settings, monkeypatch):
    from ngvh.site.demo import load_demo

    # Given demo mode on 26/11/2026, after the 2026 deadline
    settings.NGVH_DEMO = True
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 11, 26))
    # When the demo loads
    plan, accounts = load_demo()
    # Then the bundled merger is recorded once, from 01/03/2025
    event = RestructuringEvent.objects.get()
    assert {a.name for a in event.predecessors.all()} == OLD and [a.name for a in event.successors.all()] == [MERGED]
    assert event.effective_date == dt.date(2025, 3, 1)
    # And 2026's expected reports and activities are the merged agency's, not the old ones'
    assert MERGED in _names(2026) and not (OLD & _names(2026))
    assert MERGED in _activity_agencies(2026) and not (OLD & _activity_agencies(2026))
    # And 2023–2024 keep the old agencies
    for year in (2023, 2024):
        assert OLD <= _names(year) and MERGED not in _names(year)
        assert OLD & _activity_agencies(year) and MERGED not in _activity_agencies(year)
    # And the merged agency's demo reporter has its 2026 report to correct
    report = AnnualReport.objects.get(reporting_year__year=2026, agency__name=MERGED)
    assert report.status == "returned" and "vhttdl" in [a[0] for a in accounts]
    # When the demo loads again, then nothing changes
    counts = (RestructuringEvent.objects.count(), AnnualReport.objects.count(), Activity.objects.count())
    load_demo()
    assert (RestructuringEvent.objects.count(), AnnualReport.objects.count(), Activity.objects.count()) == counts
