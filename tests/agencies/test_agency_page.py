"""The agency page: its activities and annual reports, year by year, as the reader may see them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, AnnualReportFactory, ReportingYearFactory

pytestmark = pytest.mark.django_db


def _given(agency, n: int = 1):
    ry24, ry25 = ReportingYearFactory(year=2024), None
    ry25 = ReportingYearFactory(plan=ry24.plan, year=2025)
    r24 = AnnualReportFactory(reporting_year=ry24, agency=agency, status="draft")
    r25 = AnnualReportFactory(reporting_year=ry25, agency=agency, status="draft")
    ActivityFactory(plan=ry24.plan, agency=agency, title="Hội chợ 2024", start_date=dt.date(2024, 3, 1))
    for i in range(n):
        ActivityFactory(plan=ry24.plan, agency=agency, title=f"Giao lưu 2025 số {i}", start_date=dt.date(2025, 5, 1 + i))
    ActivityFactory(plan=ry24.plan, agency=agency, title="Dự kiến 2025", status="planned", start_date=dt.date(2025, 9, 1))
    return r24, r25


def test_agency_page_groups_activities_and_reports_by_year(client, coordinator, agency_a):
    r24, r25 = _given(agency_a)
    client.force_login(coordinator)
    html = client.get(reverse("agencies:detail", args=[agency_a.pk])).content.decode()
    y25 = html.split('id="agency-year-2025"')[1].split("</section>")[0]
    y24 = html.split('id="agency-year-2024"')[1].split("</section>")[0]
    # Then each year holds its own activities and its report, linked
    assert "Giao lưu 2025 số 0" in y25 and "Dự kiến 2025" in y25 and "Hội chợ 2024" not in y25
    assert "Hội chợ 2024" in y24 and reverse("reporting:report", args=[r24.pk]) in y24
    assert reverse("reporting:report", args=[r25.pk]) in y25
    assert html.index('id="agency-year-2025"') < html.index('id="agency-year-2024"')  # newest first


def test_another_agency_sees_done_activities_but_not_reports(client, agency_a, reporter_b):
    r24, r25 = _given(agency_a)
    client.force_login(reporter_b)
    html = client.get(reverse("agencies:detail", args=[agency_a.pk])).content.decode()
    assert "Giao lưu 2025 số 0" in html and "Hội chợ 2024" in html
    assert "Dự kiến 2025" not in html  # another agency's planned activity is its working draft
    assert reverse("reporting:report", args=[r25.pk]) not in html


def test_own_agency_sees_its_reports(client, agency_a, reporter_a):
    r24, r25 = _given(agency_a)
    client.force_login(reporter_a)
    html = client.get(reverse("agencies:detail", args=[agency_a.pk])).content.decode()
    assert reverse("reporting:report", args=[r24.pk]) in html and "Dự kiến 2025" in html


def test_visitor_sees_no_work_section(client, agency_a):
    _given(agency_a)
    html = client.get(reverse("agencies:detail", args=[agency_a.pk])).content.decode()
    assert 'id="agency-years"' not in html and "Giao lưu 2025" not in html


@pytest.mark.parametrize("n", [1, 8])
def test_agency_page_query_count_is_fixed(client, coordinator, agency_a, django_assert_num_queries, n):
    _given(agency_a, n=n)
    client.force_login(coordinator)
    url = reverse("agencies:detail", args=[agency_a.pk])
    client.get(url)
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
