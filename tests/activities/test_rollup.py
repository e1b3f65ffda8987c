"""The dashboards' rollups stay equal to a recomputation through every write path."""

import datetime as dt
import random

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from ngvh.activities import demo, rollup, services
from ngvh.activities.models import Activity, ActivityCountryRollup, ActivityRollup
from tests.factories import PlanFactory

from .factories import activity_data
from .test_xlsx import good_row, workbook_bytes

pytestmark = pytest.mark.django_db

KINDS = ["training", "exhibition", "event_home", "delegation_out"]
STATUSES = ["done", "planned", "cancelled"]
COUNTRIES = ["VN", "JP", "KR", "FR"]


def _random_data(rng: random.Random, agency, tasks):
    start = dt.date(rng.choice([2024, 2025]), rng.randint(1, 12), rng.randint(1, 28))
    total = rng.randint(0, 300)
    return activity_data(
        agency=agency,
        tasks=rng.sample(tasks[:2], rng.randint(0, 2)),
        title=f"Hoạt động {rng.randint(1, 10**6)}",
        kind=rng.choice(KINDS),
        status=rng.choice(STATUSES),
        start_date=start,
        end_date=start + dt.timedelta(days=rng.randint(0, 3)),
        place_country=rng.choice(COUNTRIES),
        country_codes=rng.sample(COUNTRIES, rng.randint(0, 3)),
        participants_total=total,
        participants_foreign=rng.randint(0, total),
        budget_state=rng.randint(0, 5) * 1_000_000,
        budget_private=rng.randint(0, 5) * 500_000,
        budget_foreign=rng.randint(0, 2) * 2_000_000,
        media_count=rng.randint(0, 9),
    )


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_every_write_path_keeps_the_rollups_equal_to_a_recomputation(seed, reporter_a, agency_a, plan_a):
    # given a plan and a seeded random sequence of creates, edits, deletes and imports
    plan, tasks = plan_a
    rng = random.Random(seed)
    for _step in range(12):
        alive = list(Activity.objects.filter(plan=plan))
        action = rng.choice(["create", "create", "update", "delete", "import"] if alive else ["create", "import"])
        # when the services write
        if action == "create":
            services.activity_create(user=reporter_a, plan=plan, data=_random_data(rng, agency_a, tasks), confirm_unassigned=True)
        elif action == "update":
            services.activity_update(user=reporter_a, activity=rng.choice(alive), data=_random_data(rng, agency_a, tasks),
                                     confirm_unassigned=True)
        elif action == "delete":
            services.activity_delete(user=reporter_a, activity=rng.choice(alive))
        else:
            rows = [good_row(rng.randint(1, 60)) for _ in range(rng.randint(1, 4))]
            outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=workbook_bytes(rows), commit=True)
            assert outcome.committed
        # then the rollups equal a recomputation after every step, with no empty rows left
        assert rollup.rollup_differences() == [], action
        assert not ActivityRollup.objects.filter(n=0).exists()
        assert not ActivityCountryRollup.objects.filter(n=0).exists()
    assert Activity.objects.filter(plan=plan).count() == sum(ActivityRollup.objects.values_list("n", flat=True))


def test_an_edit_moves_the_figures_between_keys(reporter_a, agency_a, plan_a):
    # given a done activity in May 2025 reaching Japan
    plan, tasks = plan_a
    activity = services.activity_create(
        user=reporter_a, plan=plan, data=activity_data(agency=agency_a, tasks=tasks[:1], country_codes=["JP"])
    )
    # when it is moved to March 2024 and cancelled
    services.activity_update(
        user=reporter_a, activity=activity,
        data=activity_data(agency=agency_a, tasks=tasks[:1], country_codes=["JP"], status="cancelled",
                           start_date=dt.date(2024, 3, 1), end_date=dt.date(2024, 3, 2)),
    )
    # then only the new key holds it
    rows = list(ActivityRollup.objects.values_list("year", "month", "status", "n", "participants", "budget_state"))
    assert rows == [(2024, 3, "cancelled", 1, 500, 1_250_000)]
    assert set(ActivityCountryRollup.objects.values_list("year", "status", "code", "n")) == {(2024, "cancelled", "JP", 1)}


def test_a_refused_write_leaves_the_rollups_alone(reporter_a, reporter_b, agency_a, plan_a):
    # given one activity of agency A
    plan, tasks = plan_a
    activity = services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, tasks=tasks[:1]))
    before = rollup.stored()
    # when agency B's reporter tries to edit and delete it, and an import with a bad row is committed
    with pytest.raises(PermissionDenied):
        services.activity_update(user=reporter_b, activity=activity, data=activity_data(agency=agency_a, budget_state=9))
    with pytest.raises(PermissionDenied):
        services.activity_delete(user=reporter_b, activity=activity)
    bad = good_row(2)
    bad[0] = ""
    outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=workbook_bytes([good_row(1), bad]), commit=True)
    # then nothing changed
    assert not outcome.committed
    assert rollup.stored() == before


def test_demo_loader_keeps_the_rollups(plan_a):
    # given a plan with lead agencies
    plan, _tasks = plan_a
    # when the demo activities are loaded, twice (the second run adds nothing)
    created = demo.load(plan=plan)
    demo.load(plan=plan)
    # then the rollups count them exactly
    assert created > 0
    assert sum(ActivityRollup.objects.values_list("n", flat=True)) == created
    assert rollup.rollup_differences() == []


def test_the_data_version_moves_with_every_write_and_only_for_its_plan(reporter_a, agency_a, plan_a):
    # given two plans and their versions
    plan, tasks = plan_a
    other = PlanFactory()
    before, before_other, before_all = (rollup.data_version(plan_id=plan.pk), rollup.data_version(plan_id=other.pk),
                                        rollup.data_version(plan_id=None))
    # when an activity of the first plan is created
    services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, tasks=tasks[:1]))
    # then its plan's version and the national one moved, the other plan's did not
    assert rollup.data_version(plan_id=plan.pk) != before
    assert rollup.data_version(plan_id=None) != before_all
    assert rollup.data_version(plan_id=other.pk) == before_other


def test_check_command_passes_then_detects_a_tampered_row_and_rebuild_repairs(reporter_a, agency_a, plan_a, capsys):
    # given consistent rollups
    plan, tasks = plan_a
    services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, tasks=tasks[:1], country_codes=["JP"]))
    call_command("activities", "rollup", "--check")
    assert "match" in capsys.readouterr().out
    # when a row is tampered with, one deleted and one invented
    ActivityRollup.objects.update(participants=1)
    ActivityCountryRollup.objects.all().delete()
    ActivityCountryRollup.objects.create(plan=plan, year=2030, status="done", code="FR", n=3)
    # then --check exits 1 and lists the three differences
    with pytest.raises(CommandError) as failure:
        call_command("activities", "rollup", "--check")
    assert failure.value.returncode == 1
    out = capsys.readouterr().out
    assert "activity_rollup" in out and "'JP'" in out and "'FR'" in out
    assert len(rollup.rollup_differences()) == 3
    # and --rebuild restores them
    call_command("activities", "rollup", "--rebuild")
    assert rollup.rollup_differences() == []
    call_command("activities", "rollup", "--check")
