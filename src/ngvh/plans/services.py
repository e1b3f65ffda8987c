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
from ngvh.core.messages import Message
from ngvh.core.text import agency_key, nfc, search_key

from .models import AssignmentRole, Plan, Task, TaskAssignment, TaskGroup, TimeframeKind
from .parsed import ParsedPlan, PlanParseError
from .policies import PlanPolicy


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
def plan_import(*, parsed: ParsedPlan, user, replace: bool = False, source_name: str = "", source_bytes: bytes = b"") -> ImportResult:
    """Store a parsed plan. Same document twice: nothing changes. Changed document: refused
    unless ``replace`` (amendments go through the amendment flow instead).

    ``user`` is a coordinator (the review page) or the system actor (``ngvh plan import``,
    the bundled plan)."""
    if not PlanPolicy.can_import(user):
        raise PermissionError("only coordinators import plans")
    _check_storable(parsed)
    province = province_get_or_create(name=parsed.place or "—")
    digest = content_hash(parsed)
    existing = Plan.objects.select_for_update().filter(province=province, number=parsed.number).first()
    if existing is not None:
        if existing.content_sha256 == digest:
            return ImportResult(plan=existing, created=False, replaced=False, unchanged=True)
        if not replace:
            raise PlanImportRefused(Message("plans.store.different_content", {"number": parsed.number}))
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
    plan.imported_by = user
    plan.save()

    by_key = plan_agencies_ensure(province=province, parsed=parsed)
    groups = {}
    for order, group in enumerate(parsed.groups):
        groups[group.code] = TaskGroup.objects.create(plan=plan, code=group.code, title=group.title, order=order)
    assignments = []
    for order, ptask in enumerate(parsed.tasks):
        task = Task.objects.create(plan=plan, group=groups[ptask.group], order=order, **task_fields(ptask))
        assignments += task_assignments_from(task=task, ptask=ptask, by_key=by_key)
    TaskAssignment.objects.bulk_create(assignments)
    # upward: a new set of tasks changes what the official figures show, so their version moves
    from ngvh.reporting.versions import reporting_version_bump

    reporting_version_bump(plan_ids=[plan.pk])
    return ImportResult(plan=plan, created=existing is None, replaced=existing is not None, unchanged=False)


def plan_agencies_ensure(*, province, parsed: ParsedPlan) -> dict:
    """Every agency the document names (its list, the tasks' leads and coordinators, the
    body's sections), found or created in ``province``, by agency key."""
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
    return {agency_key(name): agency for name, agency in agencies.items()}


def task_assignments_from(*, task: Task, ptask, by_key: dict, active_from=None) -> list[TaskAssignment]:
    """The lead and coordinators the document gives a task, as unsaved assignments."""
    assignments = []
    lead = by_key[agency_key(ptask.lead)] if ptask.lead else None
    if lead is not None:
        assignments.append(TaskAssignment(task=task, agency=lead, role=AssignmentRole.LEAD, order=0, active_from=active_from))
    seen = {lead.pk} if lead is not None else set()
    for name in ptask.coordinators:
        agency = by_key[agency_key(name)]
        if agency.pk not in seen:  # two spellings of one agency: one assignment
            seen.add(agency.pk)
            assignments.append(
                TaskAssignment(task=task, agency=agency, role=AssignmentRole.COORDINATOR, order=len(seen), active_from=active_from)
            )
    return assignments


def task_fields(ptask) -> dict:
    """A parsed task's columns of the Task table."""
    tf = ptask.timeframe
    return {
        "code": ptask.code,
        "title": ptask.title,
        "search_text": search_key(f"{ptask.code} {ptask.title}"),
        "timeframe_kind": tf.kind,
        "timeframe_start": tf.start,
        "timeframe_end": tf.end if tf.kind != TimeframeKind.QUARTER else tf.start,
        "timeframe_quarter": tf.quarter,
        "timeframe_text": tf.text,
        "related_units": ptask.related_units,
        "other_parties": ptask.other_parties,
        "products": ptask.products,
    }


