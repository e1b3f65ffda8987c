"""Building and editing the city's consolidated annual report.

The build reads the accepted reports once and stores the result as plain data; the
renderers never touch the database, so the .docx, the .xlsx and the page always show the
same stored content.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from ngvh.activities.figures import activity_figures
from ngvh.budget import report as budget_report
from ngvh.budget.selectors import plan_budget_comparison
from ngvh.core.messages import Message, MessageError
from ngvh.plans.models import Plan, Task, TaskAssignment, TimeframeKind
from ngvh.reporting import figures as official_figures
from ngvh.reporting.task_status import STATUS_ORDER

from . import selectors
from .models import Consolidation
from .policies import ConsolidationPolicy
from .vocab import STATUS_VI, Locality, locality, reported_note, vn_int, vn_money


class NothingToConsolidate(MessageError):
    """No accepted report for the plan and year (or none of those chosen is accepted)."""

    def __init__(self, *, plan: Plan, year: int):
        self.plan, self.year = plan, year
        super().__init__(Message("documents.nothing_to_consolidate", {"plan": plan.number, "year": year}))


SETTINGS_FIELDS = (
    "number", "place", "issued_on", "parent_body", "issuing_body", "subject", "signer_form",
    "signer_authority", "signer_position", "signer_name", "recipients", "archive", "include_appendix",
)


def _default_subject(plan: Plan, year: int) -> str:
    """The year comes first: ``Kết quả năm 2026 thực hiện Kế hoạch số … đến năm 2030``; after
    ``đến năm 2030`` it would read as part of the strategy's name."""
    return (
        f"Kết quả năm {year} thực hiện Kế hoạch số {plan.number} ngày {plan.issued_on:%d/%m/%Y} "
        f"của {_locality(plan).issuer} triển khai Chiến lược Ngoại giao văn hóa đến năm 2030"
    )


def _timeframe(task: Task) -> str:
    if task.timeframe_text:
        return task.timeframe_text
    if task.timeframe_kind == TimeframeKind.PERIOD:
        return f"{task.timeframe_start}-{task.timeframe_end}"
    if task.timeframe_kind in (TimeframeKind.YEAR, TimeframeKind.QUARTER) and task.timeframe_start:
        return str(task.timeframe_start)
    # the same words as the pages: an unspecified timeframe is said, never left blank
    return {TimeframeKind.ANNUAL: "Hằng năm", TimeframeKind.AS_ARISING: "Theo các hoạt động, sự kiện phát sinh"}.get(
        task.timeframe_kind, "Không xác định"
    )


def _meta(consolidation: Consolidation) -> dict:
    c = consolidation
    return {
        "plan_number": c.plan.number,
        "plan_issued_on": c.plan.issued_on.isoformat(),
        "plan_title": c.plan.title,
        "year": c.year,
        "number": c.number,
        "place": c.place,
        "issued_on": c.issued_on.isoformat() if c.issued_on else "",
        "parent_body": c.parent_body,
        "issuing_body": c.issuing_body,
        "subject": c.subject or _default_subject(c.plan, c.year),
        "signer_form": c.signer_form,
        "signer_authority": c.signer_authority,
        "signer_position": c.signer_position,
        "signer_name": c.signer_name,
        "recipients": list(c.recipients or []),
        "archive": c.archive,
        "include_appendix": c.include_appendix,
    }


def build_content(*, consolidation: Consolidation, reports: list, rates: dict, figures: dict) -> dict:
    """Compose the content from the reports (lines prefetched) and the aggregate figures.

    Each part of the report has its builder below; this puts them in the content's shape
    (``documents.content``).
    """
    plan, year = consolidation.plan, consolidation.year
    official = {row.task_id: row.status for row in official_figures.task_rows(plan=plan, year=year)}
    tasks = list(Task.objects.filter(pk__in=official).select_related("group").order_by("group__order", "order"))
    gathered = _from_reports(reports)
    groups, by_status = _task_groups(tasks, official=official, lines_by_task=gathered["lines_by_task"],
                                     assignments=_assignments(plan, year))
    passages = _passages(plan=plan, year=year, reports=reports, tasks_total=len(tasks), by_status=by_status,
                         figures=figures, from_reports=gathered["passages"])
    return {
        "meta": _meta(consolidation),
        "overview": _overview(tasks_total=len(tasks), by_status=by_status, reports_used=len(reports), figures=figures),
        "groups": groups,
        "passages": passages,
        "indicators": {
            "by_kind": figures["by_kind"],
            "by_month": figures["by_month"],
            "countries": figures["countries"],
            "media": figures["media"],
        },
        "budget": _budget(plan_budget_comparison(plan=plan, year=year)),
        "difficulties": gathered["difficulties"],
        "recommendations": gathered["recommendations"],
        "next_year": gathered["next_year"],
        "completeness": rates,
        "reports": gathered["used"],
        "generated_at": timezone.localtime().isoformat(),
    }


