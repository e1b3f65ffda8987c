"""The dashboards' rollup tables, kept equal to the activities by the services that write.

Each write computes the contribution of the rows it touches (before and after) and adds
the difference with one ``INSERT … ON CONFLICT … DO UPDATE SET n = n + excluded.n`` per
table, in the caller's transaction: concurrent writers on the same key add up instead of
overwriting each other, and a rolled-back write leaves no trace. Keys whose count falls
to zero are removed, so a recomputation and the table compare row for row.

No signals and no ``save()`` logic: a write that bypasses the services (a raw SQL fix, a
bench load) is caught by ``ngvh activities rollup --check`` and repaired with
``--rebuild``.

The data version (``data_version``) is a counter per plan in the database, raised by
the same statements, so the dashboards' cached figures are replaced exactly when a write
commits, in every server process, and never by a write that rolls back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth

from .models import (
    Activity,
    ActivityCountry,
    ActivityCountryRollup,
    ActivityDataVersion,
    ActivityRollup,
)

SUMS = ("n", "participants_reported", "participants", "participants_foreign", "budget_state", "budget_private", "budget_foreign", "media")
KEY = ("plan_id", "year", "month", "kind", "status")
COUNTRY_KEY = ("plan_id", "year", "status", "code")


@dataclass(frozen=True)
class Facts:
    """What one activity adds to the rollups: its key fields, its sums and its countries."""

    plan_id: int
    year: int
    month: int
    kind: str
    status: str
    participants_reported: int
    participants: int
    participants_foreign: int
    budget_state: int
    budget_private: int
    budget_foreign: int
    media: int
    codes: tuple[str, ...]

    @classmethod
    def of(cls, activity: Activity, codes: Iterable[str]) -> Facts:
        return cls(
            plan_id=activity.plan_id,
            year=activity.start_date.year,
            month=activity.start_date.month,
            kind=activity.kind,
            status=activity.status,
            participants_reported=int(activity.participants_total is not None),
            participants=activity.participants_total or 0,
            participants_foreign=activity.participants_foreign or 0,
            budget_state=activity.budget_state,
            budget_private=activity.budget_private,
            budget_foreign=activity.budget_foreign,
            media=activity.media_count,
            codes=tuple(sorted(set(codes))),
        )

    @classmethod
    def of_values(cls, plan_id: int, values: dict, codes: Iterable[str]) -> Facts:
        """The same from a row's column values (the Excel import builds no model instances)."""
        start = values["start_date"]
        return cls(
            plan_id=plan_id,
            year=start.year,
            month=start.month,
            kind=values["kind"],
            status=values["status"],
            participants_reported=int(values["participants_total"] is not None),
            participants=values["participants_total"] or 0,
            participants_foreign=values["participants_foreign"] or 0,
            budget_state=values["budget_state"],
            budget_private=values["budget_private"],
            budget_foreign=values["budget_foreign"],
            media=values["media_count"],
            codes=tuple(sorted(set(codes))),
        )

    @classmethod
    def stored(cls, activity: Activity) -> Facts:
        """The facts of an activity as the database holds it now (one query for its countries)."""
        return cls.of(activity, ActivityCountry.objects.filter(activity_id=activity.pk).values_list("code", flat=True))


class Delta:
    """Differences to add to both rollups, accumulated over any number of activities."""

    def __init__(self) -> None:
        self.rows: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(SUMS))
        self.countries: dict[tuple, int] = defaultdict(int)

    def add(self, facts: Facts, sign: int = 1) -> Delta:
        row = self.rows[(facts.plan_id, facts.year, facts.month, facts.kind, facts.status)]
        values = (1, facts.participants_reported, facts.participants, facts.participants_foreign, facts.budget_state, facts.budget_private,
                  facts.budget_foreign, facts.media)
        for i, value in enumerate(values):
            row[i] += sign * value
        for code in facts.codes:
            self.countries[(facts.plan_id, facts.year, facts.status, code)] += sign
        return self

    def change(self, before: Facts | None, after: Facts | None) -> Delta:
        if before is not None:
            self.add(before, -1)
        if after is not None:
            self.add(after, 1)
        return self


def _add(model, key: tuple[str, ...], sums: tuple[str, ...], rows: list[tuple]) -> None:
    """Add ``rows`` (key values then deltas) to the table.

    A delta that adds activities to a key is an upsert; one that removes some is a plain
    UPDATE, since its key must exist already. The split matters: SQLite checks the
    inserted row's ``n >= 0`` before it looks for the conflict, so a negative ``n`` cannot
    go through the upsert.
    """
    if not rows:
        return
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    key_columns = [qn(model._meta.get_field(name.removesuffix("_id")).column) for name in key]
    sum_columns = [qn(name) for name in sums]
    n_index = len(key)
    adding = [r for r in rows if r[n_index] >= 0]
    removing = [(*r[n_index:], *r[:n_index]) for r in rows if r[n_index] < 0]
    with connection.cursor() as cursor:
        if adding:
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(key_columns + sum_columns)}) "
                f"VALUES ({', '.join(['%s'] * (len(key_columns) + len(sum_columns)))}) "
                f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET "
                + ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in sum_columns),
                adding,
            )
        if removing:
            cursor.executemany(
                f"UPDATE {table} SET {', '.join(f'{c} = {c} + %s' for c in sum_columns)} "
                f"WHERE {' AND '.join(f'{c} = %s' for c in key_columns)}",
                removing,
            )


