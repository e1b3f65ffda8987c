"""The raw-SQL floor of the dashboard: the same figures, straight from the tables.

What the dashboard shows for a plan (or all plans) and a year: done activities by kind
and month with participants, budget by source and media; countries reached; the status
of each task from the report lines; reporting rates by report status. Four statements,
no ORM, no templates: what the database alone costs. The page's time divided by this
one is the overhead of everything else.
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
    return {"by_kind_month": by_kind_month, "countries": countries, "lines": len(lines), "rates": rates}