def _assignments(plan: Plan, year: int) -> dict[int, dict[str, list[str]]]:
    """Each task's lead and coordinating agencies' names during that year: after a
    restructuring the report of a past year names who did the work then (and a mid-year
    successor too)."""
    assignments: dict[int, dict[str, list[str]]] = {}
    for task_id, role, name in (
        TaskAssignment.objects.filter(task__plan=plan)
        .filter(Q(active_from__isnull=True) | Q(active_from__lte=dt.date(year, 12, 31)))
        .filter(Q(active_until__isnull=True) | Q(active_until__gte=dt.date(year, 1, 1)))
        .order_by("role", "order", "id")
        .values_list("task_id", "role", "agency__name")
    ):
        assignments.setdefault(task_id, {"lead": [], "coordinator": []})[role].append(name)
    return assignments


def _from_reports(reports: list) -> dict:
    """What the accepted reports say: each task's lines, the agencies' passages (results,
    difficulties, recommendations), next year's planned activities, and the reports used."""
    lines_by_task: dict[int, list[dict]] = {}
    passages: list[dict] = []
    difficulties, recommendations, next_year, used = [], [], [], []
    for report in reports:
        agency = report.agency.name
        used.append(
            {
                "id": report.pk,
                "agency": agency,
                "submitted_at": timezone.localtime(report.submitted_at).isoformat() if report.submitted_at else "",
                "accepted_at": timezone.localtime(report.accepted_at).isoformat() if report.accepted_at else "",
            }
        )
        for line in report.lines.all():
            entry = {
                "agency": agency,
                "report_id": report.pk,
                "role": line.role,
                "status": line.status,
                "progress": line.progress,
                "results": line.results.strip(),
            }
            lines_by_task.setdefault(line.task_id, []).append(entry)
            if entry["results"]:
                passages.append(
                    {
                        "key": f"result-{report.pk}-{line.task.code}",
                        "kind": "result",
                        "agency": agency,
                        "report_id": report.pk,
                        "task_code": line.task.code,
                        "text": entry["results"],
                    }
                )
        if report.difficulties.strip():
            difficulties.append({"agency": agency, "report_id": report.pk, "text": report.difficulties.strip()})
            passages.append({"key": f"difficulties-{report.pk}", "kind": "difficulties", "agency": agency,
                             "report_id": report.pk, "task_code": "", "text": report.difficulties.strip()})
        if report.recommendations.strip():
            recommendations.append({"agency": agency, "report_id": report.pk, "text": report.recommendations.strip()})
            passages.append({"key": f"recommendations-{report.pk}", "kind": "recommendations", "agency": agency,
                             "report_id": report.pk, "task_code": "", "text": report.recommendations.strip()})
        for planned in report.planned_activities.all():
            next_year.append(
                {
                    "agency": agency,
                    "report_id": report.pk,
                    "title": planned.title,
                    "task_code": planned.task.code if planned.task_id else "",
                    "month": planned.expected_month,
                }
            )
    return {"lines_by_task": lines_by_task, "passages": passages, "difficulties": difficulties,
            "recommendations": recommendations, "next_year": next_year, "used": used}