def _too_long(what: str, value: str, limit: int) -> PlanImportRefused:
    """``what`` names the field: a ``plans.store.what.*`` code."""
    shown = value[:60] + ("…" if len(value) > 60 else "")
    return PlanImportRefused(Message("plans.store.too_long", {"what": Message(what), "value": shown, "limit": limit}))


def _unusable(what: str, value: str) -> PlanImportRefused:
    return PlanImportRefused(Message("plans.store.unusable", {"what": Message(what), "value": value}))


def _check_storable(parsed: ParsedPlan) -> None:
    """What the parser read must fit the tables; refuse clearly rather than fail in the database."""
    checks = [
        ("plans.store.what.number", parsed.number, 60),
        ("plans.store.what.place", parsed.place, 120),
        ("plans.store.what.issuer", parsed.issuer, 255),
    ]
    checks += [("plans.store.what.group_code", g.code, 10) for g in parsed.groups]
    for task in parsed.tasks:
        checks += [("plans.store.what.task_code", task.code, 20), ("plans.store.what.timeframe", task.timeframe.text, 255)]
    names = [e["name"] for e in parsed.agencies] + [n for t in parsed.tasks for n in [t.lead, *t.coordinators] if n]
    names += [s.agency for s in parsed.body if s.agency]
    checks += [("plans.store.what.agency", name, 255) for name in names]
    for what, value, limit in checks:
        if len(value or "") > limit:
            raise _too_long(what, value, limit)
    for name in names:
        if not agency_key(name):
            raise _unusable("plans.store.what.agency", name)
    from django.utils.text import slugify

    from ngvh.core.text import ascii_key

    if len(slugify(ascii_key(nfc(parsed.place or "")))) > 60:
        raise _too_long("plans.store.what.place", parsed.place, 60)
    group_codes = {g.code for g in parsed.groups}
    for task in parsed.tasks:
        if task.group not in group_codes:
            raise _unusable("plans.store.what.task_group", task.code)


def _check_replaceable(plan: Plan) -> None:
    """Replacing deletes the tasks; refuse when reports or activities already point at them."""
    from .selectors import plan_in_use

    if plan_in_use(plan=plan):
        raise PlanImportRefused(Message("plans.store.in_use", {"number": plan.number}))


# ---- import review ---------------------------------------------------------------------------
#
# A coordinator uploads a document, checks and corrects what the parser read, then imports
# it. The draft keeps the uploaded bytes; the import reads them again with the same parser
# and vocabulary as ``ngvh plan import`` and applies the corrections on top, so a draft
# imported without corrections stores exactly what the command line stores.

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
REVIEW_FIELDS = ("code", "title", "group", "lead", "coordinators", "timeframe_text")


class ReviewError(Exception):
    """A refusal the coordinator can act on; ``errors`` maps an input's name to its message."""

    def __init__(self, message, *, errors: dict | None = None):
        super().__init__(str(message))
        self.message = message
        self.errors = errors or {}


def _unreadable(exc: Exception | None = None) -> PlanParseError:
    return PlanParseError(Message("plans.file.unreadable"))


def review_read(*, data: bytes, filename: str) -> tuple[ParsedPlan, list[dict]]:
    """Parse an upload the way ``ngvh plan import`` does; also return the document as read.

    Anything the readers raise other than a refusal is still a refusal to the user: an
    upload is untrusted input and must never end in a server error.
    """
    import logging

    from .parser import parse_bytes
    from .readers import read_document

    try:
        document = read_document(data, filename)
        parsed = parse_bytes(data, filename)
        parsed = parse_bytes(data, filename, vocabulary=vocabulary_for(parsed.place))
    except PlanParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - untrusted input: refuse, never crash
        logging.getLogger(__name__).warning("unreadable plan upload %r: %r", filename, exc)
        raise _unreadable(exc) from exc
    return parsed, _source_lines(document)


