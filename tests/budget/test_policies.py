"""Whose estimates a user enters: asked of the budget policy, never read off the user."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ngvh.accounts.models import Role
from ngvh.budget.policies import BudgetEstimatePolicy
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_enters_estimates_for_their_own_agency_only():
    # given a reporter of an agency, a coordinator without an agency, and a signed-out visitor
    reporter = UserFactory(role=Role.REPORTER)
    loose = UserFactory(role=Role.COORDINATOR, agency=None)
    # when the policy says whose estimates each enters
    # then the reporter's own agency; nobody's for an account without one or signed out
    assert BudgetEstimatePolicy.entering_agency(reporter) == reporter.agency
    assert BudgetEstimatePolicy.entering_agency(loose) is None
    assert BudgetEstimatePolicy.entering_agency(AnonymousUser()) is None
