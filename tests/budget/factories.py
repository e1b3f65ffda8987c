"""Factories for budget tests."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from ngvh.budget.models import BudgetEstimate, BudgetSource, EstimateStatus


class BudgetEstimateFactory(DjangoModelFactory):
    class Meta:
        model = BudgetEstimate

    plan = factory.LazyAttribute(lambda o: o.task.plan)
    year = 2025
    source = BudgetSource.STATE
    amount = 10_000_000
    status = EstimateStatus.DRAFT
