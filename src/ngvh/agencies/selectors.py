"""Reads of the agency registry, already scoped to what the user may see.

The directory is public information (who is responsible for what), so every user,
signed in or not, sees the same agencies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Agency, AgencyAlias, RestructuringEvent, RestructuringKind
from .policies import RestructuringEventPolicy


def agency_list(*, user, province_id: int | None = None, q: str = "") -> QuerySet[Agency]:
    qs = Agency.objects.select_related("province").annotate(
        lead_count=Count("assignments", filter=Q(assignments__role="lead", assignments__active_until__isnull=True), distinct=True),
        coordinator_count=Count(
            "assignments", filter=Q(assignments__role="coordinator", assignments__active_until__isnull=True), distinct=True
        ),
    )
    if province_id:
        qs = qs.filter(province_id=province_id)
    if q:
        qs = qs.filter(pk__in=_agency_ids_matching(q, province_id=province_id))
    return qs.order_by("province__name", "name")


def _agency_ids_matching(q: str, *, province_id: int | None) -> list[int]:
    """Agencies whose name, short name or an alias contains the query, with or without diacritics.

    The stored keys keep the tones, so a query typed without them (``van hoa``) is matched
    here against each name's search key; a province holds a few hundred agencies at most,
    so two small queries beat a second stored key per row.
    """
    from ngvh.core.text import agency_key, query_key, search_key

    wanted = {query_key(q), query_key(agency_key(q))} - {""}
    if not wanted:
        return []
    agencies = Agency.objects.all()
    aliases = AgencyAlias.objects.all()
    if province_id:
        agencies = agencies.filter(province_id=province_id)
        aliases = aliases.filter(agency__province_id=province_id)
    texts: list[tuple[int, str]] = []
    for pk, name, short in agencies.values_list("pk", "name", "short_name"):
        texts += [(pk, name), (pk, agency_key(name)), (pk, short)]
    for pk, alias in aliases.values_list("agency_id", "alias"):
        texts += [(pk, alias), (pk, agency_key(alias))]
    return sorted({pk for pk, text in texts if text and any(w in search_key(text) for w in wanted)})


def agency_get(*, user, pk: int) -> Agency:
    # upward: an agency's page lists the tasks it holds, which plans record
    from ngvh.plans.models import TaskAssignment

    assignments = TaskAssignment.objects.select_related("task", "task__plan", "task__group").order_by(
        "task__plan_id", "task__order"
    )
    qs = Agency.objects.select_related("province", "parent").prefetch_related(
        "aliases", Prefetch("assignments", queryset=assignments)
    )
    return get_object_or_404(qs, pk=pk)


# ---- successions ------------------------------------------------------------------------


@dataclass(frozen=True)
class LineageStep:
    """One restructuring seen from one agency: the others on the far side, and when."""

    event: RestructuringEvent
    kind: str
    date: dt.date
    agencies: list[Agency]

    @property
    def kind_label(self) -> str:
        return RestructuringKind(self.kind).label

    @property
    def is_rename(self) -> bool:
        return self.kind == RestructuringKind.RENAME

    @property
    def is_merge(self) -> bool:
        return self.kind == RestructuringKind.MERGE

    @property
    def is_split(self) -> bool:
        return self.kind == RestructuringKind.SPLIT


@dataclass(frozen=True)
class Lineage:
    predecessors: list[LineageStep] = field(default_factory=list)  # events that formed or fed this agency
    successors: list[LineageStep] = field(default_factory=list)  # events that ended it

    def __bool__(self) -> bool:
        return bool(self.predecessors or self.successors)


def _live_events() -> QuerySet[RestructuringEvent]:
    return RestructuringEvent.objects.filter(undone_at__isnull=True)


def agency_lineage(agency: Agency) -> Lineage:
    """Direct predecessors and successors of an agency, with the dates (two queries).

    ``predecessors``: the steps in which this agency took over others ("formerly ...");
    ``successors``: the steps in which it passed its tasks on ("merged into ... on").
    Undone events are ignored. Follow the chain by calling again on the agencies listed.
    """
    incoming = _live_events().filter(successors=agency).prefetch_related("predecessors").order_by("effective_date", "id")
    outgoing = _live_events().filter(predecessors=agency).prefetch_related("successors").order_by("effective_date", "id")
    return Lineage(
        predecessors=[LineageStep(e, e.kind, e.effective_date, sorted(e.predecessors.all(), key=lambda a: a.name)) for e in incoming],
        successors=[LineageStep(e, e.kind, e.effective_date, sorted(e.successors.all(), key=lambda a: a.name)) for e in outgoing],
    )


def _next_event(agency_id: int, date: dt.date) -> RestructuringEvent | None:
    return (
        _live_events()
        .filter(predecessors__id=agency_id, effective_date__lte=date)
        .prefetch_related("successors")
        .order_by("effective_date", "id")
        .first()
    )


def agency_successor_as_of(agency: Agency, date: dt.date, *, task=None) -> Agency | None:
    """The agency answering for ``agency``'s duties on ``date``, following chained events.

    Returns ``agency`` itself when nothing had happened to it by then. A split shares the
    tasks out, so it is resolved only with ``task`` (the coordinator's choice for that
    task); without one, a split gives ``None`` — use :func:`agency_successors_as_of`.
    """
    current = agency
    seen: set[int] = set()
    while current.pk not in seen:
        seen.add(current.pk)
        event = _next_event(current.pk, date)
        if event is None:
            return current
        successors = list(event.successors.all())
        if event.kind == RestructuringKind.SPLIT:
            if task is None:
                return None
            chosen = (event.task_choices or {}).get(str(getattr(task, "pk", task)))
            current = next((a for a in successors if a.pk == chosen), None)
            if current is None:
                return None
        else:
            current = successors[0]
    return current


def agency_successors_as_of(agency: Agency, date: dt.date) -> list[Agency]:
    """Every agency that holds part of ``agency``'s duties on ``date`` (splits branch)."""
    result: list[Agency] = []
    stack = [agency]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if current.pk in seen:
            continue
        seen.add(current.pk)
        event = _next_event(current.pk, date)
        if event is None:
            result.append(current)
        else:
            stack.extend(event.successors.all())
    return sorted(result, key=lambda a: a.name)


