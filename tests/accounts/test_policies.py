"""The user's own agency, asked of the account policies; the demo's partner recorder."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ngvh.accounts.demo_authors import province_coordinator
from ngvh.accounts.models import Role
from ngvh.accounts.policies import acting_agency
from tests.factories import AgencyFactory, ProvinceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_acting_agency_is_the_signed_in_users_own(reporter_a, agency_a):
    # given a reporter of A, an account without an agency, and a signed-out visitor
    loose = UserFactory(role=Role.COORDINATOR, agency=None)
    # when the policy names the agency each acts for
    # then A for the reporter, none for the others
    assert acting_agency(reporter_a) == agency_a
    assert acting_agency(loose) is None
    assert acting_agency(AnonymousUser()) is None
    assert acting_agency(None) is None


def test_the_demo_records_partners_as_the_provinces_first_active_coordinator(focal_agency):
    # given a superuser, an inactive coordinator, then two active ones of the province,
    # and a coordinator of another province
    UserFactory(username="admin", role=Role.COORDINATOR, agency=focal_agency, is_superuser=True)
    UserFactory(username="gone", role=Role.COORDINATOR, agency=focal_agency, is_active=False)
    first = UserFactory(username="first", role=Role.COORDINATOR, agency=focal_agency)
    UserFactory(username="second", role=Role.COORDINATOR, agency=focal_agency)
    elsewhere = ProvinceFactory(name="Đà Nẵng", code="da-nang")
    UserFactory(username="away", role=Role.COORDINATOR, agency=AgencyFactory(province=elsewhere))
    # when the demo asks who records the partner relationships
    # then the first active coordinator who is not the system admin; none in a province without one
    assert province_coordinator(province=focal_agency.province) == first
    assert province_coordinator(province=ProvinceFactory(name="Huế", code="hue")) is None
