"""What the public site shows, and nothing else.

Every query here filters to what may be public: published plans, official figures (accepted
reports only), activities marked public that are done and counted by an accepted report,
published news. No personal field (names of officers, e-mails, evidence) is ever selected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from ngvh.activities.models import Activity, ActivityStatus, ForeignPartner, PartnerKind
from ngvh.dashboard import selectors as dashboard_selectors
from ngvh.plans.models import Plan, Task, TaskGroup
from ngvh.reporting.models import ReportingYear, ReportLine, ReportStatus
from ngvh.reporting.task_status import DONE

from .models import NewsArticle, NewsStatus

PUBLIC_ACTIVITY_FIELDS = (
    "id", "plan_id", "title", "kind", "start_date", "end_date", "place_name", "place_country", "outcome", "published_at",
)


def public_plans() -> list[Plan]:
    return list(Plan.objects.filter(is_published=True).select_related("province").defer("body").order_by("-issued_on", "id"))


def public_plan(*, pk: int) -> Plan:
    plan = Plan.objects.filter(is_published=True, pk=pk).select_related("province").defer("body").first()
    if plan is None:
        raise Http404
    return plan


def public_years(*, plan: Plan) -> list[int]:
    return list(ReportingYear.objects.filter(plan=plan).order_by("-year").values_list("year", flat=True))


@dataclass
class GroupProgress:
    code: str
    title: str
    rows: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    done: int = 0

    @property
    def total(self) -> int:
        return len(self.rows)


def public_progress(*, plan: Plan, year: int) -> tuple[list[GroupProgress], dict[str, int]]:
    """Each group's tasks with their official status (accepted reports only), and the totals."""
    rows = dashboard_selectors.task_rows(user=None, plan=plan, year=year)
    groups = {g.id: GroupProgress(code=g.code, title=g.title) for g in TaskGroup.objects.filter(plan=plan).order_by("order", "id")}
    for row in rows:
        group = groups[row.group_id]
        group.rows.append(row)
    for group in groups.values():
        group.counts = dashboard_selectors.status_counts(group.rows)
        group.done = sum(1 for r in group.rows if r.status in DONE)
    return [g for g in groups.values() if g.rows], dashboard_selectors.status_counts(rows)


def _accepted_line():
    return ReportLine.objects.filter(activities=OuterRef("pk"), report__status=ReportStatus.ACCEPTED)


def public_activities(*, plan_id: int | None = None, year: int | None = None) -> QuerySet[Activity]:
    qs = (
        Activity.objects.filter(published_at__isnull=False, status=ActivityStatus.DONE, plan__is_published=True)
        .filter(Exists(_accepted_line()))
        .only(*PUBLIC_ACTIVITY_FIELDS)
        .prefetch_related("countries")
        .order_by("-start_date", "-id")
    )
    if plan_id:
        qs = qs.filter(plan_id=plan_id)
    if year:
        qs = qs.filter(start_date__year=year)
    return qs


def public_activity(*, pk: int) -> Activity:
    activity = public_activities().filter(pk=pk).first()
    if activity is None:
        raise Http404
    return activity


def public_events(*, start: dt.date, end: dt.date) -> list[Activity]:
    return list(public_activities().filter(start_date__lte=end, end_date__gte=start).order_by("start_date", "id"))


def public_partners() -> list[ForeignPartner]:
    return list(ForeignPartner.objects.filter(kind=PartnerKind.LOCALITY).order_by("country", "name"))


def public_articles() -> QuerySet[NewsArticle]:
    return (
        NewsArticle.objects.filter(status=NewsStatus.PUBLISHED)
        .select_related("partner")
        .prefetch_related("translations")
        .defer("created_by")
        .order_by("-published_at", "-id")
    )


def public_article(*, pk: int) -> NewsArticle:
    article = public_articles().filter(pk=pk).first()
    if article is None:
        raise Http404
    return article


def open_tasks(*, plan: Plan) -> list[Task]:
    return list(
        Task.objects.filter(plan=plan, retired_on__isnull=True).select_related("group")
        .prefetch_related("assignments__agency").order_by("group__order", "order")
    )


def managed_articles(*, user) -> QuerySet[NewsArticle]:
    from .policies import NewsArticlePolicy

    if not NewsArticlePolicy.can_manage(user):
        raise Http404
    return NewsArticle.objects.select_related("partner").prefetch_related("translations").order_by("-created_at", "-id")


def managed_article(*, user, pk: int) -> NewsArticle:
    article = managed_articles(user=user).filter(pk=pk).first()
    if article is None:
        raise Http404
    return article


