import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from ngvh.budget.models import EstimateStatus
from ngvh.documents import selectors as doc_selectors
from ngvh.documents.services import consolidation_build, effective_content
from tests.budget.factories import BudgetEstimateFactory
from tests.factories import ActivityFactory

from ..documents.factories import scenario

pytestmark = pytest.mark.django_db


def _url(s, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("dashboard:plan", args=[s.plan.pk]) + (f"?{query}" if query else "")


def _more_activities(s, n):
    for i in range(n):
        ActivityFactory(plan=s.plan, agency=s.agencies["dl"], start_date=dt.date(s.year, 1 + i % 12, 3),
                        participants_total=5, budget_state=1000, countries=[["FR", "US", "CN"][i % 3]])


def test_dashboard_figures_equal_rates_and_xlsx(client):
    s = scenario()
    # (the dashboard is live: coordinators also see drafts; with no draft line both agree)
    s.reports["tt"].lines.all().delete()
    client.force_login(s.coordinator)
    response = client.get(_url(s, year=s.year))
    assert response.status_code == 200
    ctx = response.context
    rates = doc_selectors.rates(plan=s.plan, year=s.year)
    assert ctx["rates"] == rates
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    content = effective_content(c)
    assert ctx["figures"].count == content["overview"]["activities"]
    assert ctx["figures"].participants == content["overview"]["participants"]
    assert ctx["figures"].budget_total == content["overview"]["budget_total"]
    statuses = {row.code: row.status for row in ctx["task_rows"]}
    assert statuses == {t["code"]: t["status"] for g in content["groups"] for t in g["tasks"]}
    body = response.content.decode()
    assert 'data-figure="expected">3<' in body and 'data-figure="accepted">2<' in body
    assert "Sở Thông tin và Truyền thông" in body  # missing agency listed
    assert "<title" in body and 'role="img"' in body  # accessible SVG


def test_dashboard_query_count_is_fixed(client, django_assert_num_queries):
    # given a plan with two activities and an approved budget estimate, the session warmed
    # and the figures not cached yet
    s = scenario(activities=2)
    BudgetEstimateFactory(task=s.tasks["1"], agency=s.agencies["vh"], year=s.year, status=EstimateStatus.APPROVED)
    client.force_login(s.coordinator)
    client.get(_url(s, year=s.year))  # warm the session
    cache.clear()
    # when the page is computed, then served from the cache (session, user, the plan with its
    # data versions, and the header's agency and demo flag); computing it costs 24 queries,
    # of which 5 are the budget section's estimate-vs-actual comparison (approved estimates,
    # spending per task and per agency, the tasks' and agencies' names), 19 before it
    with django_assert_num_queries(24) as small:
        client.get(_url(s, year=s.year))
    with django_assert_num_queries(5) as cached:
        client.get(_url(s, year=s.year))
    # then sixty more activities (a new data version) cost the same queries, cold and cached
    _more_activities(s, 60)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(_url(s, year=s.year))
    assert response.context["figures"].count == 62
    with django_assert_num_queries(len(cached.captured_queries)):
        client.get(_url(s, year=s.year))


def test_national_query_count_is_fixed(client, django_assert_num_queries):
    # given all plans' figures for a year, not cached yet
    s = scenario(activities=2)
    client.force_login(s.leader)
    url = reverse("dashboard:national") + f"?year={s.year}"
    assert client.get(url).status_code == 200
    cache.clear()
    # when the page is computed, then served from the cache
    with django_assert_num_queries(14) as small:
        client.get(url)
    with django_assert_num_queries(5) as cached:
        client.get(url)
    # then forty more activities cost the same, and the new figures show at once
    _more_activities(s, 40)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["figures"].count == 42
    with django_assert_num_queries(len(cached.captured_queries)):
        client.get(url)


def test_filters_by_group_and_agency(client):
    s = scenario()
    client.force_login(s.coordinator)
    group = s.tasks["3"].group
    response = client.get(_url(s, year=s.year, group=group.pk))
    assert {row.code for row in response.context["task_rows"]} == {"3", "4"}
    response = client.get(_url(s, year=s.year, agency=s.agencies["dl"].pk))
    assert {row.code for row in response.context["task_rows"]} == {"1", "3"}
    assert response.context["figures"].count == 1  # activities recorded by Du lịch
    # all years
    response = client.get(_url(s, year="all"))
    assert response.status_code == 200 and response.context["all_years"]


def test_drafts_count_nowhere_and_only_readers_of_every_agency_see_provisional_figures(client):
    from ngvh.reporting import services as reporting
    from tests.factories import UserFactory

    s = scenario()
    # Thông tin's draft says task 4 is overdue: no page counts a draft
    for user in (s.coordinator, s.reporter):
        client.force_login(user)
        for basis in ("", "provisional"):
            rows = client.get(_url(s, year=s.year) + f"&basis={basis}").context["task_rows"]
            assert {r.code: r.status for r in rows}["4"] == ""
    # once submitted, the coordinator's provisional figures count it, the official ones do not
    reporting.report_submit(user=s.reporter, report=s.reports["tt"])
    client.force_login(s.coordinator)
    assert {r.code: r.status for r in client.get(_url(s, year=s.year) + "&basis=provisional").context["task_rows"]}["4"] == "overdue"
    assert {r.code: r.status for r in client.get(_url(s, year=s.year)).context["task_rows"]}["4"] == ""
    # a reporter asking for provisional figures gets the official ones
    client.force_login(UserFactory(agency=s.agencies["dl"]))
    response = client.get(_url(s, year=s.year) + "&basis=provisional")
    assert {r.code: r.status for r in response.context["task_rows"]}["4"] == ""
    assert response.context["basis"] == "official"


def test_national_is_for_leaders_and_coordinators(client):
    s = scenario()
    client.force_login(s.reporter)
    assert client.get(reverse("dashboard:national")).status_code == 404
    client.force_login(s.coordinator)
    assert client.get(reverse("dashboard:national")).status_code == 200


def test_public_page_of_a_published_plan(client):
    s = scenario()
    response = client.get(reverse("dashboard:public", args=[s.plan.pk]))
    assert response.status_code == 200
    statuses = dict((code, n) for code, _label, n in response.context["status_rows"])
    assert statuses["overdue"] == 0  # a draft never shows in public
    assert response.context["figures"].count == 3
    s.plan.is_published = False
    s.plan.save()
    assert client.get(reverse("dashboard:public", args=[s.plan.pk])).status_code == 404


def test_anonymous_dashboard_goes_to_login(client):
    s = scenario()
    assert client.get(_url(s)).status_code == 302
    assert client.get(reverse("dashboard:home")).status_code == 302


def test_empty_plan_dashboard_says_what_to_do(client):
    s = scenario()
    from tests.factories import PlanFactory

    empty = PlanFactory(province=s.plan.province)
    client.force_login(s.coordinator)
    body = client.get(reverse("dashboard:plan", args=[empty.pk])).content.decode()
    assert "class=\"empty\"" in body


def test_home_block_links_dashboard_and_city_report(client):
    s = scenario()
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    client.force_login(s.leader)
    body = client.get(reverse("site:home")).content.decode()
    assert reverse("dashboard:plan", args=[s.plan.pk]) in body
    assert reverse("documents:detail", args=[s.plan.pk, s.year]) in body
    # a reporter gets the dashboard link only
    client.force_login(s.reporter)
    body = client.get(reverse("site:home")).content.decode()
    assert reverse("dashboard:plan", args=[s.plan.pk]) in body
    assert reverse("documents:detail", args=[s.plan.pk, s.year]) not in body


def _another_plan(year):
    """A further province's plan with a task, a report with one line, and a done activity."""
    from ngvh.reporting.models import ReportLine
    from tests.factories import AnnualReportFactory, ReportingYearFactory, TaskFactory

    task = TaskFactory()
    report = AnnualReportFactory(reporting_year=ReportingYearFactory(plan=task.plan, year=year), status="accepted",
                                 submitted_at=dt.datetime(year, 10, 1, tzinfo=dt.UTC),
                                 first_submitted_at=dt.datetime(year, 10, 1, tzinfo=dt.UTC))
    ReportLine.objects.create(report=report, task=task, role="lead", status="in_progress")
    ActivityFactory(plan=task.plan, agency=report.agency, start_date=dt.date(year, 4, 2))
    return task.plan


def test_national_overview_and_reporting_rates_cost_the_same_queries_for_one_plan_or_five(django_assert_num_queries):
    from ngvh.dashboard.selectors import national_overview
    from ngvh.reporting.selectors import reporting_rates

    # given one plan, measured
    s = scenario()
    with django_assert_num_queries(5) as national_one:
        one = national_overview(year=s.year)
    with django_assert_num_queries(3) as rates_one:
        reporting_rates(plan=s.plan, year=s.year)
    # when four more provinces' plans exist for the same year
    for _ in range(4):
        _another_plan(s.year)
    # then the national overview covers them with the same number of queries, and the
    # province's rates are not touched by the other plans
    with django_assert_num_queries(len(national_one.captured_queries)):
        five = national_overview(year=s.year)
    assert len(five["plan_rows"]) == len(one["plan_rows"]) + 4
    with django_assert_num_queries(len(rates_one.captured_queries)):
        reporting_rates(plan=s.plan, year=s.year)
