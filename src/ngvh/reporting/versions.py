"""The reporting data version: what the dashboards' cached bodies are keyed on.

Every service whose write changes a dashboard or the public page (report submit,
return, accept, reopen, line edits, reporting years, amendments, plan imports,
restructurings, agency names, budget estimates saved, submitted, approved, returned or
imported) calls :func:`reporting_version_bump` inside its own transaction. The counter lives in the database, one row per plan, so every server
process sees the new number exactly when the write commits, and concurrent writers of
different provinces never wait on the same row. Activity writes raise their own counter
(``activities.rollup``); the dashboards read both.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from .models import ReportingDataVersion


def reporting_version_bump(*, plan_ids: Iterable[int]) -> None:
    """Raise the counter of each plan, in the caller's transaction (one upsert per plan)."""
    ids = sorted({int(pk) for pk in plan_ids if pk is not None})
    if not ids:
        return
    table = connection.ops.quote_name(ReportingDataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (plan_id, version) VALUES (%s, 1) "
            f"ON CONFLICT (plan_id) DO UPDATE SET version = {table}.version + 1",
            [(pk,) for pk in ids],
        )


def plans_of_agency(agency) -> list[int]:
    """The plans whose pages may name ``agency``: its province's, and any it holds tasks in."""
    from django.db.models import Q

    from ngvh.plans.models import Plan

    return list(
        Plan.objects.filter(Q(province_id=agency.province_id) | Q(tasks__assignments__agency_id=agency.pk))
        .values_list("pk", flat=True)
        .distinct()
    )


def reporting_version_bump_for_agencies(*, agencies: Iterable) -> None:
    ids: set[int] = set()
    for agency in agencies:
        ids.update(plans_of_agency(agency))
    reporting_version_bump(plan_ids=ids)


def reporting_version_bump_for_province(*, province_id: int | None, assignment_ids: Iterable[int] = ()) -> None:
    """A restructuring: every plan of the province, and those of the assignments it moved."""
    from django.db.models import Q

    from ngvh.plans.models import Plan

    ids = list(assignment_ids)
    plans = Plan.objects.filter(Q(province_id=province_id) | Q(tasks__assignments__pk__in=ids))
    reporting_version_bump(plan_ids=plans.values_list("pk", flat=True).distinct())
