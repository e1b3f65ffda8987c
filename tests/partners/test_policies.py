"""Who is in charge of a drafted anniversary activity when the relationship names nobody."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ngvh.accounts.models import Role
from ngvh.partners.policies import AnniversaryPolicy
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_drafting_officers_agency_is_the_fallback(coordinator, focal_agency):
    # given a coordinator of the focal point, one without an agency, and a signed-out visitor
    loose = UserFactory(role=Role.COORDINATOR, agency=None)
    # when the policy names the fallback agency in charge
    # then the coordinator's own agency; none without one or signed out
    assert AnniversaryPolicy.fallback_agency(coordinator) == focal_agency
    assert AnniversaryPolicy.fallback_agency(loose) is None
    assert AnniversaryPolicy.fallback_agency(AnonymousUser()) is None
