"""Reads of plans and tasks, scoped to the user.

Every page here runs a fixed number of queries whatever the number of tasks: the
assignments and their agencies come in one prefetch.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from ngvh.accounts.policies import is_signed_in
from ngvh.core.text import query_key

from .models import AssignmentRole, Plan, Task, TaskAssignment


def _visible_plans(user) -> QuerySet[Plan]:
    qs = Plan.objects.select_related("province")
    if not is_signed_in(user):
        qs = qs.filter(is_published=True)
    return qs


def plan_list(*, user) -> list[Plan]:
    return list(_visible_plans(user).defer("body"))


def plan_get(*, user, pk: int) -> Plan:
    plan = _visible_plans(user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def _assignments_prefetch() -> Prefetch:
    return Prefetch(
        "assignments",
        queryset=TaskAssignment.objects.select_related("agency", "origin__agency").order_by("role", "order", "id"),
    )


def task_list(*, plan: Plan, group: str = "", agency_id: int | None = None, q: str = "") -> list[Task]:
    qs = (
        plan.tasks.filter(retired_on__isnull=True)
        .select_related("group")
        .prefetch_related(_assignments_prefetch())
        .order_by("order")
    )
    if group:
        qs = qs.filter(group__code=group)
    if agency_id:
        qs = qs.filter(assignments__agency_id=agency_id).distinct()
    if q:
        qs = qs.filter(search_text__contains=query_key(q))
    return list(qs)


def task_get(*, user, plan_id: int, code: str, version: int | None = None) -> Task:
    """The task as it stands now, or an earlier wording (``version``) kept by an amendment."""
    plan = plan_get(user=user, pk=plan_id)
    qs = Task.objects.filter(plan=plan, code=code)
    if version is not None:
        qs = qs.filter(version=version)
    task = (
        qs.select_related("group", "plan", "plan__province")
        .prefetch_related(_assignments_prefetch())
        .order_by("-version")
        .first()
    )
    if task is None:
        raise Http404
    return task


def plan_agencies(*, plan: Plan) -> list:
    from ngvh.agencies.models import Agency

    return list(Agency.objects.filter(assignments__task__plan=plan).distinct().order_by("name").only("id", "name"))


def task_search(*, user, q: str) -> list[Task]:
    key = query_key(q)
    if not key:
        return []
    plans = _visible_plans(user)
    return list(
        Task.objects.filter(plan__in=plans)
        .filter(Q(search_text__contains=key))
        .select_related("plan", "group")
        .prefetch_related(_assignments_prefetch())
        .order_by("plan_id", "order")[:200]
    )


# ---- import reviews ----------------------------------------------------------------------------


def import_review_list(*, user) -> list:
    """Drafts still waiting, newest first (closed reviews stay only in the history)."""
    from .models import ImportReview, ImportReviewStatus
    from .policies import ImportReviewPolicy

    if not ImportReviewPolicy.can_create(user):
        return []
    return list(
        ImportReview.objects.filter(status=ImportReviewStatus.DRAFT)
        .select_related("created_by", "target_plan")
        .defer("source_bytes", "source_lines")
        .order_by("-updated_at", "-id")[:50]
    )


def import_review_get(*, user, pk: int):
    from .models import ImportReview
    from .policies import ImportReviewPolicy

    review = ImportReview.objects.select_related("created_by", "target_plan__province", "plan").filter(pk=pk).first()
    if review is None or not ImportReviewPolicy.can_view(user, review):
        raise Http404
    return review


@dataclass
class UnknownAgency:
    name: str
    key: str
    agency_id: int | None  # mapped to this agency
    new: bool  # confirmed as a new agency
    suggestions: list  # agencies held, best match first

    @property
    def resolved(self) -> bool:
        return self.new or self.agency_id is not None


def rank_agencies(name: str, agencies: list, *, limit: int = 3) -> list:
    """Agencies held, ordered by how close their text key is to ``name``'s.

    Words shared count most (``Trung tâm Xúc tiến Đầu tư`` against ``Trung tâm Xúc tiến
    Đầu tư, Thương mại và Du lịch``); the character ratio breaks ties and catches typos.
    """
    from difflib import SequenceMatcher

    from ngvh.core.text import agency_key

    key = agency_key(name)
    words = set(key.split())
    scored = []
    for agency in agencies:
        other = agency.name_key or agency_key(agency.name)
        other_words = set(other.split())
        shared = len(words & other_words) / max(len(words | other_words), 1)
        ratio = SequenceMatcher(None, key, other).ratio()
        score = 0.6 * shared + 0.4 * ratio
        if score >= 0.3:
            scored.append((score, agency.name, agency))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [agency for _, _, agency in scored[:limit]]


@dataclass
class ReviewPage:
    review: object
    province: object
    agencies: list  # the province's agencies, by name
    tasks: list[dict]
    rows: list[dict]  # group headings and tasks, in document order
    unknown: list[UnknownAgency]
    general_warnings: list[str]
    source: list[dict]
    flagged: int = 0
    # A draft that replaces or amends a stored plan: what it changes, and whether the plan
    # is in use (then the changes are recorded as an amendment, not a replacement).
    changes: list | None = None
    target_in_use: bool = False

    @property
    def unresolved(self) -> list[UnknownAgency]:
        return [u for u in self.unknown if not u.resolved]


def _warning_text(warning: dict) -> str:
    from django.utils.translation import gettext as _

    from .messages import warning_text

    if warning.get("code") == "unknown_agency":  # a review warning kept among an older draft's warnings
        params = warning.get("params") or {}
        return _("Agency not in the registry: “%(name)s”. Map it to an agency held or confirm it as new.") % {
            "name": params.get("name", "")
        }
    from ngvh.core.messages import registered

    text = warning_text(warning)
    if warning.get("code") and warning["code"] not in registered():
        return text  # an older draft's own code: its words, no line
    where = warning.get("line")
    return (_("line %(line)s: %(text)s") % {"line": where, "text": text}) if where else text


def _source_for(task: dict, source: list[dict]) -> dict | None:
    if task.get("source"):
        for entry in source:
            if task["source"] in entry["refs"]:
                return entry
    row = task.get("source_row")
    if row is None:
        return None
    candidates = [e for e in source if "cells" in e and e["number"] == row]
    for entry in candidates:
        if task.get("title") and task["title"][:20] in " ".join(entry["cells"]):
            return entry
    return candidates[0] if candidates else None


def import_review_page(*, review) -> ReviewPage:
    """Everything the review page shows, in a fixed number of queries."""
    from .services import review_known_keys, review_province, review_tasks

    province = review_province(review)
    known = review_known_keys(province)
    agencies = sorted({a.pk: a for a in known.values()}.values(), key=lambda a: a.name)
    data = review.parsed
    unknown = _unknown_agencies(review, known, agencies)
    by_task: dict[str, list[str]] = {}
    general: list[str] = []
    for warning in data.get("needs_review", []):
        if warning.get("task_code"):
            by_task.setdefault(warning["task_code"], []).append(_warning_text(warning))
        elif warning.get("code") != "unknown_agency":
            general.append(_warning_text(warning))
    general.extend(_warning_text(w) for w in data.get("warnings", []))
    tasks = review_tasks(data, review.corrections)
    source = review.source_lines or []
    rows, flagged = _review_rows(data, tasks, by_task, {u.key for u in unknown}, source)
    page = ReviewPage(
        review=review, province=province, agencies=agencies, tasks=tasks, rows=rows, unknown=unknown,
        general_warnings=general, source=source, flagged=flagged,
    )
    _add_amendment_view(page, review)
    return page


def _unknown_agencies(review, known: dict, agencies: list) -> list[UnknownAgency]:
    from ngvh.core.text import agency_key

    from .services import review_unknown_names

    unknown = []
    for name in review_unknown_names(review.parsed, review.corrections, set(known)):
        key = agency_key(name)
        choice = review.agency_map.get(key, {})
        unknown.append(
            UnknownAgency(name=name, key=key, agency_id=choice.get("agency"), new=bool(choice.get("new")), suggestions=rank_agencies(name, agencies))
        )
    return unknown


def _review_rows(data: dict, tasks: list[dict], by_task: dict, unknown_keys: set, source: list) -> tuple[list[dict], int]:
    """Group headings and tasks in document order, each task with what to check; and how
    many tasks have something to check."""
    from django.utils.translation import gettext as _

    from ngvh.core.text import agency_key

    from .models import TimeframeKind

    groups = {g["code"]: g for g in data.get("groups", [])}
    rows: list[dict] = []
    current = None
    flagged = 0
    for task in tasks:
        flags = list(by_task.get(data["tasks"][task["index"]]["code"], []))
        for name in [task.get("lead"), *task.get("coordinators", [])]:
            if name and agency_key(name) in unknown_keys:
                flags.append(_("Unknown agency: “%(name)s”.") % {"name": name})
        if (task.get("timeframe_text") and "timeframe_text" not in task["corrected"]
                and task.get("timeframe_kind") == TimeframeKind.UNSPECIFIED):
            flags.append(_("The timeframe “%(text)s” could not be read.") % {"text": task["timeframe_text"]})
        if not task.get("lead"):
            flags.append(_("No lead agency was read."))
        task["flags"] = flags
        task["coordinators_text"] = "\n".join(task.get("coordinators", []))
        task["source_entry"] = _source_for(data["tasks"][task["index"]], source)
        flagged += bool(flags)
        if task["group"] != current:
            current = task["group"]
            rows.append({"group": groups.get(current, {"code": current, "title": ""})})
        rows.append({"task": task})
    return rows, flagged


def _add_amendment_view(page: ReviewPage, review) -> None:
    """For a draft against a stored plan: what it changes, and whether the plan is in use."""
    from .models import ImportReviewStatus

    if review.target_plan_id is None or review.status != ImportReviewStatus.DRAFT:
        return
    from .amendments import document_changes
    from .parsed import PlanParseError
    from .services import ReviewError, review_corrected

    try:
        corrected = review_corrected(review=review, require_resolved=False)
    except (ReviewError, PlanParseError):
        corrected = None  # the import itself will say why
    if corrected is not None:
        page.changes = document_changes(plan_stored_tasks(plan=review.target_plan), corrected.tasks)
    page.target_in_use = plan_in_use(plan=review.target_plan)


def plan_stored_tasks(*, plan: Plan) -> list:
    """The plan's current tasks as a document would write them (``amendments.StoredTask``)."""
    from .amendments import StoredTask
    from .parsed import Timeframe

    tasks = (
        Task.objects.filter(plan=plan, retired_on__isnull=True)
        .select_related("group")
        .prefetch_related(Prefetch("assignments", queryset=TaskAssignment.objects.filter(active_until__isnull=True)
                                   .select_related("agency").order_by("order", "id")))
        .order_by("order", "id")
    )
    out = []
    for task in tasks:
        lead = next((a.agency.name for a in task.assignments.all() if a.role == AssignmentRole.LEAD), None)
        coordinators = tuple(a.agency.name for a in task.assignments.all() if a.role != AssignmentRole.LEAD)
        timeframe = Timeframe(task.timeframe_kind, task.timeframe_start, task.timeframe_end, task.timeframe_quarter,
                              task.timeframe_text)
        out.append(StoredTask(code=task.code, group=task.group.code, title=task.title, timeframe=timeframe,
                              lead=lead, coordinators=coordinators))
    return out


