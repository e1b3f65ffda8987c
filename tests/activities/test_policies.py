"""Which agency an activity is recorded for: asked of the policy, never read off the user."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ngvh.activities.policies import ActivityPolicy

pytestmark = pytest.mark.django_db


def test_a_reporter_records_for_their_own_agency_and_the_focal_point_for_any(reporter_a, agency_a, coordinator, focal_agency):
    # given a reporter of A and a coordinator of the focal point
    # when the policy says which agencies each records for
    # then the reporter's default and only agency is A; the coordinator defaults to the focal point and may choose any
    assert ActivityPolicy.default_agency_id(reporter_a) == agency_a.pk
    assert ActivityPolicy.recordable_agency_ids(reporter_a) == {agency_a.pk}
    assert ActivityPolicy.default_agency_id(coordinator) == focal_agency.pk
    assert ActivityPolicy.recordable_agency_ids(coordinator) is None
    assert ActivityPolicy.default_agency_id(AnonymousUser()) is None

