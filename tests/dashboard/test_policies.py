"""Who reads the national dashboard, and what of a cached body depends on the reader."""

from __future__ import annotations

import pytest

from ngvh.dashboard.policies import DashboardPolicy

pytestmark = pytest.mark.django_db


def test_the_national_dashboard_is_for_the_readers_of_everything(coordinator, leader, reporter_a):
    assert DashboardPolicy.can_view_national(coordinator) and DashboardPolicy.can_view_national(leader)
    assert not DashboardPolicy.can_view_national(reporter_a)
    # a reporter's body also depends on their agency: the budget section shows only its figures
    assert DashboardPolicy.reader_scope(leader) == "all"
    assert DashboardPolicy.reader_scope(reporter_a) == f"one:agency-{reporter_a.agency_id}"
    assert DashboardPolicy.reads_every_agency(leader) and not DashboardPolicy.reads_every_agency(reporter_a)
