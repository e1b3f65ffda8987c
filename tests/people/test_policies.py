"""Which agencies a person may be recorded for: asked of the people policy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from ngvh.people.policies import PersonPolicy
from tests.factories import AgencyFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


def test_the_focal_point_records_for_its_provinces_current_agencies_a_reporter_for_its_own(
    reporter_a, agency_a, agency_b, coordinator, focal_agency
):
    # given a reporter of A, a coordinator of the focal point, an agency of another
    # province and a closed agency of the same province
    other = AgencyFactory(name="Sở Ngoại vụ", province=ProvinceFactory(name="Đà Nẵng", code="da-nang"))
    closed = AgencyFactory(name="Sở Cũ", active_until=dt.date(2024, 12, 31))
    # when the policy lists the agencies each may record people for, and the default one
    # then the coordinator gets the province's current agencies, the reporter only A
    assert set(PersonPolicy.recordable_agencies(coordinator)) == {agency_a, agency_b, focal_agency}
    assert other not in PersonPolicy.recordable_agencies(coordinator)
    assert closed not in PersonPolicy.recordable_agencies(coordinator)
    assert list(PersonPolicy.recordable_agencies(reporter_a)) == [agency_a]
    assert PersonPolicy.default_agency_id(reporter_a) == agency_a.pk
    assert PersonPolicy.default_agency_id(coordinator) == focal_agency.pk
    assert PersonPolicy.default_agency_id(AnonymousUser()) is None