def _source_lines(document) -> list[dict]:
    """The document's paragraphs and table rows, each with the references a task may cite."""
    out: list[dict] = []
    text_file = document.encoding not in ("docx", "doc", "pdf")
    for block in document.blocks:
        rows = getattr(block, "rows", None)
        if rows is None:
            if block.text:
                out.append({"refs": [f"line {block.number}"], "number": block.number, "text": block.text})
            continue
        for row in rows:
            refs = [f"table {row.table}, row {row.number}"]
            if text_file:
                refs.append(f"line {row.number}")
            out.append({"refs": refs, "number": row.number, "table": row.table, "cells": list(row.cells)})
    return out


def _warning_json(warning) -> dict:
    if isinstance(warning, dict):
        return {k: (v if isinstance(v, (str, int, float, bool, type(None), list, dict)) else str(v)) for k, v in warning.items()}
    params = getattr(warning, "params", None) or {}
    return {
        "code": str(getattr(warning, "code", "")),
        "params": {str(k): (v if isinstance(v, (str, int, float, bool, type(None))) else str(v)) for k, v in dict(params).items()},
        "source": str(getattr(warning, "source", "") or ""),
        "task_code": getattr(warning, "task_code", None),
    }


def review_data(parsed: ParsedPlan) -> dict:
    """What a draft shows and corrects: the parsed plan as plain JSON, tasks by position."""
    return {
        "number": parsed.number,
        "issued_on": parsed.issued_on.isoformat(),
        "place": parsed.place,
        "issuer": parsed.issuer,
        "title": parsed.title,
        "report_deadline": list(parsed.report_deadline) if parsed.report_deadline else None,
        "groups": [{"code": g.code, "title": g.title} for g in parsed.groups],
        "tasks": [
            {
                "code": t.code,
                "group": t.group,
                "title": t.title,
                "lead": t.lead or "",
                "coordinators": list(t.coordinators),
                "timeframe_text": t.timeframe.text,
                "timeframe_kind": t.timeframe.kind,
                "related_units": t.related_units,
                "other_parties": list(t.other_parties),
                "source": str(getattr(t, "source", "") or ""),
                "source_row": t.source_row,
            }
            for t in parsed.tasks
        ],
        "agencies": [dict(a) for a in parsed.agencies],
        "body_agencies": [s.agency for s in parsed.body if s.agency],
        "warnings": [_warning_json(w) for w in parsed.warnings],
        "needs_review": [_warning_json(w) for w in getattr(parsed, "needs_review", []) or []],
    }


def review_tasks(data: dict, corrections: dict) -> list[dict]:
    """The tasks as they stand after the coordinator's corrections (pure)."""
    tasks = []
    for index, task in enumerate(data.get("tasks", [])):
        fixed = corrections.get(str(index), {})
        tasks.append({**task, **fixed, "index": index, "corrected": sorted(fixed)})
    return tasks


def review_unknown_names(data: dict, corrections: dict, known_keys: set[str]) -> list[str]:
    """Agency names that need a decision: mapped to an agency held, or confirmed as new.

    A name is unknown when the parser said so, or when the coordinator typed a name that
    neither the parser's vocabulary nor the province's registry recognises. Names the
    registry already holds need no decision.
    """
    from ngvh.core.text import agency_key

    vocab_known = {agency_key(a["name"]) for a in data.get("agencies", []) if a.get("known")}
    candidates: list[str] = []
    for warning in data.get("needs_review", []):
        if warning.get("code") == "unknown_agency" and (warning.get("params") or {}).get("name"):
            candidates.append(warning["params"]["name"])
    candidates.extend(a["name"] for a in data.get("agencies", []) if not a.get("known"))
    for task in review_tasks(data, corrections):
        for name in [task.get("lead"), *task.get("coordinators", [])]:
            if name and agency_key(name) not in vocab_known:
                candidates.append(name)
    seen: set[str] = set()
    result = []
    for name in candidates:
        key = agency_key(name)
        if not key or key in seen or key in known_keys:
            continue
        seen.add(key)
        result.append(nfc(name))
    return result


