"""Fill the dashboards' rollups from the activities already recorded.

Without it an existing installation would show empty dashboards until someone ran
``ngvh activities rollup --rebuild``. Same GROUP BY as ``activities.rollup.recompute``,
written against the historical models.
"""

from django.db import migrations
from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth


def fill(apps, schema_editor):
    Activity = apps.get_model("activities", "Activity")
    ActivityCountry = apps.get_model("activities", "ActivityCountry")
    ActivityRollup = apps.get_model("activities", "ActivityRollup")
    ActivityCountryRollup = apps.get_model("activities", "ActivityCountryRollup")
    ActivityDataVersion = apps.get_model("activities", "ActivityDataVersion")
    ActivityRollup.objects.all().delete()
    ActivityCountryRollup.objects.all().delete()
    rows = (
        Activity.objects.annotate(month=ExtractMonth("start_date"))
        .values("plan_id", "year", "month", "kind", "status")
        .annotate(n=Count("id"), p=Sum("participants_total"), pf=Sum("participants_foreign"), bs=Sum("budget_state"),
                  bp=Sum("budget_private"), bf=Sum("budget_foreign"), m=Sum("media_count"))
        .order_by()
    )
    ActivityRollup.objects.bulk_create(
        [
            ActivityRollup(plan_id=r["plan_id"], year=r["year"], month=r["month"], kind=r["kind"], status=r["status"],
                           n=r["n"], participants=r["p"] or 0, participants_foreign=r["pf"] or 0,
                           budget_state=r["bs"] or 0, budget_private=r["bp"] or 0, budget_foreign=r["bf"] or 0,
                           media=r["m"] or 0)
            for r in rows
        ],
        batch_size=2000,
    )
    countries = (
        ActivityCountry.objects.values("activity__plan_id", "activity__year", "activity__status", "code")
        .annotate(n=Count("id"))
        .order_by()
    )
    ActivityCountryRollup.objects.bulk_create(
        [
            ActivityCountryRollup(plan_id=r["activity__plan_id"], year=r["activity__year"], status=r["activity__status"],
                                  code=r["code"], n=r["n"])
            for r in countries
        ],
        batch_size=2000,
    )
    plans = set(Activity.objects.values_list("plan_id", flat=True).distinct())
    existing = set(ActivityDataVersion.objects.values_list("plan_id", flat=True))
    ActivityDataVersion.objects.bulk_create([ActivityDataVersion(plan_id=pk, version=1) for pk in plans - existing])


class Migration(migrations.Migration):
    dependencies = [("activities", "0004_data_version")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