def plan_in_use(*, plan: Plan) -> bool:
    """Reports or activities point at the plan's tasks: it can be amended, not replaced."""
    # upward: whether a plan is in use is whether the higher apps point at its tasks
    from ngvh.activities.models import Activity
    from ngvh.reporting.models import ReportLine

    return ReportLine.objects.filter(task__plan=plan).exists() or Activity.objects.filter(tasks__plan=plan).exists()


# ---- the task page -------------------------------------------------------------------------


@dataclass
class TaskPage:
    task: Task
    years: list  # reporting_figures.YearStatus, oldest first (official figures)
    activities: list
    activity_years: list[int]
    activity_agencies: list[tuple[int, str]]
    lines: list  # report lines of every agency the user may read, newest year first
    attachments: list
    can_record: bool
    year: int | None = None
    agency_id: int | None = None


def task_page(*, user, task: Task, year: int | None = None, agency_id: int | None = None) -> TaskPage:
    """What the task page shows besides the task itself, in a fixed number of queries.

    Activities (every year, or the one asked for) and their evidence follow the activity
    and attachment policies; report lines follow the report rule (coordinators and
    leaders read every line, an agency its own lines and the accepted lines of the
    others; nobody signed out reads any). The statuses are the official figures of
    ``reporting.figures``.
    """
    # upward: the task page gathers the task's activities, report lines and official status
    from ngvh.activities.models import Activity, Attachment
    from ngvh.activities.policies import ActivityPolicy, AttachmentPolicy
    from ngvh.reporting.figures import task_status_by_year
    from ngvh.reporting.policies import ReportLinePolicy, ReportPolicy

    versions = Task.objects.filter(plan_id=task.plan_id, code=task.code).values("id")
    activities: list = []
    years: list[int] = []
    agencies: list[tuple[int, str]] = []
    attachments: list = []
    rule = ActivityPolicy.visible_q(user)
    if rule is not None:
        links = Activity.tasks.through.objects.filter(task_id__in=versions).values("activity_id")
        base = Activity.objects.filter(rule).filter(pk__in=links)
        facets = list(base.values_list("year", "agency_id", "agency__name").distinct().order_by())
        years = sorted({y for y, _, _ in facets}, reverse=True)
        agencies = sorted({(a, n) for _, a, n in facets}, key=lambda pair: pair[1])
        qs = base
        if year:
            qs = qs.filter(year=year)
        if agency_id:
            qs = qs.filter(agency_id=agency_id)
        activities = list(
            qs.select_related("agency").defer("search_text", "description").order_by("-start_date", "-id")[:200]
        )
        attachment_rule = AttachmentPolicy.visible_q(user)
        if activities and attachment_rule is not None:
            attachments = list(
                Attachment.objects.filter(attachment_rule)
                .filter(activity_id__in=[a.pk for a in activities])
                .select_related("activity")
                .order_by("-activity__start_date", "id")
            )
    lines = list(
        ReportLinePolicy.visible(user)
        .filter(task_id__in=versions)
        .select_related("report__agency", "report__reporting_year")
        .order_by("-report__reporting_year__year", "report__agency__name", "id")
    )
    for line in lines:
        line.report_visible = ReportPolicy.can_view(user, line.report)
    agency_ids = [a.agency_id for a in task.assignments.all()]
    return TaskPage(
        task=task,
        years=task_status_by_year(plan=task.plan, code=task.code),
        activities=activities,
        activity_years=years,
        activity_agencies=agencies,
        lines=lines,
        attachments=attachments,
        can_record=ActivityPolicy.can_record_for_task(user, agency_ids),
        year=year,
        agency_id=agency_id,
    )


