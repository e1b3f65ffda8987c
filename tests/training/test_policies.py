"""Which agency organises a new course: asked of the course policy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from ngvh.accounts.models import Role
from ngvh.training.policies import CoursePolicy
from tests.factories import AgencyFactory, PlanFactory, ProvinceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_reporter_organises_for_their_own_agency_and_the_focal_point_for_any(
    reporter_a, agency_a, agency_b, coordinator, focal_agency, leader
):
    # given a plan of the province, an agency of another province and a closed one
    plan = PlanFactory(province=agency_a.province)
    AgencyFactory(name="Sở Ngoại vụ", province=ProvinceFactory(name="Đà Nẵng", code="da-nang"))
    AgencyFactory(name="Sở Cũ", active_until=dt.date(2024, 12, 31))
    loose = UserFactory(role=Role.REPORTER, agency=None)
    # when the policy says who may record a course and for which agencies
    # then the reporter records for A only, the coordinator for every current agency of the province
    assert CoursePolicy.organiser_id(reporter_a) == agency_a.pk
    assert list(CoursePolicy.organisers(reporter_a, plan)) == [agency_a]
    assert set(CoursePolicy.organisers(coordinator, plan)) == {agency_a, agency_b, focal_agency, leader.agency}
    assert CoursePolicy.can_create(reporter_a) and CoursePolicy.can_create(coordinator)
    # and a leader, a reporter without an agency and a visitor record none
    assert not CoursePolicy.can_create(leader)
    assert not CoursePolicy.can_create(loose)
    assert not CoursePolicy.can_create(AnonymousUser())
    assert CoursePolicy.organiser_id(AnonymousUser()) is None
