"""What a reviewer sees on a report: a late first submission is marked, accepting asks first."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ngvh.reporting.rates import first_submission_late

from .factories import small_plan

pytestmark = pytest.mark.django_db

HCM = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize(
    ("first", "late"),
    [
        (None, False),
        (dt.datetime(2026, 11, 15, 23, 59, tzinfo=HCM), False),  # the deadline day counts whole
        (dt.datetime(2026, 11, 16, 0, 0, tzinfo=HCM), True),
        (dt.datetime(2026, 11, 15, 17, 30, tzinfo=dt.UTC), True),  # 00:30 on 16/11 in Hà Nội
    ],
)
def test_lateness_is_decided_by_the_first_submission_on_the_local_clock(first, late):
    # given a deadline of 15/11 and a first submission at a given instant
    # when lateness is decided
    # then only a first submission after the deadline day is late
    assert first_submission_late(first_submitted_at=first, deadline=dt.date(2026, 11, 15), tz=HCM) is late


def _submitted_report(sp, *, first_submitted_at):
    from ngvh.reporting.models import AnnualReport, ReportStatus
    from ngvh.reporting.services import reporting_year_open

    ry = reporting_year_open(user=sp.coordinator, plan=sp.plan, year=2026, today=dt.date(2026, 1, 5)).reporting_year
    report = AnnualReport.objects.get(reporting_year=ry, agency=sp.a)
    AnnualReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.SUBMITTED, first_submitted_at=first_submitted_at, submitted_at=first_submitted_at
    )
    return report


def test_a_late_report_carries_the_late_mark(client):
    # given a report first sent two days after its deadline
    sp = small_plan()
    report = _submitted_report(sp, first_submitted_at=timezone.make_aware(dt.datetime(2026, 11, 17, 9, 0)))
    client.force_login(sp.coordinator)
    # when the coordinator opens it in Vietnamese
    body = client.get(reverse("reporting:report", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    # then it is marked as sent late, and accepting asks for confirmation first
    assert 'id="late-mark">gửi muộn<' in body
    assert 'data-confirm="Chấp nhận báo cáo này?' in body


def test_an_on_time_report_has_no_late_mark(client):
    # given a report first sent before its deadline
    sp = small_plan()
    report = _submitted_report(sp, first_submitted_at=timezone.make_aware(dt.datetime(2026, 11, 10, 9, 0)))
    client.force_login(sp.coordinator)
    # when it is opened
    body = client.get(reverse("reporting:report", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    # then no late mark is shown
    assert "late-mark" not in body