def rollup_apply(delta: Delta) -> None:
    """Add a delta to both tables and raise the plans' data versions, in the current transaction."""
    rows = [(*k, *v) for k, v in delta.rows.items() if any(v)]
    countries = [(*k, n) for k, n in delta.countries.items() if n]
    if not rows and not countries:
        return
    _add(ActivityRollup, KEY, SUMS, rows)
    _add(ActivityCountryRollup, COUNTRY_KEY, ("n",), countries)
    plans = {k[0] for k in delta.rows} | {k[0] for k in delta.countries}
    ActivityRollup.objects.filter(plan_id__in=plans, n=0).delete()
    ActivityCountryRollup.objects.filter(plan_id__in=plans, n=0).delete()
    _bump(plans)


def _bump(plan_ids) -> None:
    table = connection.ops.quote_name(ActivityDataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (plan_id, version) VALUES (%s, 1) "
            f"ON CONFLICT (plan_id) DO UPDATE SET version = {table}.version + 1",
            [(pk,) for pk in sorted(plan_ids)],
        )


def data_version(*, plan_id: int | None) -> tuple[int, int]:
    """A value that changes whenever the plan's activity figures (or any plan's, for None) do."""
    versions = ActivityDataVersion.objects.all()
    if plan_id is not None:
        versions = versions.filter(plan_id=plan_id)
    row = versions.aggregate(n=Count("plan_id"), total=Sum("version"))
    return row["n"], row["total"] or 0


# ---- recomputation, check and rebuild ---------------------------------------------------


def recompute(*, plan_id: int | None = None) -> tuple[dict[tuple, tuple], dict[tuple, int]]:
    """Both rollups as they should be, from the activities: one GROUP BY each."""
    activities = Activity.objects.all()
    if plan_id is not None:
        activities = activities.filter(plan_id=plan_id)
    rows = (
        activities.annotate(month=ExtractMonth("start_date"))
        .values("plan_id", "year", "month", "kind", "status")
        .annotate(
            n=Count("id"), pr=Count("participants_total"), p=Sum("participants_total"), pf=Sum("participants_foreign"), bs=Sum("budget_state"),
            bp=Sum("budget_private"), bf=Sum("budget_foreign"), m=Sum("media_count"),
        )
        .order_by()
    )
    expected = {
        (r["plan_id"], r["year"], r["month"], r["kind"], r["status"]): (
            r["n"], r["pr"], r["p"] or 0, r["pf"] or 0, r["bs"] or 0, r["bp"] or 0, r["bf"] or 0, r["m"] or 0
        )
        for r in rows
    }
    countries_qs = ActivityCountry.objects.all()
    if plan_id is not None:
        countries_qs = countries_qs.filter(activity__plan_id=plan_id)
    countries = {
        (r["activity__plan_id"], r["activity__year"], r["activity__status"], r["code"]): r["n"]
        for r in countries_qs.values("activity__plan_id", "activity__year", "activity__status", "code")
        .annotate(n=Count("id"))
        .order_by()
    }
    return expected, countries


def stored(*, plan_id: int | None = None) -> tuple[dict[tuple, tuple], dict[tuple, int]]:
    rows = ActivityRollup.objects.all()
    countries = ActivityCountryRollup.objects.all()
    if plan_id is not None:
        rows, countries = rows.filter(plan_id=plan_id), countries.filter(plan_id=plan_id)
    return (
        {tuple(r[:5]): tuple(r[5:]) for r in rows.values_list(*KEY, *SUMS)},
        {tuple(r[:4]): r[4] for r in countries.values_list(*COUNTRY_KEY, "n")},
    )


@dataclass
class Difference:
    table: str
    key: tuple
    stored: object
    expected: object

    def __str__(self) -> str:
        return f"{self.table} {self.key}: stored {self.stored}, expected {self.expected}"


def rollup_differences(*, plan_id: int | None = None) -> list[Difference]:
    """Every key where a rollup differs from a recomputation (empty when consistent)."""
    expected_rows, expected_countries = recompute(plan_id=plan_id)
    stored_rows, stored_countries = stored(plan_id=plan_id)
    found = []
    for table, have, want in (
        ("activity_rollup", stored_rows, expected_rows),
        ("activity_country_rollup", stored_countries, expected_countries),
    ):
        for key in sorted(set(have) | set(want), key=repr):
            if have.get(key) != want.get(key):
                found.append(Difference(table, key, have.get(key), want.get(key)))
    return found


@transaction.atomic
def rollup_rebuild() -> tuple[int, int]:
    """Rewrite both tables from the activities; returns their new row counts."""
    expected_rows, expected_countries = recompute()
    ActivityRollup.objects.all().delete()
    ActivityCountryRollup.objects.all().delete()
    ActivityRollup.objects.bulk_create(
        [ActivityRollup(**dict(zip(KEY, k, strict=True)), **dict(zip(SUMS, v, strict=True))) for k, v in expected_rows.items()],
        batch_size=2000,
    )
    ActivityCountryRollup.objects.bulk_create(
        [ActivityCountryRollup(**dict(zip(COUNTRY_KEY, k, strict=True)), n=n) for k, n in expected_countries.items()],
        batch_size=2000,
    )
    from ngvh.plans.models import Plan

    _bump(Plan.objects.values_list("pk", flat=True))
    return len(expected_rows), len(expected_countries)
