"""Storing an imported plan.

The parser gives plain data; this module writes it in one transaction, so a refused or
failing import leaves the database exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction

from ngvh.agencies.models import Agency, AgencyAlias
from ngvh.agencies.services import agencies_ensure, province_get_or_create
from ngvh.core.text import nfc, search_key

from .models import AssignmentRole, Plan, Task, TaskAssignment, TaskGroup
from .parsed import ParsedPlan, PlanParseError


class PlanImportRefused(PlanParseError):
    """The document is readable but storing it would overwrite a plan already held."""


@dataclass(frozen=True)
class ImportResult:
    plan: Plan
    created: bool
    replaced: bool
    unchanged: bool


def content_hash(parsed: ParsedPlan) -> str:
    data = parsed.to_json()
    data.pop("warnings", None)
    for task in data["tasks"]:
        task.pop("source", None)  # where a task sat in the file is not what the plan says
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def vocabulary_for(province_name: str):
    """The parser's vocabulary extended with what a province already holds."""
    from django.utils.text import slugify

    from ngvh.agencies.models import Province
    from ngvh.core.text import ascii_key

    from .vocabulary import Vocabulary

    vocab = Vocabulary.default()
    province = Province.objects.filter(code=slugify(ascii_key(nfc(province_name)))).first()
    if province is None:
        return vocab
    names = list(Agency.objects.filter(province=province).values_list("name", flat=True))
    aliases = {alias: name for alias, name in AgencyAlias.objects.filter(province=province).values_list("alias", "agency__name")}
    return vocab.with_agencies(names, aliases)


@transaction.atomic
def plan_import(*, parsed: ParsedPlan, user=None, replace: bool = False, source_name: str = "", source_bytes: bytes = b"") -> ImportResult:
    """Store a parsed plan. Same document twice: nothing changes. Changed document: refused
    unless ``replace`` (amendments go through the amendment flow instead)."""
    from ngvh.accounts.policies import is_coordinator

    if user is not None and not is_coordinator(user):
        raise PermissionError("only coordinators import plans")
    province = province_get_or_create(name=parsed.place or "—")
    digest = content_hash(parsed)
    existing = Plan.objects.select_for_update().filter(province=province, number=parsed.number).first()
    if existing is not None:
        if existing.content_sha256 == digest:
            return ImportResult(plan=existing, created=False, replaced=False, unchanged=True)
        if not replace:
            raise PlanImportRefused(
                message_vi=(
                    f"Kế hoạch {parsed.number} đã có trong hệ thống với nội dung khác. Hãy dùng đề xuất điều chỉnh "
                    "kế hoạch (sửa đổi, bổ sung), hoặc chạy lại với --replace để thay thế toàn bộ."
                ),
                message_en=(
                    f"Plan {parsed.number} is already stored with different content. Propose an amendment instead, "
                    "or run again with --replace to replace it entirely."
                ),
            )
        _check_replaceable(existing)
        existing.tasks.all().delete()
        existing.groups.all().delete()
        plan = existing
    else:
        plan = Plan(province=province, number=parsed.number)

    plan.issued_on = parsed.issued_on
    plan.place = parsed.place
    plan.issuer = parsed.issuer
    plan.title = parsed.title
    plan.legal_basis = parsed.legal_basis
    plan.body = [s.to_json() for s in parsed.body]
    plan.recipients = parsed.recipients
    plan.signer = parsed.signer
    plan.warnings = parsed.warnings
    if parsed.report_deadline:
        plan.report_deadline_month, plan.report_deadline_day = parsed.report_deadline
    plan.content_sha256 = digest
    plan.source_name = source_name
    plan.source_sha256 = hashlib.sha256(source_bytes).hexdigest() if source_bytes else ""
    plan.imported_by = user if user is not None and user.is_authenticated else None
    plan.save()

    names: list[str] = []
    aliases: dict[str, list[str]] = {}
    for entry in parsed.agencies:
        names.append(entry["name"])
        aliases[entry["name"]] = list(entry.get("aliases", []))
    for task in parsed.tasks:
        names.extend([n for n in [task.lead, *task.coordinators] if n])
    for section in parsed.body:
        if section.agency:
            names.append(section.agency)
    agencies = agencies_ensure(province=province, names=list(dict.fromkeys(names)), aliases=aliases)

    groups = {}
    for order, group in enumerate(parsed.groups):
        groups[group.code] = TaskGroup.objects.create(plan=plan, code=group.code, title=group.title, order=order)
    assignments = []
    for order, ptask in enumerate(parsed.tasks):
        tf = ptask.timeframe
        task = Task.objects.create(
            plan=plan,
            group=groups[ptask.group],
            code=ptask.code,
            order=order,
            title=ptask.title,
            search_text=search_key(f"{ptask.code} {ptask.title}"),
            timeframe_kind=tf.kind,
            timeframe_start=tf.start,
            timeframe_end=tf.end if tf.kind != "quarter" else tf.start,
            timeframe_quarter=tf.quarter,
            timeframe_text=tf.text,
            related_units=ptask.related_units,
            other_parties=ptask.other_parties,
            products=ptask.products,
        )
        if ptask.lead:
            assignments.append(TaskAssignment(task=task, agency=agencies[nfc(ptask.lead)], role=AssignmentRole.LEAD, order=0))
        for i, name in enumerate(ptask.coordinators, start=1):
            assignments.append(TaskAssignment(task=task, agency=agencies[nfc(name)], role=AssignmentRole.COORDINATOR, order=i))
    TaskAssignment.objects.bulk_create(assignments)
    from ngvh.reporting.versions import reporting_version_bump

    reporting_version_bump(plan_ids=[plan.pk])
    return ImportResult(plan=plan, created=existing is None, replaced=existing is not None, unchanged=False)


def _check_replaceable(plan: Plan) -> None:
    """Replacing deletes the tasks; refuse when reports or activities already point at them."""
    from ngvh.activities.models import Activity
    from ngvh.reporting.models import ReportLine

    if ReportLine.objects.filter(task__plan=plan).exists() or Activity.objects.filter(tasks__plan=plan).exists():
        raise PlanImportRefused(
            message_vi=(
                f"Không thể thay thế Kế hoạch {plan.number}: đã có báo cáo hoặc hoạt động gắn với các nhiệm vụ. "
                "Hãy dùng đề xuất điều chỉnh kế hoạch."
            ),
            message_en=(
                f"Plan {plan.number} cannot be replaced: reports or activities already refer to its tasks. "
                "Propose an amendment instead."
            ),
        )
