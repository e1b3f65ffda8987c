"""``ngvh demo``'s illustrative reports: every state, idempotent."""

import datetime as dt

import pytest
from django.utils import timezone

from ngvh.reporting import demo
from ngvh.reporting.models import AnnualReport, ReportEvent
from ngvh.reporting.selectors import reporting_rates

pytestmark = pytest.mark.django_db


def test_demo_reports_cover_every_state_and_load_twice_without_change(seed_plan, monkeypatch):
    # given today is 26/11/2026, after the 2026 deadline
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 11, 26))
    # when the demo loads twice
    demo.load(plan=seed_plan)
    counts = (AnnualReport.objects.count(), ReportEvent.objects.count())
    demo.load(plan=seed_plan)
    # then nothing is duplicated
    assert (AnnualReport.objects.count(), ReportEvent.objects.count()) == counts
    # and 2026 shows accepted on time, late, returned, still draft and missing
    by_name = {r.agency.name: r for r in AnnualReport.objects.filter(reporting_year__year=2026).select_related("agency")}
    assert by_name["Sở Ngoại vụ"].status == "accepted"
    assert by_name["Sở Văn hóa và Thể thao"].status == "draft" and by_name["Sở Văn hóa và Thể thao"].is_demo
    assert by_name["Sở Du lịch"].status == "returned" and by_name["Sở Du lịch"].return_reason
    assert by_name["Sở Kế hoạch và Đầu tư"].status == "draft" and not by_name["Sở Kế hoạch và Đầu tư"].is_demo
    rates = reporting_rates(plan=seed_plan, year=2026)
    assert rates.frozen and "Sở Thông tin và Truyền thông" in rates.late_agencies
    assert "Sở Kế hoạch và Đầu tư" in rates.missing_agencies
    # and earlier years include reports accepted after a return
    assert ReportEvent.objects.filter(kind="returned", report__reporting_year__year__lt=2026, report__status="accepted").exists()
    assert {r.year for r in seed_plan.reporting_years.all()} == {2023, 2024, 2025, 2026}
