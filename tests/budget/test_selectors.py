"""Estimate vs actual: approved estimates against the done activities' funds."""

from __future__ import annotations

import datetime as dt

import pytest

from ngvh.activities.models import ActivityStatus
from ngvh.budget.models import EstimateStatus
from ngvh.budget.selectors import budget_comparison
from tests.activities.factories import small_plan
from tests.factories import ActivityFactory

from .factories import BudgetEstimateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(agency_a, agency_b):
    plan, tasks = small_plan(lead_agency=agency_a, other_agency=agency_b)
    t1, t2, t3 = tasks
    BudgetEstimateFactory(task=t1, agency=agency_a, source="state", amount=100, status=EstimateStatus.APPROVED)
    BudgetEstimateFactory(task=t1, agency=agency_a, source="foreign", amount=50, status=EstimateStatus.SUBMITTED)
    BudgetEstimateFactory(task=t3, agency=agency_b, source="socialisation", amount=30, status=EstimateStatus.APPROVED)
    # A's done activity on two tasks, A's planned one, A's done one of another year, B's done one
    both = ActivityFactory(plan=plan, agency=agency_a, budget_state=40, budget_foreign=5)
    both.tasks.set([t1, t2])
    ActivityFactory(plan=plan, agency=agency_a, budget_state=999, status=ActivityStatus.PLANNED).tasks.set([t1])
    ActivityFactory(plan=plan, agency=agency_a, budget_state=999, start_date=dt.date(2024, 5, 1)).tasks.set([t1])
    ActivityFactory(plan=plan, agency=agency_b, budget_private=20).tasks.set([t3])
    return plan, tasks


def test_comparison_for_the_coordinator(coordinator, world, django_assert_num_queries):
    plan, (t1, t2, t3) = world
    # when the coordinator compares 2025
    with django_assert_num_queries(5):
        c = budget_comparison(coordinator, plan, 2025)
    by_task = {t.code: t for t in c.tasks}
    # then estimates are the approved ones, actuals the done activities of the year
    assert by_task["I.1"].estimate == {"state": 100, "socialisation": 0, "foreign": 0}
    assert by_task["I.1"].actual == {"state": 40, "socialisation": 0, "foreign": 5}
    # and an activity on two tasks counts in full under each, but once in the totals
    assert by_task["I.2"].actual_total == 45
    assert [t.code for t in c.tasks] == ["I.1", "I.2", "II.1"]
    assert {a.name: (a.estimate_total, a.actual_total) for a in c.agencies} == {
        "Sở Văn hóa và Thể thao": (100, 45), "Sở Du lịch": (30, 20),
    }
    assert c.total.actual == {"state": 40, "socialisation": 20, "foreign": 5}
    assert [s["difference"] for s in c.sources()] == [-60, -10, 5]


def test_reporter_sees_only_their_agency(reporter_a, world):
    plan, _tasks = world
    # when reporter A compares 2025
    c = budget_comparison(reporter_a, plan, 2025)
    # then B's estimate and spending do not appear
    assert [a.name for a in c.agencies] == ["Sở Văn hóa và Thể thao"]
    assert [t.code for t in c.tasks] == ["I.1", "I.2"]
    assert c.total.actual_total == 45


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    plan, _tasks = world
    c = budget_comparison(AnonymousUser(), plan, 2025)
    assert (c.tasks, c.agencies, c.total.actual_total) == ([], [], 0)


def test_the_city_report_comparison_is_the_coordinators(coordinator, reporter_a, world, django_assert_num_queries):
    from ngvh.budget.selectors import plan_budget_comparison

    plan, _tasks = world
    # when the report's comparison (every agency, no reader) is taken
    with django_assert_num_queries(5):
        whole = plan_budget_comparison(plan=plan, year=2025)
    # then it is the coordinator's, figure for figure, and more than a reporter's
    assert whole == budget_comparison(coordinator, plan, 2025)
    assert whole != budget_comparison(reporter_a, plan, 2025)
    assert [(s["source"], s["estimate"], s["actual"], s["percent"]) for s in whole.sources()] == [
        ("state", 100, 40, 40), ("socialisation", 30, 20, 67), ("foreign", 0, 5, None),
    ]