# ---- search ----------------------------------------------------------------------------------


@dataclass
class Passage:
    plan: Plan
    section_code: str
    section_title: str
    text: str


@dataclass
class SearchResults:
    q: str
    tasks: list
    passages: list[Passage]
    activities: list

    @property
    def total(self) -> int:
        return len(self.tasks) + len(self.passages) + len(self.activities)


def _body_keys(plan: Plan) -> list[tuple[str, str, str, str]]:
    """``(section code, section title, text, key)`` for every title and paragraph of the
    plan's body; cached per plan content, since building keys costs more than matching."""
    from django.core.cache import cache

    from ngvh.core.text import search_key

    cache_key = f"plan-body-keys:{plan.pk}:{plan.version}:{plan.content_sha256}"
    found = cache.get(cache_key)
    if found is None:
        found = []
        for section in plan.body or []:
            code, title = str(section.get("code", "")), str(section.get("title", ""))
            for text in [title, *section.get("paragraphs", [])]:
                if text:
                    found.append((code, title, str(text), search_key(str(text))))
        cache.set(cache_key, found, 24 * 3600)
    return found


def search(*, user, q: str, limit: int = 100) -> SearchResults:
    """Tasks, passages of the plans' text and activities matching ``q``, diacritics optional
    (``le hoi`` finds ``Lễ hội Hoa Phượng Đỏ``), within what the user may read.

    Four queries whatever the number of matches: plans with their text, tasks (and their
    assignments), activities with their agency.
    """
    # upward: the search page also finds activities, read by the activity rule
    from ngvh.activities.selectors import visible_activities

    key = query_key(q)
    if not key:
        return SearchResults(q=q, tasks=[], passages=[], activities=[])
    plans = list(_visible_plans(user).only("id", "number", "title", "body", "version", "content_sha256", "province_id", "province__name"))
    passages = []
    for plan in plans:
        for code, title, text, text_key in _body_keys(plan):
            if key in text_key:
                passages.append(Passage(plan=plan, section_code=code, section_title=title, text=text))
                if len(passages) >= limit:
                    break
    plan_ids = [p.pk for p in plans]
    tasks = list(
        Task.objects.filter(plan_id__in=plan_ids, retired_on__isnull=True, search_text__contains=key)
        .select_related("plan", "group")
        .prefetch_related(_assignments_prefetch())
        .order_by("plan_id", "order")[:limit]
    )
    activities = list(
        visible_activities(user)
        .filter(plan_id__in=plan_ids, search_text__contains=key)
        .select_related("agency", "plan")
        .defer("search_text", "description", "outcome")
        .order_by("-start_date", "-id")[:limit]
    )
    return SearchResults(q=q, tasks=tasks, passages=passages, activities=activities)
