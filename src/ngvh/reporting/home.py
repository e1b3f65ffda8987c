"""The reporting blocks of the home page: what each person must do next.

A reporter sees this year's report of the agency and its deadline; a coordinator (and a
leader) sees who has not reported in the latest reporting year.
"""

from __future__ import annotations

from django.utils import timezone

from .policies import ReportingYearPolicy, ReportPolicy


def blocks(request) -> list[dict]:
    from .models import AnnualReport, ReportingYear
    from .selectors import reporting_rates

    user = request.user
    if not user.is_authenticated:
        return []
    out: list[dict] = []
    if user.agency_id:
        report = (
            AnnualReport.objects.select_related("reporting_year", "reporting_year__plan", "agency")
            .filter(agency_id=user.agency_id)
            .order_by("-reporting_year__year", "-reporting_year__deadline")
            .first()
        )
        if report is not None and (ReportPolicy.can_edit(user, report) or report.status in ("submitted", "accepted")):
            days = (report.reporting_year.deadline - timezone.localdate()).days
            out.append(
                {
                    "template": "reporting/_home_reporter.html",
                    "data": {"report": report, "days_left": days, "can_edit": ReportPolicy.can_edit(user, report)},
                }
            )
    if ReportingYearPolicy.can_view_rates(user):
        ry = ReportingYear.objects.select_related("plan").order_by("-year", "-deadline").first()
        if ry is not None:
            out.append(
                {
                    "template": "reporting/_home_coordinator.html",
                    "data": {"ry": ry, "rates": reporting_rates(plan=ry.plan, year=ry.year)},
                }
            )
    return out
