"""``ngvh demo``'s illustrative activities: recorded through the service by their agencies."""

import pytest

from ngvh.accounts.models import User
from ngvh.activities import demo
from ngvh.activities.models import Activity
from ngvh.activities.rollup import rollup_differences

pytestmark = pytest.mark.django_db


def test_demo_activities_are_recorded_by_their_agencies_authors_and_load_once(seed_plan):
    # given the bundled plan and no accounts
    # when the demo's activities load twice
    created = demo.load(plan=seed_plan)
    again = demo.load(plan=seed_plan)
    # then they were added once
    activities = list(Activity.objects.filter(is_demo=True).select_related("created_by"))
    assert created == len(activities) > 0 and again == 0
    # and each was recorded by an author of its own agency, named in its history
    for activity in activities:
        assert activity.created_by.agency_id == activity.agency_id and activity.created_by.is_demo
        assert activity.history.earliest().history_user == activity.created_by
    # and the authors are illustrative: nobody can sign in as them
    authors = User.objects.filter(pk__in={a.created_by_id for a in activities})
    assert authors and not any(u.has_usable_password() or u.email for u in authors)
    # and the dashboards' rollups agree with the activities, as after any service write
    assert rollup_differences() == []
