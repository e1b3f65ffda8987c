"""The home page's reporting blocks: the coordinator's review queue and the reporter's to-do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AnnualReportFactory, ReportingYearFactory
from tests.reporting.factories import small_plan

pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), tzinfo=timezone.get_default_timezone())


def _world():
    """Given 2025 (deadline 15/11/2025, passed): A submitted on time, B submitted late,
    C accepted, S returned; and 2024 with C's report still awaiting review."""
    w = small_plan()
    ry24 = ReportingYearFactory(plan=w.plan, year=2024)
    ry25 = ReportingYearFactory(plan=w.plan, year=2025)
    w.old = AnnualReportFactory(reporting_year=ry24, agency=w.c, status="submitted", submitted_at=_at(dt.date(2024, 11, 1)),
                                first_submitted_at=_at(dt.date(2024, 11, 1)))
    w.ra = AnnualReportFactory(reporting_year=ry25, agency=w.a, status="submitted", submitted_at=_at(dt.date(2025, 11, 10)),
                               first_submitted_at=_at(dt.date(2025, 11, 10)))
    w.rb = AnnualReportFactory(reporting_year=ry25, agency=w.b, status="submitted", submitted_at=_at(dt.date(2025, 11, 20)),
                               first_submitted_at=_at(dt.date(2025, 11, 20)))
    w.rc = AnnualReportFactory(reporting_year=ry25, agency=w.c, status="accepted", submitted_at=_at(dt.date(2025, 11, 12)),
                               first_submitted_at=_at(dt.date(2025, 11, 12)), accepted_at=_at(dt.date(2025, 11, 13)))
    w.rs = AnnualReportFactory(reporting_year=ry25, agency=w.successor, status="returned", return_reason="Thiếu minh chứng")
    w.rf = AnnualReportFactory(reporting_year=ry25, agency=w.focal, status="draft")
    return w


def _section(html: str, marker: str) -> str:
    return html.split(f'id="{marker}"')[1].split("</section>")[0] if f'id="{marker}"' in html else ""


def test_coordinator_home_lists_the_queue_late_and_missing_with_one_click_each(client):
    w = _world()
    client.force_login(w.coordinator)
    html = client.get(reverse("site:home")).content.decode()
    queue = _section(html, "home-queue")
    # Then the submitted reports of every year wait for review, oldest first, each linked
    assert queue.index(w.c.name) < queue.index(w.a.name) < queue.index(w.b.name)
    for report in (w.old, w.ra, w.rb):
        assert reverse("reporting:report", args=[report.pk]) in queue
    assert reverse("reporting:report", args=[w.rc.pk]) not in queue  # accepted: nothing to do
    rates = _section(html, "home-rates")
    missing = rates.split('id="queue-missing"')[1].split("</ul>")[0]
    late = rates.split('id="queue-late"')[1].split("</ul>")[0]
    # the missing agencies of the current year (draft and returned), linked to their report
    assert w.successor.name in missing and w.focal.name in missing and w.a.name not in missing
    assert reverse("reporting:report", args=[w.rs.pk]) in missing
    assert reverse("agencies:detail", args=[w.successor.pk]) in missing
    # the late one (first sent after the deadline)
    assert w.b.name in late and w.a.name not in late and reverse("reporting:report", args=[w.rb.pk]) in late


def test_reporter_home_shows_own_todo_not_the_queue(client):
    w = _world()
    # Given the returned report of S, when its reporter opens the home page
    from ngvh.accounts.models import Role
    from tests.factories import UserFactory

    reporter_s = UserFactory(username="vhttdl", agency=w.successor, role=Role.REPORTER)
    client.force_login(reporter_s)
    html = client.get(reverse("site:home")).content.decode()
    # Then the to-do lists the returned report with the reason and a link, and no queue shows
    todo = _section(html, "home-report")
    assert reverse("reporting:report", args=[w.rs.pk]) in todo and "Thiếu minh chứng" in todo
    assert 'id="home-queue"' not in html and w.b.name not in html
    # And a reporter whose reports are all sent sees no to-do, only the latest status
    client.force_login(w.reporter_c)
    todo = _section(client.get(reverse("site:home")).content.decode(), "home-report")
    assert 'id="home-todo"' not in todo and reverse("reporting:report", args=[w.rc.pk]) in todo


@pytest.mark.parametrize("extra", [0, 6])
def test_coordinator_home_query_count_is_fixed(client, django_assert_num_queries, extra):
    w = _world()
    from tests.factories import AgencyFactory

    ry = w.ra.reporting_year
    for _i in range(extra):
        day = _at(dt.date(2025, 11, 14))
        AnnualReportFactory(reporting_year=ry, agency=AgencyFactory(), status="submitted", submitted_at=day, first_submitted_at=day)
        AnnualReportFactory(reporting_year=ry, agency=AgencyFactory(), status="draft")
    client.force_login(w.coordinator)
    url = reverse("site:home")
    client.get(url)
    # session, user, plans; the own agency's to-do; current year, its two rate aggregates,
    # reports awaiting review; the dashboard block's year and consolidation (the header's agency and demo flag come with the user)
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200