def _task_groups(tasks: list[Task], *, official: dict, lines_by_task: dict, assignments: dict) -> tuple[list[dict], dict]:
    """The task groups with their tasks, and the number of tasks in each official status."""
    groups: list[dict] = []
    by_status = dict.fromkeys(STATUS_ORDER, 0)
    current = None
    for task in tasks:
        if current is None or current["code"] != task.group.code:
            current = {"code": task.group.code, "title": task.group.title, "tasks": []}
            groups.append(current)
        # the official status (every accepted report), the same as the dashboard and the public page
        status = official.get(task.pk, "")
        by_status[status] += 1
        roles = assignments.get(task.pk, {"lead": [], "coordinator": []})
        current["tasks"].append(
            {
                "code": task.code,
                "title": task.title,
                "lead": ", ".join(roles["lead"]),
                "coordinators": "; ".join([*roles["coordinator"], *(["Các đơn vị liên quan"] if task.related_units else [])]),
                "timeframe": _timeframe(task),
                "status": status,
                "status_label": STATUS_VI[status],
                "lines": lines_by_task.get(task.pk, []),
            }
        )
    return groups, by_status


def _passages(*, plan: Plan, year: int, reports: list, tasks_total: int, by_status: dict, figures: dict,
              from_reports: list[dict]) -> list[dict]:
    """Every editable passage: the introduction and the assessment, the agencies' own
    passages, then next year's directions."""
    done = by_status["done_on_time"] + by_status["done_late"] + by_status["done_no_deadline"]
    intro = (
        f"Thực hiện Kế hoạch số {plan.number} ngày {plan.issued_on:%d/%m/%Y} của {_locality(plan).issuer} "
        f"triển khai Chiến lược Ngoại giao văn hóa đến năm 2030, trên cơ sở báo cáo của {len(reports)} cơ quan, "
        f"đơn vị, kết quả thực hiện năm {year} được tổng hợp như sau:"
    )
    assessment = (
        f"Năm {year}, trong tổng số {tasks_total} nhiệm vụ của Kế hoạch, {done} nhiệm vụ đã hoàn thành "
        f"({by_status['done_on_time']} đúng hạn, {by_status['done_late']} quá hạn, {by_status['done_no_deadline']} "
        f"nhiệm vụ không có thời hạn), {by_status['in_progress']} nhiệm vụ đang thực hiện trong hạn, "
        f"{by_status['overdue']} nhiệm vụ quá hạn chưa hoàn thành, {by_status['not_arisen']} nhiệm vụ không phát sinh "
        f"trong kỳ. Các cơ quan, đơn vị đã tổ chức {vn_int(figures['count'])} hoạt động với "
        f"{vn_int(figures['participants'])} lượt người tham gia, trong đó {vn_int(figures['participants_foreign'])} "
        f"lượt người nước ngoài{reported_note(figures['participants_reported'], figures['count'])}; "
        f"tổng kinh phí {vn_money(figures['budget_total'])}."
    )
    directions = (
        f"Năm {year + 1}, tiếp tục triển khai các nhiệm vụ của Kế hoạch; tập trung hoàn thành các nhiệm vụ "
        "quá hạn và đang thực hiện; các cơ quan, đơn vị thực hiện các hoạt động đã đăng ký dưới đây."
    )

    def own(key: str, text: str) -> dict:
        return {"key": key, "kind": key, "agency": "", "report_id": None, "task_code": "", "text": text}

    passages = [own("intro", intro), own("assessment", assessment), *from_reports, own("directions", directions)]
    for p in passages:
        p["edited"] = False
    return passages


def _overview(*, tasks_total: int, by_status: dict, reports_used: int, figures: dict) -> dict:
    return {
        "tasks_total": tasks_total,
        "tasks_by_status": by_status,
        "reports_used": reports_used,
        "activities": figures["count"],
        "participants_reported": figures["participants_reported"],
        "participants": figures["participants"],
        "participants_foreign": figures["participants_foreign"],
        "budget_state": figures["budget_state"],
        "budget_private": figures["budget_private"],
        "budget_foreign": figures["budget_foreign"],
        "budget_total": figures["budget_total"],
        "countries": len(figures["countries"]),
    }


def _budget(comparison) -> dict:
    """The estimate-vs-actual comparison as the report's plain data, in Vietnamese whatever
    the builder's language: the .xlsx sheet's headers and rows, the .docx section, and the
    sources' figures for the section's summary table."""
    with translation.override("vi"):
        return {
            "year": comparison.year,
            "annex_headers": [list(pair) for pair in budget_report.xlsx_annex_headers()],
            "annex_rows": budget_report.xlsx_annex_rows(comparison),
            "section": budget_report.docx_section(comparison),
            "sources": [{"source": s["source"], "label": s["label"], "estimate": s["estimate"], "actual": s["actual"]}
                        for s in comparison.sources()],
        }


