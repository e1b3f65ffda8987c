"""The budget page: list, entry, approve and return, with its query count pinned."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ngvh.budget.models import BudgetEstimate, EstimateStatus
from tests.activities.factories import small_plan
from tests.factories import ActivityFactory

from .factories import BudgetEstimateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_tasks(agency_a, agency_b):
    return small_plan(lead_agency=agency_a, other_agency=agency_b)


def _url(plan, year=2025):
    return reverse("budget:list") + f"?plan={plan.pk}&year={year}"


def test_list_query_count_does_not_grow(client, coordinator, plan_tasks, agency_a, agency_b, django_assert_num_queries):
    plan, tasks = plan_tasks
    # given estimates and done activities of two agencies
    for task in tasks:
        for agency in (agency_a, agency_b):
            BudgetEstimateFactory(task=task, agency=agency, status=EstimateStatus.SUBMITTED)
            ActivityFactory(plan=plan, agency=agency, budget_state=10).tasks.set([task])
    client.force_login(coordinator)
    client.get(_url(plan))  # the first request of a session also refreshes it
    # when the coordinator opens the page, then the queries are a fixed number
    with django_assert_num_queries(9):
        response = client.get(_url(plan))
    assert response.status_code == 200
    # and stay the same with twice the estimates and activities
    for task in tasks:
        BudgetEstimateFactory(task=task, agency=agency_a, source="foreign", status=EstimateStatus.SUBMITTED)
        ActivityFactory(plan=plan, agency=agency_b, budget_state=10).tasks.set([task])
    with django_assert_num_queries(9):
        client.get(_url(plan))
    body = response.content.decode()
    assert body.count(reverse("budget:approve", args=[BudgetEstimate.objects.first().pk])) == 1
    assert "counts in full under each" in body or "tính đủ cho từng nhiệm vụ" in body


def test_reporter_enters_and_submits_through_the_page(client, reporter_a, plan_tasks):
    plan, tasks = plan_tasks
    client.force_login(reporter_a)
    # when the reporter saves an estimate, then submits it
    response = client.post(reverse("budget:save"), {"plan": plan.pk, "year": 2025, "task": tasks[0].pk, "source": "state", "amount": "900"})
    assert response.status_code == 302
    estimate = BudgetEstimate.objects.get()
    client.post(reverse("budget:submit", args=[estimate.pk]))
    # then it is submitted for the reporter's agency
    estimate.refresh_from_db()
    assert (estimate.agency_id, estimate.amount, estimate.status) == (reporter_a.agency_id, 900, EstimateStatus.SUBMITTED)


def test_invalid_amount_shows_the_form_again(client, reporter_a, plan_tasks):
    plan, tasks = plan_tasks
    client.force_login(reporter_a)
    response = client.post(reverse("budget:save"), {"plan": plan.pk, "year": 2025, "task": tasks[0].pk, "source": "state", "amount": "-1"})
    assert response.status_code == 400 and not BudgetEstimate.objects.exists()


def test_coordinator_returns_with_reason(client, coordinator, agency_a, plan_tasks):
    plan, tasks = plan_tasks
    estimate = BudgetEstimateFactory(task=tasks[0], agency=agency_a, status=EstimateStatus.SUBMITTED)
    client.force_login(coordinator)
    client.post(reverse("budget:return", args=[estimate.pk]), {"reason": "Chưa có thuyết minh"})
    estimate.refresh_from_db()
    assert (estimate.status, estimate.return_reason) == (EstimateStatus.RETURNED, "Chưa có thuyết minh")


def test_other_agency_cannot_approve_or_see(client, reporter_b, agency_a, plan_tasks):
    plan, tasks = plan_tasks
    estimate = BudgetEstimateFactory(task=tasks[0], agency=agency_a, status=EstimateStatus.SUBMITTED)
    client.force_login(reporter_b)
    # then another agency gets a 404 and the estimate is unchanged
    assert client.post(reverse("budget:approve", args=[estimate.pk])).status_code == 404
    assert client.post(reverse("budget:submit", args=[estimate.pk])).status_code == 404
    estimate.refresh_from_db()
    assert estimate.status == EstimateStatus.SUBMITTED
    assert "Sở Văn hóa" not in client.get(_url(plan)).content.decode().split("<h2")[-2]
