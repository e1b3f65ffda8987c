"""Reads of API tokens, scoped to who may manage them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404

from .models import ApiToken
from .policies import ApiTokenPolicy
from .services import key_hash


def token_owner_get(*, user, pk: int):
    owner = get_user_model().objects.filter(pk=pk).select_related("agency").first()
    if owner is None or not ApiTokenPolicy.can_manage_for(user, owner):
        raise Http404
    return owner


def tokens_for(*, user, owner) -> list[ApiToken]:
    if not ApiTokenPolicy.can_manage_for(user, owner):
        raise Http404
    return list(ApiToken.objects.filter(user=owner).select_related("created_by", "revoked_by"))


def token_get(*, user, pk: int) -> ApiToken:
    token = ApiToken.objects.select_related("user").filter(pk=pk).first()
    if token is None or not ApiTokenPolicy.can_manage_for(user, token.user):
        raise Http404
    return token


def token_for_key(key: str) -> ApiToken | None:
    """The active token with this key, or None; an inactive account's tokens do not work."""
    if not key or len(key) > 200:
        return None
    token = ApiToken.objects.select_related("user", "user__agency").filter(key_hash=key_hash(key)).first()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    return token


def national_export(*, user, plan, year: int):
    """The yearly export for the national system: official figures (accepted reports only).

    Readers of every agency's figures only (coordinators, leaders); others get a 404.
    """
    from ngvh.dashboard.selectors import task_rows
    from ngvh.reporting.models import AnnualReport, ReportLine, ReportStatus
    from ngvh.reporting.policies import ReportingYearPolicy
    from ngvh.reporting.selectors import reporting_rates

    from .national import NationalAgency, NationalExport, NationalTask, now_iso

    if not ReportingYearPolicy.can_view_rates(user):
        raise Http404
    rates = reporting_rates(plan=plan, year=year)
    if not rates.opened:
        raise Http404
    results: dict[int, list[str]] = {}
    accepted_lines = (
        ReportLine.objects.filter(report__reporting_year__plan=plan, report__reporting_year__year=year,
                                  report__status=ReportStatus.ACCEPTED)
        .exclude(results="").select_related("report__agency").order_by("task_id", "role", "report__agency__name")
    )
    for line in accepted_lines:
        results.setdefault(line.task_id, []).append(f"{line.report.agency.name}: {line.results}")
    texts = {
        r.agency_id: r for r in AnnualReport.objects.filter(reporting_year__plan=plan, reporting_year__year=year)
        .only("agency_id", "difficulties", "recommendations", "status")
    }
    agencies = []
    for a in rates.agencies:
        report = texts.get(a.agency_id)
        accepted = report is not None and report.status == ReportStatus.ACCEPTED
        agencies.append(NationalAgency(
            name=a.agency_name, report_status=a.status, submitted_on_time=a.on_time, accepted=a.accepted,
            difficulties=report.difficulties if accepted else "", recommendations=report.recommendations if accepted else "",
        ))
    return NationalExport(
        province=plan.province.name if plan.province_id else "",
        plan={"number": plan.number, "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
              "issuer": plan.issuer, "title": plan.title},
        year=year, deadline=rates.deadline.isoformat() if rates.deadline else None,
        reporting={"expected": rates.expected, "submitted": rates.submitted, "on_time": rates.on_time, "late": rates.late,
                   "accepted": rates.accepted, "returned": rates.returned,
                   "not_submitted": max(rates.expected - rates.submitted, 0)},
        generated_at=now_iso(),
        tasks=[NationalTask(code=r.code, group=r.group_code, title=r.title, lead=r.lead, status=r.status,
                            progress=r.progress, results="\n".join(results.get(r.task_id, []))) for r in task_rows(user=None, plan=plan, year=year)],
        agencies=agencies,
    )
