"""Reads of activities, scoped to the user by ``ActivityPolicy.visible_q``.

The list runs a fixed number of queries whatever the number of activities: one count,
one page of rows with their agency, one prefetch each for tasks and countries. Filters
on tasks and groups go through ``IN (subquery)`` on the link table, never a join that
would need DISTINCT over a million rows.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from ngvh.core.text import query_key

from .models import Activity, ActivityCountry, Attachment, CalendarToken
from .policies import ActivityPolicy, AttachmentPolicy, CalendarTokenPolicy

PER_PAGE = 50
SORTS = {
    "newest": ("-start_date", "-id"),
    "oldest": ("start_date", "id"),
    "title": ("title", "id"),
    "budget": ("-budget_state", "-id"),
}


@dataclass
class ActivityFilters:
    plan_id: int | None = None
    year: int | None = None
    task_id: int | None = None
    group_id: int | None = None
    agency_id: int | None = None
    kind: str = ""
    country: str = ""
    status: str = ""
    q: str = ""
    sort: str = "newest"

    @property
    def active(self) -> bool:
        return any([self.year, self.task_id, self.group_id, self.agency_id, self.kind, self.country, self.status, self.q])


def visible_activities(user) -> QuerySet[Activity]:
    rule = ActivityPolicy.visible_q(user)
    if rule is None:
        return Activity.objects.none()
    return Activity.objects.filter(rule)


def filtered_activities(*, user, filters: ActivityFilters) -> QuerySet[Activity]:
    qs = visible_activities(user)
    if filters.plan_id:
        qs = qs.filter(plan_id=filters.plan_id)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.agency_id:
        qs = qs.filter(agency_id=filters.agency_id)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    links = Activity.tasks.through.objects
    if filters.task_id:
        qs = qs.filter(pk__in=links.filter(task_id=filters.task_id).values("activity_id"))
    if filters.group_id:
        qs = qs.filter(pk__in=links.filter(task__group_id=filters.group_id).values("activity_id"))
    if filters.country:
        qs = qs.filter(pk__in=ActivityCountry.objects.filter(code=filters.country.upper()).values("activity_id"))
    if filters.q:
        key = query_key(filters.q)
        if key:
            qs = qs.filter(search_text__contains=key)
    return qs.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


def _with_relations(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    from ngvh.plans.models import Task

    return qs.select_related("agency").prefetch_related(
        Prefetch("tasks", queryset=Task.objects.only("id", "code", "plan_id", "order").order_by("order")),
        Prefetch("countries", queryset=ActivityCountry.objects.order_by("code")),
    )


def activity_page(*, user, filters: ActivityFilters, page: int | str = 1, per_page: int = PER_PAGE):
    """One page of the list and the total: exactly four queries (count, rows, tasks, countries)."""
    qs = filtered_activities(user=user, filters=filters).defer("search_text", "description", "outcome")
    paginator = Paginator(_with_relations(qs), per_page)
    return paginator.get_page(page)


def activity_rows_for_export(*, user, filters: ActivityFilters):
    """Every matching activity, streamed in chunks with their links (for .xlsx/.csv)."""
    from ngvh.agencies.models import Agency

    qs = filtered_activities(user=user, filters=filters).defer("search_text")
    return _with_relations(qs).prefetch_related(
        Prefetch("partner_agencies", queryset=Agency.objects.only("id", "name"))
    ).iterator(chunk_size=2000)


def activity_get(*, user, pk: int) -> Activity:
    from ngvh.plans.models import Task

    activity = (
        visible_activities(user)
        .filter(pk=pk)
        .select_related("agency", "plan", "created_by")
        .prefetch_related(
            Prefetch("tasks", queryset=Task.objects.select_related("group").order_by("order")),
            "partner_agencies",
            "foreign_partners",
            Prefetch("countries", queryset=ActivityCountry.objects.order_by("code")),
        )
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def activity_get_for_edit(*, user, pk: int) -> Activity:
    """The activity if the user may change it; 404 otherwise, as if it did not exist."""
    activity = activity_get(user=user, pk=pk)
    if not ActivityPolicy.can_edit(user, activity):
        raise Http404
    return activity


def attachments_for(*, user, activity: Activity) -> list[Attachment]:
    rule = AttachmentPolicy.visible_q(user)
    if rule is None:
        return []
    return list(activity.attachments.filter(rule).select_related("uploaded_by"))


def attachment_get(*, user, pk: int) -> Attachment:
    rule = AttachmentPolicy.visible_q(user)
    if rule is None:
        raise Http404
    attachment = (
        Attachment.objects.filter(rule).filter(pk=pk).select_related("activity").first()
    )
    if attachment is None:
        raise Http404
    return attachment


def activity_history(*, activity: Activity) -> list:
    return list(activity.history.select_related("history_user").order_by("-history_date")[:50])


# ---- calendar ---------------------------------------------------------------------------


@dataclass
class MonthCalendar:
    year: int
    month: int
    weeks: list[list[dict]]
    activities: list[Activity]
    prev: tuple[int, int]
    next: tuple[int, int]

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)


def month_calendar(*, user, year: int, month: int, plan_id: int | None = None, agency_id: int | None = None) -> MonthCalendar:
    """A month grid (Monday first) with each day's activities: one query."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    qs = visible_activities(user).filter(start_date__lte=last, end_date__gte=first)
    if plan_id:
        qs = qs.filter(plan_id=plan_id)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    activities = list(
        qs.select_related("agency").only(
            "id", "title", "status", "kind", "start_date", "end_date", "is_demo", "agency__name", "agency__short_name"
        ).order_by("start_date", "id")[:1000]
    )
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                {
                    "date": day,
                    "in_month": day.month == month,
                    "activities": [a for a in activities if a.start_date <= day <= a.end_date] if day.month == month else [],
                }
                for day in week
            ]
        )
    prev = (year - 1, 12) if month == 1 else (year, month - 1)
    nxt = (year + 1, 1) if month == 12 else (year, month + 1)
    return MonthCalendar(year, month, weeks, activities, prev, nxt)


def calendar_token_get(*, token: str) -> CalendarToken:
    """The subscription for a token, or 404 (wrong, reset, or its owner deactivated)."""
    if not token or len(token) > 64:
        raise Http404
    found = CalendarToken.objects.select_related("user", "plan", "agency").filter(token=token).first()
    if found is None or not CalendarTokenPolicy.feed_active(found):
        raise Http404
    return found


def calendar_tokens_for(*, user, plan) -> dict:
    """The user's subscriptions on a plan: {agency_id or None: token}."""
    return {t.agency_id: t for t in CalendarToken.objects.filter(user=user, plan=plan)}


def feed_activities(*, token: CalendarToken, today: dt.date | None = None) -> list[Activity]:
    """What the token's owner may see, from two years back, at most 2,000 events."""
    today = today or dt.date.today()
    qs = visible_activities(token.user).filter(plan=token.plan, end_date__gte=dt.date(today.year - 2, 1, 1))
    if token.agency_id:
        qs = qs.filter(agency_id=token.agency_id)
    return list(qs.select_related("agency").order_by("start_date", "id")[:2000])