@transaction.atomic
def consolidation_build(
    *, user, plan: Plan, year: int, report_ids: list[int] | None = None, settings: dict | None = None, system: bool = False
) -> Consolidation:
    """Build (or rebuild) the consolidation from the chosen accepted reports.

    Edits to passages that still exist after the rebuild are kept; the settings given
    override the stored ones. ``system`` is the server operator's command line, which has
    no signed-in user.
    """
    if not system and not ConsolidationPolicy.can_build(user):
        raise PermissionDenied
    reports = selectors.reports_for_consolidation(plan=plan, year=year, report_ids=report_ids)
    if not reports:
        raise NothingToConsolidate(plan=plan, year=year)
    consolidation = Consolidation.objects.select_for_update().filter(plan=plan, year=year).first()
    created = consolidation is None
    if created:
        consolidation = Consolidation(plan=plan, year=year, **_default_settings(plan))
    for name, value in (settings or {}).items():
        if name in SETTINGS_FIELDS:
            setattr(consolidation, name, value)
    figures = activity_figures(plan_id=plan.pk, year=year).as_dict()
    rates = selectors.rates(plan=plan, year=year)
    consolidation.report_ids = [r.pk for r in reports]
    consolidation.content = build_content(consolidation=consolidation, reports=reports, rates=rates, figures=figures)
    # the reports left out because they were not accepted yet, for the page to warn about
    consolidation.content["unaccepted"] = selectors.unaccepted_reports(plan=plan, year=year)
    keys = {p["key"] for p in consolidation.content["passages"]}
    consolidation.edits = {k: v for k, v in (consolidation.edits or {}).items() if k in keys}
    consolidation.built_at = timezone.now()
    consolidation.built_by = user if getattr(user, "is_authenticated", False) else None
    consolidation._change_reason = "built" if created else "rebuilt"
    consolidation._history_user = user
    consolidation.save()
    return consolidation


def _locality(plan: Plan) -> Locality:
    return locality(issuer=plan.issuer, place=plan.place, province=plan.province.name)


def _default_settings(plan: Plan) -> dict:
    where = _locality(plan)
    return {
        "place": plan.place or where.name,
        "issued_on": timezone.localdate(),
        "issuing_body": (plan.issuer or where.issuer).upper(),
        "recipients": [
            "Bộ Ngoại giao",
            f"TTTU, TT HĐND {where.unit}",  # Thành ủy and Tỉnh ủy share the abbreviation
            f"CT, các PCT UBND {where.unit}",
            f"Các sở, ban, ngành {where.unit}",
        ],
    }


@transaction.atomic
def consolidation_update_settings(*, user, consolidation: Consolidation, settings: dict) -> Consolidation:
    """Change the document settings; the stored content's header follows at once."""
    if not ConsolidationPolicy.can_edit(user, consolidation):
        raise PermissionDenied
    for name, value in settings.items():
        if name in SETTINGS_FIELDS:
            setattr(consolidation, name, value)
    content = dict(consolidation.content or {})
    content["meta"] = _meta(consolidation)
    consolidation.content = content
    consolidation._change_reason = "settings"
    consolidation._history_user = user
    consolidation.save()
    return consolidation


@transaction.atomic
def consolidation_edit_passages(*, user, consolidation: Consolidation, texts: dict[str, str]) -> Consolidation:
    """Keep the coordinator's wording of the passages; an unchanged passage is no edit."""
    if not ConsolidationPolicy.can_edit(user, consolidation):
        raise PermissionDenied
    generated = {p["key"]: p["text"] for p in consolidation.content.get("passages", [])}
    edits = dict(consolidation.edits or {})
    for key, text in texts.items():
        if key not in generated:
            continue
        text = text.replace("\r\n", "\n").strip()
        if text == generated[key].strip() or not text:
            edits.pop(key, None)
        else:
            edits[key] = text
    consolidation.edits = edits
    consolidation._change_reason = "edited"
    consolidation._history_user = user
    consolidation.save()
    return consolidation


def effective_content(consolidation: Consolidation) -> dict:
    from .content import apply_edits

    return apply_edits(consolidation.content, consolidation.edits or {})


def today() -> dt.date:
    return timezone.localdate()
