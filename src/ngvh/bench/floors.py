"""The raw-SQL floor of the dashboard: the same figures, straight from the tables.

What the dashboard shows for a plan (or all plans) and a year: done activities by kind
and month with participants, budget by source and media; countries reached; the status
of each task from the report lines; reporting rates by report status; and for the
national view each plan's activity totals. No ORM, no templates: what the database alone
costs. The page's time divided by this one is the overhead of everything else.

The page reads the activity figures from the rollup tables (``activities.rollup``) when
no group or agency filter applies, which is the case measured, so the floor reads the
same rollups: the floor is the cheapest SQL for the figures the page actually computes,
not the aggregation over the activities that the rollups replace (that one is kept as
``activity_floor_raw`` for comparison).
"""

from __future__ import annotations

from django.db import connection


def _month(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"EXTRACT(MONTH FROM {column})"
    return f"CAST(strftime('%%m', {column}) AS INTEGER)"


def _next_day(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"{column} + 1"
    return f"date({column}, '+1 day')"


def dashboard_floor(*, plan_id: int | None, year: int) -> dict:
    params = [year, *([plan_id] if plan_id is not None else [])]
    with connection.cursor() as cur:
        rollup_plan = "AND r.plan_id = %s" if plan_id is not None else ""
        cur.execute(
            f"""SELECT r.kind, r.month, SUM(r.n), SUM(r.participants), SUM(r.participants_foreign),
                       SUM(r.budget_state), SUM(r.budget_private), SUM(r.budget_foreign), SUM(r.media)
                FROM activities_activityrollup r
                WHERE r.status = 'done' AND r.year = %s {rollup_plan}
                GROUP BY r.kind, r.month""",
            params,
        )
        by_kind_month = cur.fetchall()
        cur.execute(
            f"""SELECT r.code, SUM(r.n) FROM activities_activitycountryrollup r
                WHERE r.status = 'done' AND r.year = %s {rollup_plan}
                GROUP BY r.code""",
            params,
        )
        countries = cur.fetchall()
        per_plan = []
        if plan_id is None:
            cur.execute(
                """SELECT r.plan_id, SUM(r.n), SUM(r.participants), SUM(r.budget_state + r.budget_private + r.budget_foreign)
                   FROM activities_activityrollup r WHERE r.status = 'done' AND r.year = %s GROUP BY r.plan_id""",
                [year],
            )
            per_plan = cur.fetchall()
        ry_clause = "AND ry.plan_id = %s" if plan_id is not None else ""
        cur.execute(
            f"""SELECT l.task_id, l.role, l.status, r.agency_id FROM reporting_reportline l
                JOIN reporting_annualreport r ON r.id = l.report_id
                JOIN reporting_reportingyear ry ON ry.id = r.reporting_year_id
                WHERE ry.year = %s {ry_clause}""",
            params,
        )
        lines = cur.fetchall()
        cur.execute(
            f"""SELECT ry.plan_id, r.status, COUNT(*),
                       SUM(CASE WHEN r.first_submitted_at IS NOT NULL AND r.first_submitted_at < {_next_day('ry.deadline')} THEN 1 ELSE 0 END)
                FROM reporting_annualreport r
                JOIN reporting_reportingyear ry ON ry.id = r.reporting_year_id
                WHERE ry.year = %s {ry_clause}
                GROUP BY ry.plan_id, r.status""",
            params,
        )
        rates = cur.fetchall()
    return {"by_kind_month": by_kind_month, "countries": countries, "lines": len(lines), "rates": rates, "per_plan": per_plan}


def activity_floor_raw(*, plan_id: int | None, year: int) -> dict:
    """The activity figures aggregated from the activities themselves (what the rollups save)."""
    plan_clause = "AND a.plan_id = %s" if plan_id is not None else ""
    params = [year, *([plan_id] if plan_id is not None else [])]
    with connection.cursor() as cur:
        cur.execute(
            f"""SELECT a.kind, {_month('a.start_date')} AS m, COUNT(*), SUM(a.participants_total),
                       SUM(a.participants_foreign), SUM(a.budget_state), SUM(a.budget_private),
                       SUM(a.budget_foreign), SUM(a.media_count)
                FROM activities_activity a
                WHERE a.status = 'done' AND a.year = %s {plan_clause}
                GROUP BY a.kind, m""",
            params,
        )
        by_kind_month = cur.fetchall()
        cur.execute(
            f"""SELECT c.code, COUNT(*) FROM activities_activitycountry c
                WHERE c.activity_id IN (SELECT a.id FROM activities_activity a
                                        WHERE a.status = 'done' AND a.year = %s {plan_clause})
                GROUP BY c.code""",
            params,
        )
        countries = cur.fetchall()
    return {"by_kind_month": by_kind_month, "countries": countries}
