"""Budget estimates: entry, submission, approval and return, with their permission checks."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from ngvh.budget import services
from ngvh.budget.models import BudgetEstimate, EstimateEvent, EstimateStatus
from tests.activities.factories import small_plan

from .factories import BudgetEstimateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_tasks(agency_a, agency_b):
    return small_plan(lead_agency=agency_a, other_agency=agency_b)


def _save(user, plan, task, amount=5_000_000, source="state"):
    return services.estimate_save(user=user, plan=plan, year=2025, agency=user.agency, task=task, source=source, amount=amount)


def test_reporter_enters_submits_and_coordinator_approves(reporter_a, coordinator, plan_tasks):
    # given a reporter's draft estimate
    plan, tasks = plan_tasks
    estimate = _save(reporter_a, plan, tasks[0])
    assert estimate.status == EstimateStatus.DRAFT
    # when submitted, then approved by the focal point
    services.estimate_submit(user=reporter_a, estimate=estimate)
    services.estimate_approve(user=coordinator, estimate=estimate)
    # then it is approved and the timeline names who did what
    estimate.refresh_from_db()
    assert estimate.status == EstimateStatus.APPROVED
    kinds = list(EstimateEvent.objects.filter(estimate=estimate).values_list("kind", "actor__username"))
    assert kinds == [("saved", "reporter_a"), ("submitted", "reporter_a"), ("approved", "coordinator")]
    assert estimate.history.first().history_user == coordinator


def test_saving_again_replaces_the_draft(reporter_a, plan_tasks):
    # given a draft
    plan, tasks = plan_tasks
    _save(reporter_a, plan, tasks[0], amount=1)
    # when saved again for the same task and source
    _save(reporter_a, plan, tasks[0], amount=2)
    # then there is still one estimate, with the new amount
    assert list(BudgetEstimate.objects.values_list("amount", flat=True)) == [2]


def test_return_needs_a_reason_and_allows_a_new_submission(reporter_a, coordinator, plan_tasks):
    # given a submitted estimate
    plan, tasks = plan_tasks
    estimate = services.estimate_submit(user=reporter_a, estimate=_save(reporter_a, plan, tasks[0]))
    # when returned without a reason, then it is refused
    with pytest.raises(ValidationError):
        services.estimate_return(user=coordinator, estimate=estimate, reason="  ")
    # when returned with a reason
    services.estimate_return(user=coordinator, estimate=estimate, reason="Thiếu thuyết minh")
    estimate.refresh_from_db()
    # then the agency sees the reason and may change and submit again
    assert (estimate.status, estimate.return_reason) == (EstimateStatus.RETURNED, "Thiếu thuyết minh")
    assert EstimateEvent.objects.get(estimate=estimate, kind="returned").reason == "Thiếu thuyết minh"
    _save(reporter_a, plan, tasks[0], amount=7)
    services.estimate_submit(user=reporter_a, estimate=estimate)
    estimate.refresh_from_db()
    assert (estimate.status, estimate.amount, estimate.return_reason) == (EstimateStatus.SUBMITTED, 7, "")


def test_a_submitted_estimate_cannot_be_changed(reporter_a, plan_tasks):
    # given a submitted estimate
    plan, tasks = plan_tasks
    services.estimate_submit(user=reporter_a, estimate=_save(reporter_a, plan, tasks[0], amount=1))
    # when the reporter saves it again, then it is refused and unchanged
    with pytest.raises(ValidationError):
        _save(reporter_a, plan, tasks[0], amount=2)
    assert BudgetEstimate.objects.get().amount == 1


def test_only_a_submitted_estimate_is_decided(coordinator, reporter_a, plan_tasks):
    # given a draft
    plan, tasks = plan_tasks
    estimate = _save(reporter_a, plan, tasks[0])
    # when the coordinator approves it, then it is refused
    with pytest.raises(ValidationError):
        services.estimate_approve(user=coordinator, estimate=estimate)


def test_permission_denied(reporter_a, reporter_b, coordinator, leader, plan_tasks):
    # given reporter A's draft
    plan, tasks = plan_tasks
    estimate = _save(reporter_a, plan, tasks[0])
    # then another agency, a leader or the coordinator cannot enter for A or submit it
    for user in (reporter_b, leader, coordinator):
        with pytest.raises(PermissionDenied):
            services.estimate_save(user=user, plan=plan, year=2025, agency=reporter_a.agency, task=tasks[0], source="state", amount=1)
        with pytest.raises(PermissionDenied):
            services.estimate_submit(user=user, estimate=estimate)
    services.estimate_submit(user=reporter_a, estimate=estimate)
    # and only the coordinator approves or returns
    for user in (reporter_a, reporter_b, leader):
        with pytest.raises(PermissionDenied):
            services.estimate_approve(user=user, estimate=estimate)
        with pytest.raises(PermissionDenied):
            services.estimate_return(user=user, estimate=estimate, reason="x")
    assert BudgetEstimate.objects.get().status == EstimateStatus.SUBMITTED


def test_negative_amount_refused(reporter_a, plan_tasks):
    plan, tasks = plan_tasks
    # when a negative estimate is entered, then it is refused and nothing stored
    with pytest.raises(ValidationError):
        _save(reporter_a, plan, tasks[0], amount=-1)
    assert not BudgetEstimate.objects.exists()


def test_database_constraints(agency_a, plan_tasks):
    plan, tasks = plan_tasks
    # given an estimate
    BudgetEstimateFactory(task=tasks[0], agency=agency_a)
    # then a second one for the same plan, year, agency, task and source is refused by the database
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetEstimateFactory(task=tasks[0], agency=agency_a)
    # and so is a negative amount
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetEstimateFactory(task=tasks[1], agency=agency_a, amount=-5)


def test_the_system_actor_enters_no_estimate_and_records_no_event(agency_a, plan_tasks):
    # given the system actor (a command or a timer), whom no budget policy lets act
    from ngvh.accounts.system import system_actor

    plan, tasks = plan_tasks
    # when it tries to enter an estimate
    # then it is refused before anything is written: every event names a person who acted
    with pytest.raises(PermissionDenied):
        services.estimate_save(user=system_actor(), plan=plan, year=2025, agency=agency_a, task=tasks[0], source="state", amount=1)
    assert not EstimateEvent.objects.exists() and not BudgetEstimate.objects.exists()
