"""The reporting blocks of the home page: what each person must do next.

A reporter sees the agency's to-do: every report still in draft or returned, with its
deadline, or else the latest report's status. A coordinator sees the queue of reports
awaiting review and, for the current reporting year, the agencies late or missing, each
one click from its report. A leader sees the same lists, to read.
"""

from __future__ import annotations

from django.utils import timezone

from .policies import ReportingYearPolicy, ReportPolicy


def blocks(request) -> list[dict]:
    from .selectors import reporter_todo, review_queue

    user = request.user
    if not user.is_authenticated:
        return []
    out: list[dict] = []
    today = timezone.localdate()
    # The reports of the user's own agency; without an agency there are none, and no query runs.
    own = ReportPolicy.own(user)
    todo = [{"report": r, "days_left": (r.reporting_year.deadline - today).days} for r in reporter_todo(user=user)]
    latest = None
    if not todo:
        latest = (
            own.select_related("reporting_year", "reporting_year__plan", "agency")
            .order_by("-reporting_year__year", "-reporting_year__deadline")
            .first()
        )
    if todo or latest is not None:
        out.append({"template": "reporting/_home_reporter.html", "data": {"todo": todo, "latest": latest}})
    if ReportingYearPolicy.can_view_rates(user):
        queue = review_queue(user=user, today=today)
        if queue.reporting_year is not None:
            out.append(
                {
                    "template": "reporting/_home_coordinator.html",
                    "data": {
                        "ry": queue.reporting_year,
                        "rates": queue.rates,
                        "queue": queue,
                        "can_review": ReportPolicy.can_review(user, None),
                    },
                }
            )
    return out
