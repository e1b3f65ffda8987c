"""The dashboard's home-page block: where the plan stands, and the city report for readers."""

from __future__ import annotations


def blocks(request) -> list[dict]:
    from ngvh.accounts.policies import is_signed_in
    from ngvh.documents.models import Consolidation
    from ngvh.documents.policies import ConsolidationPolicy
    from ngvh.reporting.models import ReportingYear

    user = request.user
    if not is_signed_in(user):
        return []
    ry = ReportingYear.objects.select_related("plan").order_by("-year", "-deadline").first()
    if ry is None:
        return []
    data = {"plan": ry.plan, "year": ry.year, "can_read_report": ConsolidationPolicy.can_view(user)}
    if data["can_read_report"]:
        data["consolidation"] = Consolidation.objects.filter(plan=ry.plan, year=ry.year).first()
    return [{"template": "dashboard/_home.html", "data": data}]
