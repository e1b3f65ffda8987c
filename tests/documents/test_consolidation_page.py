"""The consolidation page warns about unaccepted reports, marks itself out of date, and compares."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ngvh.documents.services import consolidation_build
from ngvh.reporting.figures import done_count, status_counts, task_rows
from ngvh.reporting.services import report_reopen

from .factories import ReportLineFactory, accepted_report, aware, scenario

pytestmark = pytest.mark.django_db


def _settled(s):
    """The scenario's reports were last changed an hour ago (before any build)."""
    from ngvh.reporting.models import AnnualReport

    AnnualReport.objects.filter(reporting_year__plan=s.plan).update(updated_at=aware(s.year, 11, 25))
    return s


def _detail(s):
    return reverse("documents:detail", args=[s.plan.pk, s.year])


def _block(html: str, marker: str) -> str:
    return html.split(f'id="{marker}"')[1].split("</div>")[0] if f'id="{marker}"' in html else ""


def test_warns_before_and_after_building_with_reports_not_accepted(client):
    # Given Thông tin's report still a draft
    s = scenario()
    client.force_login(s.coordinator)
    # When the coordinator opens the build form, then it warns that the draft will be left out
    before = _block(client.get(_detail(s)).content.decode(), "unaccepted-now")
    assert s.agencies["tt"].name in before and "Dự thảo" in before
    # When built anyway, then the built report says so
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    after = _block(client.get(_detail(s)).content.decode(), "built-unaccepted")
    assert s.agencies["tt"].name in after and s.agencies["vh"].name not in after


def test_no_warning_when_every_report_is_accepted(client):
    s = _settled(scenario())
    s.reports["tt"].delete()
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    client.force_login(s.coordinator)
    html = client.get(_detail(s)).content.decode()
    assert 'id="built-unaccepted"' not in html and 'id="out-of-date"' not in html


def test_marks_itself_out_of_date_when_a_report_changes_after_the_build(client):
    s = _settled(scenario())
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    client.force_login(s.coordinator)
    assert 'id="out-of-date"' not in client.get(_detail(s)).content.decode()
    # When a report it used is reopened after the build
    report_reopen(user=s.coordinator, report=s.reports["dl"], reason="Bổ sung số liệu")
    # Then the page says it is out of date and names the report
    stale = _block(client.get(_detail(s)).content.decode(), "out-of-date")
    assert s.agencies["dl"].name in stale
    # And a rebuild clears the mark
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    assert 'id="out-of-date"' not in client.get(_detail(s)).content.decode()


def test_a_draft_saved_after_the_build_does_not_make_it_out_of_date(client):
    s = _settled(scenario())
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    s.reports["tt"].save()  # a draft not in the report changes: the report is unchanged
    client.force_login(s.coordinator)
    assert 'id="out-of-date"' not in client.get(_detail(s)).content.decode()


def test_year_on_year_and_agency_comparison_use_the_official_figures(client):
    # Given the scenario's year and a previous year where Văn hóa's report was accepted
    s = scenario()
    from tests.factories import ReportingYearFactory

    ry_prev = ReportingYearFactory(plan=s.plan, year=s.year - 1)
    prev = accepted_report(reporting_year=ry_prev, agency=s.agencies["vh"], submitted=aware(s.year - 1, 11, 1))
    ReportLineFactory(report=prev, task=s.tasks["1"], role="lead", status="in_progress")
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    client.force_login(s.coordinator)
    html = client.get(_detail(s)).content.decode()
    table = html.split('id="comparison-years"')[1].split("</table>")[0]
    # Then each year's "done" is the official count of reporting.figures
    for year in (s.year - 1, s.year):
        done = done_count(status_counts(task_rows(plan=s.plan, year=year)))
        row = table.split(f'data-year="{year}"')[1].split("</tr>")[0]
        assert f'data-figure="done">{done}' in row
    assert '(+' in table.split(f'data-year="{s.year}"')[1].split("</tr>")[0]  # the change against the year before
    # And every agency appears with both years' report status
    agencies = html.split('id="comparison-agencies"')[1].split("</table>")[0]
    for key in ("vh", "dl", "tt"):
        assert s.agencies[key].name in agencies
    assert "Đã chấp nhận" in agencies


def test_consolidation_page_query_count_does_not_depend_on_agencies(client, django_assert_num_queries):
    from tests.factories import AgencyFactory

    s = scenario()
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    client.force_login(s.coordinator)
    client.get(_detail(s))
    # one year shown: 7 for the report, 2 for the warnings, 8 for the comparison
    with django_assert_num_queries(15) as small:
        client.get(_detail(s))
    for i in range(4):
        accepted_report(reporting_year=s.reporting_year, agency=AgencyFactory(name=f"Huyện {i}"), submitted=aware(s.year, 11, 2))
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(_detail(s))
