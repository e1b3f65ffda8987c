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


def test_demo_reports_are_written_by_their_agencies_and_reviewed_by_the_coordinator(seed_plan, monkeypatch, settings):
    from ngvh.outbox.models import OutboxMail
    from ngvh.site.demo import demo_accounts_ensure

    # given demo mode with its logins, on 26/11/2026
    settings.NGVH_DEMO = True
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 11, 26))
    demo_accounts_ensure(plan=seed_plan)
    # when the demo's reports load
    demo.load(plan=seed_plan)
    # then every step names a person: the agency's own author for its saves and
    # submissions, the coordinator for opening, returns and acceptances
    events = list(ReportEvent.objects.select_related("actor", "report"))
    assert events and all(e.actor is not None for e in events)
    for e in events:
        if e.kind in ("saved", "submitted"):
            assert e.actor.agency_id == e.report.agency_id and e.actor.role in ("reporter", "coordinator")
        else:
            assert e.actor.username == "dieuphoi", (e.kind, e.actor)
    # and the demo logins are those people where they exist
    returned = AnnualReport.objects.get(reporting_year__year=2026, agency__name="Sở Du lịch")
    assert {e.actor.username for e in returned.events.filter(kind="submitted")} == {"dulich"}
    assert returned.history.latest().history_user.username == "dieuphoi"
    # and each step carries its own date in the reporting year, not today
    for report in AnnualReport.objects.filter(status="accepted").select_related("reporting_year"):
        year = report.reporting_year.year
        assert report.first_submitted_at.year == year and report.accepted_at > report.submitted_at
        assert timezone.localtime(report.events.get(kind="created").at).date() == dt.date(year, 9, 1)
    # and every state of the cycle is there, accepted after a return included
    assert set(AnnualReport.objects.filter(is_demo=True).values_list("status", flat=True)) == {
        "draft", "submitted", "returned", "accepted"
    }
    assert ReportEvent.objects.filter(kind="returned", report__status="accepted").exists()
    # and nobody was mailed about steps that happened long ago
    assert not OutboxMail.objects.exists()
