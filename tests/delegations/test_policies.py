"""In whose name a delegation is registered: asked of the delegation policy."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ngvh.delegations.policies import DelegationPolicy

pytestmark = pytest.mark.django_db


def test_a_delegation_is_registered_in_the_name_of_the_officers_agency(reporter_a, agency_a, coordinator, focal_agency):
    # given a reporter of A and a coordinator of the focal point
    # when the policy says in whose name each registers
    # then their own agency's; none signed out
    assert DelegationPolicy.registering_agency_id(reporter_a) == agency_a.pk
    assert DelegationPolicy.registering_agency_id(coordinator) == focal_agency.pk
    assert DelegationPolicy.registering_agency_id(AnonymousUser()) is None