def review_province(review):
    """The province the draft's plan belongs to (the replaced plan's, else the document's place)."""
    from django.utils.text import slugify

    from ngvh.agencies.models import Province
    from ngvh.core.text import ascii_key

    if review.target_plan_id:
        return review.target_plan.province
    place = review.parsed.get("place") or "—"
    return Province.objects.filter(code=slugify(ascii_key(nfc(place))) or "province").first()


def review_known_keys(province) -> dict[str, Agency]:
    """Every key under which the province's registry already knows an agency."""
    if province is None:
        return {}
    agencies = list(Agency.objects.filter(province=province).order_by("name"))
    keys = {a.name_key: a for a in agencies}
    by_id = {a.pk: a for a in agencies}
    for key, agency_id in AgencyAlias.objects.filter(province=province).values_list("key", "agency_id"):
        keys.setdefault(key, by_id[agency_id])
    return keys


def review_for_update(user, review):
    from django.http import Http404

    from .models import ImportReview
    from .policies import ImportReviewPolicy

    locked = ImportReview.objects.select_for_update().filter(pk=review.pk).first()
    if locked is None or not ImportReviewPolicy.can_view(user, locked):
        raise Http404
    if not ImportReviewPolicy.can_edit(user, locked):
        from django.utils.translation import gettext as _

        raise ReviewError(_("This import review is already closed (imported or discarded); upload the document again to start a new one."))
    # select_for_update drops the related object cache; the target plan is needed again
    locked._history_user = user
    return locked


@transaction.atomic
def import_review_create(*, user, filename: str, data: bytes, target_plan: Plan | None = None):
    """Read an uploaded plan and keep it as a draft to review. A refused file stores nothing."""
    from django.core.exceptions import PermissionDenied

    from .models import ImportReview
    from .policies import ImportReviewPolicy

    if not ImportReviewPolicy.can_create(user) or (target_plan is not None and not ImportReviewPolicy.can_replace(user, target_plan)):
        raise PermissionDenied
    if not data:
        raise PlanParseError(Message("plans.upload.missing"))
    if len(data) > MAX_UPLOAD_BYTES:
        raise PlanParseError(Message("plans.upload.too_large"))
    parsed, lines = review_read(data=data, filename=filename)
    review = ImportReview(
        source_name=nfc(filename)[:255],
        source_bytes=data,
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_lines=lines,
        parsed=review_data(parsed),
        target_plan=target_plan,
        created_by=user,
    )
    review._history_user = user
    review.save()
    return review


@transaction.atomic
def import_review_correct(*, user, review, rows: dict[int, dict]):
    """Correct cells of the parsed tasks. All rows are checked first: one error saves nothing."""
    from django.utils.translation import gettext as _

    from .parser import parse_timeframe

    review = review_for_update(user, review)
    data = review.parsed
    originals = data.get("tasks", [])
    groups = {g["code"] for g in data.get("groups", [])}
    corrections = {k: dict(v) for k, v in review.corrections.items()}
    errors: dict[str, str] = {}
    for index, values in rows.items():
        if not 0 <= index < len(originals):
            raise ReviewError(_("This task is not in the document any more; reload the page."))
        original = originals[index]
        fixed = dict(corrections.get(str(index), {}))
        for name in REVIEW_FIELDS:
            if name not in values:
                continue
            value = _clean_review_value(name, values[name])
            if value == original.get(name) or (name == "lead" and value == (original.get(name) or "")):
                fixed.pop(name, None)
                continue
            problem = _review_value_problem(name, value, groups, parse_timeframe)
            if problem:
                errors[f"t{index}-{name}"] = problem
            fixed[name] = value
        if fixed:
            corrections[str(index)] = fixed
        else:
            corrections.pop(str(index), None)
    codes: dict[str, int] = {}
    for task in review_tasks(data, corrections):
        if task["code"] in codes:
            errors.setdefault(f"t{task['index']}-code", _("Two tasks cannot have the same number “%(code)s”.") % {"code": task["code"]})
        codes[task["code"]] = task["index"]
    if errors:
        raise ReviewError(_("Some corrections could not be saved; nothing was changed."), errors=errors)
    review.corrections = corrections
    review.save(update_fields=["corrections", "updated_at"])
    return review


