"""The synthetic dataset: deterministic, shaped like the plan family, consistent."""

from __future__ import annotations

from collections import Counter

import pytest

from ngvh.bench.dataset import next_ids
from ngvh.bench.generator import DEADLINE_YEAR, YEARS, DatabaseSink, GenConfig, generate


def test_same_seed_gives_same_counts_and_another_seed_does_not():
    # given one small configuration
    config = GenConfig(scale=2, seed=274, per_agency_year=4)

    # when it is generated twice without a database, and once with another seed
    first = generate(config, progress=False).counts
    again = generate(config, progress=False).counts
    other = generate(GenConfig(scale=2, seed=275, per_agency_year=4), progress=False).counts

    # then the same seed gives exactly the same rows, another seed other rows
    assert first == again
    assert first != other
    assert first["activities_activity"] > 0


def test_a_province_is_the_same_whatever_the_scale():
    # given the counts of one province alone and of the same province followed by another
    one = generate(GenConfig(scale=1, per_agency_year=4), progress=False).counts
    two = generate(GenConfig(scale=2, per_agency_year=4), progress=False).counts
    second = generate(GenConfig(scale=1, per_agency_year=4, first=1), progress=False).counts

    # then scale 2 is exactly province 0 plus province 1
    assert two == one + second


@pytest.mark.django_db
def test_generated_rows_land_in_the_database_with_the_shape_of_the_plan_family():
    from ngvh.accounts.models import User
    from ngvh.activities.models import Activity, ActivityCountry
    from ngvh.agencies.models import Agency, Province
    from ngvh.plans.models import Plan, Task, TaskAssignment, TaskGroup
    from ngvh.reporting.models import AnnualReport, ReportLine

    # given an empty database
    config = GenConfig(scale=2, seed=7, per_agency_year=3)
    expected = generate(config, progress=False).counts

    # when the dataset is written
    written = generate(config, sink=DatabaseSink(), progress=False, start_ids=next_ids()).counts

    # then every row counted is in its table
    assert written == expected
    assert Activity.objects.count() == expected["activities_activity"]
    assert ActivityCountry.objects.count() == expected["activities_activitycountry"]
    assert Activity.tasks.through.objects.count() == expected["activities_activity_tasks"]
    assert ReportLine.objects.count() == expected["reporting_reportline"]
    # and each province has the shape of the plan family
    for province in Province.objects.all():
        plan = Plan.objects.get(province=province)
        assert 25 <= Agency.objects.filter(province=province).count() <= 40
        assert 4 <= TaskGroup.objects.filter(plan=plan).count() <= 6
        assert 15 <= Task.objects.filter(plan=plan).count() <= 25
        agencies = set(Agency.objects.filter(province=province).values_list("id", flat=True))
        assigned = set(TaskAssignment.objects.filter(task__plan=plan).values_list("agency_id", flat=True))
        assert assigned == agencies
    # and the denormalised fields are set as the services set them
    activity = Activity.objects.order_by("id").first()
    assert activity.year == activity.start_date.year
    assert activity.search_text.count("\n") == 1
    assert set(Activity.objects.values_list("year", flat=True)) == set(YEARS)
    # and activities only point at tasks of their own plan
    assert not Activity.tasks.through.objects.exclude(task__plan_id=models_f("activity__plan_id")).exists()
    # and reports exist in every state, with a filled-in draft per agency for deadline day
    states = Counter(AnnualReport.objects.values_list("status", flat=True))
    assert set(states) == {"draft", "submitted", "returned", "accepted"}
    drafts = AnnualReport.objects.filter(reporting_year__year=DEADLINE_YEAR)
    assert drafts.count() == Agency.objects.count()
    assert not ReportLine.objects.filter(report__in=drafts, status="").exists()
    # and every agency has a reporter who can log in
    assert User.objects.filter(role="reporter").count() == Agency.objects.count()
    assert User.objects.get(username="p00-dieuphoi").check_password("bench-password-2030")


def models_f(name):
    from django.db.models import F

    return F(name)
