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
from ngvh.core.text import agency_key, nfc, search_key

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
    _check_storable(parsed)
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

    by_key = {agency_key(name): agency for name, agency in agencies.items()}
    groups = {}
    for order, group in enumerate(parsed.groups):
        groups[group.code] = TaskGroup.objects.create(plan=plan, code=group.code, title=group.title, order=order)
    assignments = []
    for order, ptask in enumerate(parsed.tasks):
        task = Task.objects.create(plan=plan, group=groups[ptask.group], order=order, **_task_fields(ptask))
        lead = by_key[agency_key(ptask.lead)] if ptask.lead else None
        if lead is not None:
            assignments.append(TaskAssignment(task=task, agency=lead, role=AssignmentRole.LEAD, order=0))
        seen = {lead.pk} if lead is not None else set()
        for name in ptask.coordinators:
            agency = by_key[agency_key(name)]
            if agency.pk not in seen:  # two spellings of one agency: one assignment
                seen.add(agency.pk)
                assignments.append(
                    TaskAssignment(task=task, agency=agency, role=AssignmentRole.COORDINATOR, order=len(seen))
                )
    TaskAssignment.objects.bulk_create(assignments)
    return ImportResult(plan=plan, created=existing is None, replaced=existing is not None, unchanged=False)


def _task_fields(ptask) -> dict:
    tf = ptask.timeframe
    return {
        "code": ptask.code,
        "title": ptask.title,
        "search_text": search_key(f"{ptask.code} {ptask.title}"),
        "timeframe_kind": tf.kind,
        "timeframe_start": tf.start,
        "timeframe_end": tf.end if tf.kind != "quarter" else tf.start,
        "timeframe_quarter": tf.quarter,
        "timeframe_text": tf.text,
        "related_units": ptask.related_units,
        "other_parties": ptask.other_parties,
        "products": ptask.products,
    }


def _too_long(what_vi: str, what_en: str, value: str, limit: int) -> PlanImportRefused:
    shown = value[:60] + ("…" if len(value) > 60 else "")
    return PlanImportRefused(
        message_vi=f"Không lưu được: {what_vi} “{shown}” dài quá {limit} ký tự. Hãy kiểm tra lại văn bản.",
        message_en=f"Cannot store it: the {what_en} “{shown}” is longer than {limit} characters. Check the document.",
    )


def _unusable(what_vi: str, what_en: str, value: str) -> PlanImportRefused:
    return PlanImportRefused(
        message_vi=f"Không lưu được: {what_vi} “{value}” không đọc được. Hãy kiểm tra lại văn bản.",
        message_en=f"Cannot store it: the {what_en} “{value}” cannot be read. Check the document.",
    )


def _check_storable(parsed: ParsedPlan) -> None:
    """What the parser read must fit the tables; refuse clearly rather than fail in the database."""
    checks = [
        ("số kế hoạch", "plan number", parsed.number, 60),
        ("địa danh", "place", parsed.place, 120),
        ("cơ quan ban hành", "issuer", parsed.issuer, 255),
    ]
    checks += [("mã nhóm", "group code", g.code, 10) for g in parsed.groups]
    for task in parsed.tasks:
        checks += [("mã nhiệm vụ", "task code", task.code, 20), ("thời gian", "timeframe", task.timeframe.text, 255)]
    names = [e["name"] for e in parsed.agencies] + [n for t in parsed.tasks for n in [t.lead, *t.coordinators] if n]
    names += [s.agency for s in parsed.body if s.agency]
    checks += [("tên cơ quan", "agency name", name, 255) for name in names]
    for what_vi, what_en, value, limit in checks:
        if len(value or "") > limit:
            raise _too_long(what_vi, what_en, value, limit)
    for name in names:
        if not agency_key(name):
            raise _unusable("tên cơ quan", "agency name", name)
    from django.utils.text import slugify

    from ngvh.core.text import ascii_key

    if len(slugify(ascii_key(nfc(parsed.place or "")))) > 60:
        raise _too_long("địa danh", "place", parsed.place, 60)
    group_codes = {g.code for g in parsed.groups}
    for task in parsed.tasks:
        if task.group not in group_codes:
            raise _unusable("nhóm của nhiệm vụ", "group of task", task.code)


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