def _clean_review_value(name: str, value):
    import re

    if name == "coordinators":
        items = value if isinstance(value, list) else re.split(r"[\n;]+", str(value or ""))
        return list(dict.fromkeys(nfc(" ".join(i.split())) for i in items if i and i.strip()))
    return nfc(" ".join(str(value or "").split()))


def _review_value_problem(name: str, value, groups: set[str], parse_timeframe) -> str:
    from django.utils.translation import gettext as _

    if name == "code":
        if not value:
            return _("Give the task's number, as the document writes it.")
        if len(value) > 20:
            return _("A task number has at most 20 characters.")
    if name == "title" and not value:
        return _("Give the task's content.")
    if name == "group" and value not in groups:
        return _("Choose one of the plan's groups.")
    if name == "timeframe_text" and value:
        try:
            readable = parse_timeframe(value) is not None
        except ValueError:
            readable = False
        if not readable:
            return _(
                "This timeframe is not understood. Write for example “Hằng năm”, “2023-2025”, “Quý IV năm 2024”, "
                "“Thường xuyên”, “Theo các sự kiện phát sinh”, or leave it empty."
            )
    return ""


@transaction.atomic
def import_review_map_agency(*, user, review, name: str, agency: Agency):
    """Record that an unknown name in the document means an agency the province already holds."""
    from django.utils.translation import gettext as _

    from ngvh.core.text import agency_key

    review = review_for_update(user, review)
    province = review_province(review)
    if province is None or agency.province_id != province.pk:
        raise ReviewError(_("Choose an agency of this plan's province."), errors={"agency": _("Choose an agency of this plan's province.")})
    _check_unknown(review, name)
    review.agency_map = {**review.agency_map, agency_key(name): {"name": nfc(name), "agency": agency.pk}}
    review.save(update_fields=["agency_map", "updated_at"])
    return review


@transaction.atomic
def import_review_confirm_agency(*, user, review, name: str):
    """Record that an unknown name is a new agency, to be added to the registry on import."""
    from ngvh.core.text import agency_key

    review = review_for_update(user, review)
    _check_unknown(review, name)
    review.agency_map = {**review.agency_map, agency_key(name): {"name": nfc(name), "new": True}}
    review.save(update_fields=["agency_map", "updated_at"])
    return review


def _check_unknown(review, name: str) -> None:
    from django.utils.translation import gettext as _

    from ngvh.core.text import agency_key

    keys = set(review_known_keys(review_province(review)))
    unknown = {agency_key(n) for n in review_unknown_names(review.parsed, review.corrections, keys)}
    if agency_key(name) not in unknown:
        raise ReviewError(_("“%(name)s” is not an unknown agency of this document.") % {"name": name})


def review_unresolved(review) -> list[str]:
    from ngvh.core.text import agency_key

    keys = set(review_known_keys(review_province(review)))
    return [n for n in review_unknown_names(review.parsed, review.corrections, keys) if agency_key(n) not in review.agency_map]