def restructuring_list(*, user) -> list[RestructuringEvent]:
    if not RestructuringEventPolicy.can_view(user):
        raise Http404
    return list(
        RestructuringEvent.objects.select_related("recorded_by", "undone_by", "province")
        .prefetch_related("predecessors", "successors")
        .order_by("-effective_date", "-id")
    )


def restructuring_get(*, user, pk: int) -> RestructuringEvent:
    event = (
        RestructuringEvent.objects.select_related("recorded_by", "undone_by", "province")
        .prefetch_related("predecessors", "successors")
        .filter(pk=pk)
        .first()
    )
    if event is None or not RestructuringEventPolicy.can_view(user, event):
        raise Http404
    return event


def agency_choices(*, province_id: int | None = None) -> QuerySet[Agency]:
    qs = Agency.objects.select_related("province").order_by("name")
    if province_id:
        qs = qs.filter(province_id=province_id)
    return qs


def restructuring_moves(*, event: RestructuringEvent) -> list:
    """The assignments an event opened, with the row each came from (one query)."""
    # upward: a restructuring moves task assignments, which plans record
    from ngvh.plans.models import TaskAssignment

    ids = (event.changes or {}).get("created", [])
    return list(
        TaskAssignment.objects.filter(pk__in=ids)
        .select_related("task", "task__plan", "agency", "origin__agency")
        .order_by("task__plan_id", "task__order", "role")
    )


# ---- the agency page's work by year ---------------------------------------------------------


@dataclass
class AgencyYear:
    year: int
    activities: list
    reports: list


def agency_work_by_year(*, user, agency: Agency, limit: int = 500) -> list[AgencyYear]:
    """The agency's activities and annual reports, grouped by year, newest first.

    Each follows its own reading rule (activities: ``ActivityPolicy``; reports: the
    report rule, so a visitor or another agency sees none). Two queries.
    """
    # upward: the agency page shows its activities and reports, each read by its own rule
    from ngvh.activities.selectors import visible_activities
    from ngvh.reporting.policies import ReportPolicy

    activities = list(
        visible_activities(user)
        .filter(agency=agency)
        .select_related("plan")
        .only("id", "title", "status", "kind", "start_date", "end_date", "year", "is_demo", "plan__id", "plan__number")
        .order_by("-start_date", "-id")[:limit]
    )
    reports = list(
        ReportPolicy.of_agency(user, agency.pk)
        .select_related("reporting_year", "reporting_year__plan")
        .order_by("-reporting_year__year", "reporting_year__plan_id")
    )
    years: dict[int, AgencyYear] = {}
    for activity in activities:
        years.setdefault(activity.year, AgencyYear(activity.year, [], [])).activities.append(activity)
    for report in reports:
        year = report.reporting_year.year
        years.setdefault(year, AgencyYear(year, [], [])).reports.append(report)
    return [years[y] for y in sorted(years, reverse=True)]
