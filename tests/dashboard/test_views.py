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
    # when the page is computed, then served from the cache: three queries (the session; the
    # user with the header's agency and demo flag; the plan with its data versions);
    # computing it costs 22, of which 5 are the budget section's estimate-vs-actual
    # comparison (approved estimates, spending per task and per agency, the tasks' and
    # agencies' names), 17 before it
    with django_assert_num_queries(22) as small:
        client.get(_url(s, year=s.year))
    with django_assert_num_queries(3) as cached:
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
    # when the page is computed, then served from the cache: three queries (the session; the
    # user with the header's agency and demo flag; all plans' data versions)
    with django_assert_num_queries(12) as small:
        client.get(url)
    with django_assert_num_queries(3) as cached:
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


SOURCE_VI = {"Ngân sách nhà nước": "state", "Kinh phí xã hội hóa": "socialisation", "Nguồn nước ngoài": "foreign"}


def _dashboard_money(body: str, key: str) -> int:
    text = body.split(f'data-budget="{key}">', 1)[1].split("<", 1)[0]
    assert text.endswith(" đồng"), text
    return int(text.removesuffix(" đồng").replace(".", ""))


def test_budget_estimate_and_actual_are_one_figure_on_the_dashboard_the_xlsx_and_the_docx(client):
    import io

    from docx import Document
    from openpyxl import load_workbook

    from ngvh.documents.docx_render import render_docx
    from ngvh.documents.xlsx_render import HEADER_ROW, render_xlsx

    # given a plan's year with estimates in every state and activities spending from several sources
    s = scenario(activities=0)
    vh, dl, tt = s.agencies["vh"], s.agencies["dl"], s.agencies["tt"]
    t1, t2, t3, t4 = (s.tasks[c] for c in "1234")
    for task, agency, source, amount, status in [
        (t1, vh, "state", 5_000_000, EstimateStatus.APPROVED),
        (t1, vh, "foreign", 2_000_000, EstimateStatus.SUBMITTED),
        (t2, vh, "foreign", 1_000_000, EstimateStatus.APPROVED),
        (t3, dl, "socialisation", 1_200_000, EstimateStatus.APPROVED),
        (t3, dl, "state", 800_000, EstimateStatus.RETURNED),
        (t4, tt, "state", 300_000, EstimateStatus.DRAFT),
    ]:
        BudgetEstimateFactory(task=task, agency=agency, year=s.year, source=source, amount=amount, status=status)
    day = dt.date(s.year, 4, 2)
    ActivityFactory(plan=s.plan, agency=vh, start_date=day, budget_state=1_500_000, budget_foreign=250_000).tasks.set([t1, t2])
    ActivityFactory(plan=s.plan, agency=vh, start_date=day).tasks.set([t2])  # done, no spending entered
    ActivityFactory(plan=s.plan, agency=dl, start_date=day, budget_state=100_000, budget_private=900_000).tasks.set([t3])
    ActivityFactory(plan=s.plan, agency=tt, start_date=day, budget_foreign=50_000)  # on no task
    ActivityFactory(plan=s.plan, agency=dl, start_date=day, budget_state=7_000_000, status="planned").tasks.set([t3])
    ActivityFactory(plan=s.plan, agency=vh, start_date=dt.date(s.year - 1, 4, 2), budget_state=9_999).tasks.set([t1])
    expected = {
        "estimate": {"state": 5_000_000, "socialisation": 1_200_000, "foreign": 1_000_000, "total": 7_200_000},
        "actual": {"state": 1_600_000, "socialisation": 900_000, "foreign": 300_000, "total": 2_800_000},
    }

    # when the coordinator opens the dashboard, and the city report is built and written
    client.force_login(s.coordinator)
    body = client.get(_url(s, year=s.year)).content.decode()
    content = effective_content(consolidation_build(user=s.coordinator, plan=s.plan, year=s.year))
    book = load_workbook(io.BytesIO(render_xlsx(content)))
    doc = Document(io.BytesIO(render_docx(content)))

    # then the dashboard shows the expected figures
    on_dashboard = {kind: {key: _dashboard_money(body, f"{kind}-{key}") for key in expected[kind]} for kind in expected}
    assert on_dashboard == expected
    # and the .xlsx sheet's whole-plan rows are the same (a source with neither is left out)
    in_xlsx = {kind: dict.fromkeys(expected[kind], 0) for kind in expected}
    for row in book["Kinh phí"].iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if isinstance(row[0], int) and row[1] == "tổng cộng":
            in_xlsx["estimate"][SOURCE_VI[row[4]]], in_xlsx["actual"][SOURCE_VI[row[4]]] = row[5], row[6]
    for kind in in_xlsx:
        in_xlsx[kind]["total"] = sum(in_xlsx[kind].values())
    assert in_xlsx == expected
    # and the .docx section's table is the same, its total included
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["Nguồn kinh phí", "Dự toán (đồng)"])
    in_docx = {kind: {} for kind in expected}
    for row in table.rows[1:]:
        label, estimate, actual = (c.text for c in row.cells[:3])
        key = "total" if label == "Tổng cộng" else SOURCE_VI[label]
        in_docx["estimate"][key], in_docx["actual"][key] = int(estimate.replace(".", "")), int(actual.replace(".", ""))
    assert in_docx == expected
    # and the activity figures' total spending, on the dashboard and in the indicators sheet, is that actual total
    assert _dashboard_money(body.replace('data-figure="budget"', 'data-budget="activities"'), "activities") == 2_800_000
    indicators = {r[1]: r[2] for r in book["Chỉ tiêu"].iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[1]}
    assert indicators["Tổng kinh phí"] == expected["actual"]["total"]