def review_corrected(*, review, require_resolved: bool = True) -> ParsedPlan:
    """The reviewed document as the coordinator corrected it: the cells they changed, each
    unknown agency name replaced by the agency it was mapped to, and, for a draft that
    replaces or amends a stored plan, that plan's number and place. Read again from the
    stored upload, so what is stored is exactly what was reviewed.

    ``require_resolved`` refuses while an unknown agency is still undecided (importing);
    the review page passes False to show the changes before everything is decided."""
    from dataclasses import replace as dc_replace

    from django.utils.translation import gettext as _

    from ngvh.core.text import agency_key

    if require_resolved and (unresolved := review_unresolved(review)):
        raise ReviewError(
            _("Decide for each unknown agency before importing: map it to an agency held, or confirm it as new (%(names)s).")
            % {"names": "; ".join(unresolved)}
        )
    parsed, _lines = review_read(data=bytes(review.source_bytes), filename=review.source_name)
    if [t.code for t in parsed.tasks] != [t["code"] for t in review.parsed.get("tasks", [])]:
        raise ReviewError(_("The document now reads differently from when it was reviewed. Upload it again."))
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=[m["agency"] for m in review.agency_map.values() if m.get("agency")])}
    mapped = {key: agencies[m["agency"]].name for key, m in review.agency_map.items() if m.get("agency") in agencies}

    def name_of(name: str | None) -> str | None:
        return mapped.get(agency_key(name), name) if name else name

    tasks = [_corrected_task(ptask, review.corrections.get(str(index), {}), name_of) for index, ptask in enumerate(parsed.tasks)]
    entries: dict[str, dict] = {}
    for entry in parsed.agencies:
        name = name_of(entry["name"])
        merged = entries.setdefault(name, {**entry, "name": name, "aliases": []})
        spellings = [entry["name"], *entry.get("aliases", [])] if name != entry["name"] else list(entry.get("aliases", []))
        merged["aliases"] = list(dict.fromkeys([*merged["aliases"], *spellings]))
        merged["known"] = merged.get("known") or name != entry["name"]
    body = [dc_replace(s, agency=name_of(s.agency)) if s.agency and name_of(s.agency) != s.agency else s for s in parsed.body]
    changes = {"tasks": tasks, "agencies": list(entries.values()), "body": body}
    target = review.target_plan
    if target is not None:
        changes.update(number=target.number, place=target.place or target.province.name)
    return dc_replace(parsed, **changes)


def _corrected_task(ptask, fixed: dict, name_of):
    from dataclasses import replace as dc_replace

    from .parser import parse_timeframe

    changes: dict = {k: fixed[k] for k in ("code", "title", "group") if k in fixed}
    if "lead" in fixed:
        changes["lead"] = fixed["lead"] or None
    if "coordinators" in fixed:
        changes["coordinators"] = list(fixed["coordinators"])
    if "timeframe_text" in fixed:
        changes["timeframe"] = parse_timeframe(fixed["timeframe_text"])
    task = dc_replace(ptask, **changes)
    lead = name_of(task.lead)
    coordinators = list(dict.fromkeys(name_of(c) for c in task.coordinators))
    if lead != task.lead or coordinators != task.coordinators:
        task = dc_replace(task, lead=lead, coordinators=coordinators)
    return task


def import_review_finish(*, review, plan: Plan) -> None:
    """Mark a draft as stored into ``plan`` (by an import, or as an amended plan's new
    version); called inside the transaction that stored it."""
    from django.utils import timezone

    from .models import ImportReviewStatus

    review.status = ImportReviewStatus.IMPORTED
    review.plan = plan
    review.finished_at = timezone.now()
    review.save(update_fields=["status", "plan", "finished_at", "updated_at"])


@transaction.atomic
def import_review_import(*, user, review) -> ImportResult:
    """Store the reviewed plan in one transaction, through the same path as the command line.

    Any refusal (an unresolved agency, a plan that cannot be replaced, a database error)
    rolls everything back: no plan, no agency, and the draft stays a draft.
    """
    review = review_for_update(user, review)
    parsed = review_corrected(review=review)
    target = review.target_plan
    result = plan_import(
        parsed=parsed, user=user, replace=target is not None, source_name=review.source_name, source_bytes=bytes(review.source_bytes)
    )
    import_review_finish(review=review, plan=result.plan)
    return result


@transaction.atomic
def import_review_discard(*, user, review):
    """Drop a draft: nothing of it is imported; it stays in the history of reviews."""
    from django.utils import timezone

    from .models import ImportReviewStatus

    review = review_for_update(user, review)
    review.status = ImportReviewStatus.DISCARDED
    review.finished_at = timezone.now()
    review.save(update_fields=["status", "finished_at", "updated_at"])
    return review
