"""Writes to the agency registry and its restructurings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from ngvh.core.text import agency_key, nfc

from .models import Agency, AgencyAlias, AgencyKind, Province, RestructuringEvent, RestructuringKind
from .policies import AgencyPolicy, RestructuringEventPolicy


def province_get_or_create(*, name: str) -> Province:
    from django.utils.text import slugify

    from ngvh.core.text import ascii_key

    name = nfc(name)
    code = slugify(ascii_key(name)) or "province"
    province, _ = Province.objects.get_or_create(code=code, defaults={"name": name})
    return province


def guess_kind(name: str) -> str:
    key = agency_key(name)
    if key.startswith(("sở ", "so ")):
        return AgencyKind.DEPARTMENT
    if key.startswith("ban "):
        return AgencyKind.BOARD
    if key.startswith(("ủy ban nhân dân quận", "ủy ban nhân dân huyện", "uỷ ban nhân dân quận", "uỷ ban nhân dân huyện")):
        return AgencyKind.DISTRICT
    if key.startswith(("báo ", "đài ")):
        return AgencyKind.PRESS
    if key.startswith(("công an", "văn phòng", "thanh tra", "bộ chỉ huy")):
        return AgencyKind.CITY_BODY
    return AgencyKind.OTHER


@transaction.atomic
def agencies_ensure(*, province: Province, names: list[str], aliases: dict[str, list[str]] | None = None) -> dict[str, Agency]:
    """Find or create the named agencies of a province, returning them by canonical name.

    Aliases seen in a document (other spellings, abbreviations) are recorded so the next
    import, and the search, recognise them.
    """
    aliases = aliases or {}
    wanted = {agency_key(n): nfc(n) for n in names}
    existing = {a.name_key: a for a in Agency.objects.filter(province=province, name_key__in=list(wanted))}
    alias_hits = {
        al.key: al.agency
        for al in AgencyAlias.objects.filter(province=province, key__in=[k for k in wanted if k not in existing]).select_related("agency")
    }
    result: dict[str, Agency] = {}
    for key, name in wanted.items():
        agency = existing.get(key) or alias_hits.get(key)
        if agency is None:
            agency = Agency.objects.create(province=province, name=name, name_key=key, kind=guess_kind(name))
        result[name] = agency
    known_alias_keys = set(
        AgencyAlias.objects.filter(province=province).values_list("key", flat=True)
    ) | set(Agency.objects.filter(province=province).values_list("name_key", flat=True))
    for name, spellings in aliases.items():
        agency = result.get(nfc(name))
        if agency is None:
            continue
        for spelling in spellings:
            key = agency_key(spelling)
            if key and key not in known_alias_keys:
                AgencyAlias.objects.create(province=province, agency=agency, alias=nfc(spelling), key=key)
                known_alias_keys.add(key)
    return result


# ---- registry editing -------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _history_user(obj, user) -> None:
    """Name the acting user (a coordinator, or the system actor) on the history row."""
    obj._history_user = user


def _clean_aliases(*, province: Province, agency: Agency | None, aliases: list[str]) -> list[tuple[str, str]]:
    """Aliases as (spelling, key), refusing one that already names another agency."""
    result: dict[str, str] = {}
    for spelling in aliases:
        spelling = nfc(spelling)
        key = agency_key(spelling)
        if key:
            result.setdefault(key, spelling)
    if not result:
        return []
    others_alias = AgencyAlias.objects.filter(province=province, key__in=list(result)).select_related("agency")
    others_name = Agency.objects.filter(province=province, name_key__in=list(result))
    if agency is not None:
        others_alias = others_alias.exclude(agency=agency)
        others_name = others_name.exclude(pk=agency.pk)
    clashes = [f"{result[a.key]} → {a.agency.name}" for a in others_alias] + [
        f"{result[a.name_key]} → {a.name}" for a in others_name
    ]
    if clashes:
        raise ValidationError(
            {"aliases": _("These spellings already name another agency: %(list)s.") % {"list": "; ".join(clashes)}}
        )
    return [(spelling, key) for key, spelling in result.items()]


def _check_name_free(*, province: Province, name_key: str, agency: Agency | None) -> None:
    qs = Agency.objects.filter(province=province, name_key=name_key)
    alias_qs = AgencyAlias.objects.filter(province=province, key=name_key)
    if agency is not None:
        qs = qs.exclude(pk=agency.pk)
        alias_qs = alias_qs.exclude(agency=agency)
    if qs.exists() or alias_qs.exists():
        raise ValidationError({"name": _("An agency with this name (or spelling) already exists in this province.")})


@transaction.atomic
def agency_create(
    *,
    user,
    province: Province,
    name: str,
    kind: str = AgencyKind.DEPARTMENT,
    short_name: str = "",
    parent: Agency | None = None,
    active_from: dt.date | None = None,
    active_until: dt.date | None = None,
    email: str = "",
    aliases: list[str] | None = None,
) -> Agency:
    _require(AgencyPolicy.can_create(user))
    name = nfc(name)
    if not name:
        raise ValidationError({"name": _("Enter the agency's name.")})
    key = agency_key(name)
    _check_name_free(province=province, name_key=key, agency=None)
    _check_dates(active_from, active_until)
    cleaned = _clean_aliases(province=province, agency=None, aliases=list(aliases or []))
    agency = Agency(
        province=province, name=name, name_key=key, kind=kind, short_name=nfc(short_name), parent=parent,
        active_from=active_from, active_until=active_until, email=email,
    )
    _history_user(agency, user)
    agency.save()
    AgencyAlias.objects.bulk_create([AgencyAlias(province=province, agency=agency, alias=s, key=k) for s, k in cleaned])
    return agency


def _check_dates(active_from, active_until) -> None:
    if active_from and active_until and active_until < active_from:
        raise ValidationError({"active_until": _("The end date must be on or after the start date.")})


@transaction.atomic
def agency_update(
    *,
    user,
    agency: Agency,
    name: str,
    kind: str,
    short_name: str = "",
    parent: Agency | None = None,
    active_from: dt.date | None = None,
    active_until: dt.date | None = None,
    email: str = "",
    aliases: list[str] | None = None,
) -> Agency:
    """Edit the registry entry. Renaming here corrects a spelling; a real renaming by a
    decision is a restructuring, so that earlier reports keep the old name."""
    _require(AgencyPolicy.can_edit(user, agency))
    name = nfc(name)
    if not name:
        raise ValidationError({"name": _("Enter the agency's name.")})
    key = agency_key(name)
    _check_name_free(province=agency.province, name_key=key, agency=agency)
    _check_dates(active_from, active_until)
    if parent is not None and _is_descendant_or_self(parent, agency):
        raise ValidationError({"parent": _("An agency cannot be placed under itself or one of its own units.")})
    cleaned = _clean_aliases(province=agency.province, agency=agency, aliases=list(aliases or []))
    agency.name, agency.name_key, agency.kind = name, key, kind
    agency.short_name, agency.parent, agency.email = nfc(short_name), parent, email
    agency.active_from, agency.active_until = active_from, active_until
    _history_user(agency, user)
    agency.save()
    wanted = {k: s for s, k in cleaned}
    agency.aliases.exclude(key__in=list(wanted)).delete()
    have = set(agency.aliases.values_list("key", flat=True))
    AgencyAlias.objects.bulk_create(
        [AgencyAlias(province=agency.province, agency=agency, alias=s, key=k) for k, s in wanted.items() if k not in have]
    )
    # upward: a renamed agency changes what the official figures show, so their version moves
    from ngvh.reporting.versions import reporting_version_bump_for_agencies

    reporting_version_bump_for_agencies(agencies=[agency])
    return agency


def _is_descendant_or_self(candidate: Agency, agency: Agency) -> bool:
    seen = set()
    node = candidate
    while node is not None and node.pk not in seen:
        if node.pk == agency.pk:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


# ---- restructuring ----------------------------------------------------------------------


@dataclass(frozen=True)
class NewAgency:
    """A successor that does not exist yet (a renamed or newly formed department)."""

    name: str
    kind: str = AgencyKind.DEPARTMENT
    short_name: str = ""


def _day_before(date: dt.date) -> dt.date:
    return date - dt.timedelta(days=1)


def _check_shape(kind: str, predecessors: list[Agency], successors: list[Agency]) -> None:
    if kind not in RestructuringKind.values:
        raise ValidationError({"kind": _("Choose what kind of restructuring this is.")})
    if not predecessors:
        raise ValidationError({"predecessors": _("Choose the agency or agencies that cease.")})
    if not successors:
        raise ValidationError({"successors": _("Choose or name the agency that takes over.")})
    if kind in (RestructuringKind.RENAME, RestructuringKind.DISSOLVE, RestructuringKind.SPLIT) and len(predecessors) != 1:
        raise ValidationError({"predecessors": _("A rename, split or dissolution concerns exactly one agency.")})
    if kind in (RestructuringKind.RENAME, RestructuringKind.MERGE, RestructuringKind.DISSOLVE) and len(successors) != 1:
        raise ValidationError({"successors": _("A rename, merger or dissolution has exactly one successor.")})
    if kind == RestructuringKind.SPLIT and len(successors) < 2:
        raise ValidationError({"successors": _("A split needs at least two successors.")})
    if {a.pk for a in predecessors} & {a.pk for a in successors}:
        raise ValidationError({"successors": _("An agency cannot be its own successor.")})
    if len({a.province_id for a in [*predecessors, *successors]}) != 1:
        raise ValidationError({"successors": _("All agencies of a restructuring must belong to the same province.")})


def split_tasks(*, agency: Agency) -> list:
    """The tasks an agency currently holds, which a split must share out one by one."""
    # upward: a split shares out the tasks the agency holds in the plans
    from ngvh.plans.models import Task

    return list(
        Task.objects.filter(assignments__agency=agency, assignments__active_until__isnull=True)
        .select_related("plan")
        .distinct()
        .order_by("plan_id", "order")
    )


@transaction.atomic
def restructuring_record(
    *,
    user,
    kind: str,
    effective_date: dt.date,
    predecessors: list[Agency],
    successors: list[Agency] | None = None,
    new_successors: list[NewAgency] | None = None,
    task_choices: dict[int, int | str] | None = None,
    decision: str = "",
    note: str = "",
    source: str = "",
) -> RestructuringEvent:
    """Move the predecessors' current task assignments to the successors from a date.

    Each current assignment is closed the day before the effective date and reopened for
    the successor with ``origin`` pointing back, so reports and activities dated earlier
    stay with the agency that held the task then; nothing dated is rewritten. When the
    successor already holds the task, the stronger role is kept (lead over coordinating)
    so the one-current-lead rule always holds.
    """
    # upward: a restructuring hands the predecessors' task assignments to the successors
    from ngvh.plans.models import AssignmentRole, TaskAssignment

    _require(RestructuringEventPolicy.can_record(user))
    if effective_date is None:
        raise ValidationError({"effective_date": _("Enter the date from which the change applies.")})
    predecessors = list(Agency.objects.select_for_update().filter(pk__in=[a.pk for a in predecessors]).order_by("pk"))
    successors = list(successors or [])
    province = predecessors[0].province if predecessors else (successors[0].province if successors else None)

    created_agencies: list[Agency] = []
    for spec in new_successors or []:
        if province is None:
            break
        created_agencies.append(
            agency_create(
                user=user, province=province, name=spec.name, kind=spec.kind, short_name=spec.short_name,
                active_from=effective_date,
            )
        )
    successors = successors + created_agencies
    _check_shape(kind, predecessors, successors)
    eff = effective_date
    until = _day_before(eff)

    for agency in predecessors:
        if agency.active_until is not None and agency.active_until < eff:
            raise ValidationError(
                {"predecessors": _("%(agency)s already ceased on %(date)s.") % {"agency": agency.name, "date": f"{agency.active_until:%d/%m/%Y}"}}
            )
        if agency.active_from is not None and agency.active_from > until:
            raise ValidationError(
                {"effective_date": _("%(agency)s only started on %(date)s: the change must come after that.") % {"agency": agency.name, "date": f"{agency.active_from:%d/%m/%Y}"}}
            )
    for agency in successors:
        if agency.active_until is not None and agency.active_until < eff:
            raise ValidationError(
                {"successors": _("%(agency)s ceased on %(date)s and cannot take over tasks.") % {"agency": agency.name, "date": f"{agency.active_until:%d/%m/%Y}"}}
            )

    current = list(
        TaskAssignment.objects.select_for_update()
        .filter(agency__in=predecessors, active_until__isnull=True)
        .select_related("task", "agency")
        .order_by("task_id", "order", "id")
    )
    # Leads first: a successor that receives a lead and a coordinating role on one task
    # from two predecessors ends up lead, never both.
    current.sort(key=lambda a: (a.role != AssignmentRole.LEAD, a.task_id, a.order, a.id))

    choices: dict[int, int] = {}
    if kind == RestructuringKind.SPLIT:
        successor_ids = {a.pk for a in successors}
        # A choice names an agency by id, or a new successor (created above) by its name.
        created_by_key = {a.name_key: a.pk for a in created_agencies}
        choices = {
            int(k): (created_by_key.get(agency_key(v), 0) if isinstance(v, str) and not v.isdigit() else int(v))
            for k, v in (task_choices or {}).items()
        }
        missing = sorted({a.task.code for a in current if choices.get(a.task_id) not in successor_ids})
        if missing:
            raise ValidationError(
                {"task_choices": _("Choose which successor takes each task: %(tasks)s.") % {"tasks": ", ".join(missing)}}
            )
    by_id = {a.pk: a for a in successors}

    for a in current:
        if a.active_from is not None and a.active_from > until:
            raise ValidationError(
                {"effective_date": _("Task %(task)s only passed to %(agency)s on %(date)s: the change must come after that.")
                 % {"task": a.task.code, "agency": a.agency.name, "date": f"{a.active_from:%d/%m/%Y}"}}
            )

    closed: list[dict] = []
    created: list[int] = []
    for a in current:
        target = by_id[choices[a.task_id]] if kind == RestructuringKind.SPLIT else successors[0]
        a.active_until = until
        _history_user(a, user)
        a.save(update_fields=["active_until"])
        closed.append({"id": a.pk, "before": None, "after": until.isoformat()})
        held = list(
            TaskAssignment.objects.select_for_update().filter(task_id=a.task_id, agency=target, active_until__isnull=True)
        )
        roles = {h.role: h for h in held}
        if a.role in roles:
            continue
        if a.role == AssignmentRole.COORDINATOR and AssignmentRole.LEAD in roles:
            continue
        if a.role == AssignmentRole.LEAD and AssignmentRole.COORDINATOR in roles:
            weaker = roles[AssignmentRole.COORDINATOR]
            weaker.active_until = until
            _history_user(weaker, user)
            weaker.save(update_fields=["active_until"])
            closed.append({"id": weaker.pk, "before": None, "after": until.isoformat()})
        new = TaskAssignment(task_id=a.task_id, agency=target, role=a.role, order=a.order, active_from=eff, origin=a)
        _history_user(new, user)
        new.save()
        created.append(new.pk)

    agency_changes = []
    for agency in predecessors:
        before = agency.active_until
        if before is None or before > until:
            agency.active_until = until
            _history_user(agency, user)
            agency.save(update_fields=["active_until"])
            agency_changes.append(
                {"id": agency.pk, "field": "active_until", "before": before.isoformat() if before else None, "after": until.isoformat()}
            )

    event = RestructuringEvent.objects.create(
        province=province,
        kind=kind,
        effective_date=eff,
        task_choices={str(k): v for k, v in choices.items()},
        decision=nfc(decision),
        note=note.strip(),
        source=source,
        recorded_by=user,
        changes={
            "closed": closed,
            "created": created,
            "agencies": agency_changes,
            "created_agencies": [a.pk for a in created_agencies],
        },
    )
    event.predecessors.set(predecessors)
    event.successors.set(successors)
    # upward: a restructuring changes who reports, so the figures' version moves
    from ngvh.reporting.versions import reporting_version_bump_for_province

    reporting_version_bump_for_province(province_id=event.province_id, assignment_ids=[*created, *(c["id"] for c in closed)])
    return event


class UndoRefused(ValidationError):
    pass


@transaction.atomic
def restructuring_undo(*, user, event: RestructuringEvent) -> RestructuringEvent:
    """Put back exactly what the event changed, refusing when later work builds on it.

    A later restructuring that moved the same tasks on, or an edit of the dates since,
    would be silently lost by a blind undo; the coordinator undoes the later one first.
    """
    # upward: undoing a restructuring puts its task assignments back
    from ngvh.plans.models import TaskAssignment

    event = RestructuringEvent.objects.select_for_update().get(pk=event.pk)
    _require(RestructuringEventPolicy.can_undo(user, event))
    changes = event.changes or {}
    created = {a.pk: a for a in TaskAssignment.objects.select_for_update().filter(pk__in=changes.get("created", []))}
    closed = {a.pk: a for a in TaskAssignment.objects.select_for_update().filter(pk__in=[c["id"] for c in changes.get("closed", [])])}
    agencies = {a.pk: a for a in Agency.objects.select_for_update().filter(pk__in=[c["id"] for c in changes.get("agencies", [])])}

    moved_on = TaskAssignment.objects.filter(origin_id__in=list(created)).exists()
    changed_since = (
        len(created) != len(changes.get("created", []))
        or any(a.active_until is not None for a in created.values())
        or any(
            closed.get(c["id"]) is None or closed[c["id"]].active_until != dt.date.fromisoformat(c["after"])
            for c in changes.get("closed", [])
        )
        or any(
            agencies.get(c["id"]) is None or getattr(agencies[c["id"]], c["field"]) != _date_or_none(c["after"])
            for c in changes.get("agencies", [])
        )
    )
    if moved_on or changed_since:
        created_ids = set(created)
        blocking = [
            e
            for e in RestructuringEvent.objects.filter(undone_at__isnull=True, effective_date__gte=event.effective_date).exclude(pk=event.pk)
            if created_ids & {c["id"] for c in (e.changes or {}).get("closed", [])}
        ]
        names = ", ".join(f"{e.get_kind_display()} {e.effective_date:%d/%m/%Y}" for e in blocking)
        raise UndoRefused(
            _("This restructuring cannot be undone: later changes build on it%(later)s. Undo those first.")
            % {"later": f" ({names})" if names else ""}
        )

    for a in created.values():
        a.delete()
    for c in changes.get("closed", []):
        a = closed[c["id"]]
        a.active_until = _date_or_none(c["before"])
        _history_user(a, user)
        a.save(update_fields=["active_until"])
    for c in changes.get("agencies", []):
        agency = agencies[c["id"]]
        setattr(agency, c["field"], _date_or_none(c["before"]))
        _history_user(agency, user)
        agency.save(update_fields=[c["field"]])
    kept = []
    for agency in Agency.objects.filter(pk__in=changes.get("created_agencies", [])):
        # An agency the event created goes too, unless someone has since used it
        # (an account, an activity): then it stays, and the coordinator decides.
        try:
            with transaction.atomic():
                event.successors.remove(agency)
                agency.delete()
        except (ProtectedError, IntegrityError):
            kept.append(agency.pk)
    event.undone_at = timezone.now()
    event.undone_by = user
    event.changes = {**changes, "kept_agencies": kept}
    event.save(update_fields=["undone_at", "undone_by", "changes"])
    # upward: undoing a restructuring changes who reports, so the figures' version moves
    from ngvh.reporting.versions import reporting_version_bump_for_province

    reporting_version_bump_for_province(province_id=event.province_id, assignment_ids=[c["id"] for c in changes.get("closed", [])])
    return event


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# ---- restructuring files ----------------------------------------------------------------


@dataclass(frozen=True)
class FileApplyResult:
    applied: list[RestructuringEvent]
    already: list[str]
    skipped_unverified: list[str]


def _describe(planned) -> str:
    return f"{planned.kind}: {', '.join(planned.predecessors)} → {', '.join(s.name for s in planned.successors)}"


@transaction.atomic
def restructuring_file_apply(*, user, parsed, source: str = "", include_unverified: bool = False) -> FileApplyResult:
    """Apply every event of a restructuring file, or nothing at all.

    Every agency named must already be known (by name or alias), except successors the
    file marks ``new``; one unknown name refuses the whole file before anything changes.
    An event already applied (same kind, date and predecessors) is skipped, so the file
    can be run twice.
    """
    from django.utils.text import slugify

    from ngvh.core.text import ascii_key

    from .restructuring_file import RestructuringFileError

    _require(RestructuringEventPolicy.can_record(user))
    province = Province.objects.filter(code=slugify(ascii_key(nfc(parsed.province)))).first()
    if province is None:
        raise RestructuringFileError(
            message_vi=f"Chưa có tỉnh/thành phố \"{parsed.province}\" trong hệ thống: hãy nhập kế hoạch trước.",
            message_en=f"Province \"{parsed.province}\" is not in the system yet: import its plan first.",
        )
    wanted = [e for e in parsed.events if e.verified or include_unverified]
    skipped = [_describe(e) for e in parsed.events if e not in wanted]

    def find(name: str) -> Agency | None:
        key = agency_key(name)
        agency = Agency.objects.filter(province=province, name_key=key).first()
        if agency is None:
            alias = AgencyAlias.objects.filter(province=province, key=key).select_related("agency").first()
            agency = alias.agency if alias else None
        return agency

    unknown: list[str] = []
    undated: list[str] = []
    for planned in wanted:
        if planned.effective_date is None:
            undated.append(_describe(planned))
        unknown += [n for n in planned.predecessors if find(n) is None]
        unknown += [s.name for s in planned.successors if not s.new and find(s.name) is None]
    if unknown:
        names = "; ".join(dict.fromkeys(unknown))
        raise RestructuringFileError(
            message_vi=f"Không áp dụng tệp: không tìm thấy cơ quan {names}. Không có thay đổi nào được ghi.",
            message_en=f"File not applied: unknown agency {names}. Nothing was changed.",
        )
    if undated:
        raise RestructuringFileError(
            message_vi="Không áp dụng tệp: chưa có ngày hiệu lực cho " + "; ".join(undated) + ". Hãy ghi ngày vào tệp.",
            message_en="File not applied: no effective date for " + "; ".join(undated) + ". Write the date in the file.",
        )

    applied: list[RestructuringEvent] = []
    already: list[str] = []
    for planned in wanted:
        predecessors = [find(n) for n in planned.predecessors]
        existing = RestructuringEvent.objects.filter(
            undone_at__isnull=True, kind=planned.kind, effective_date=planned.effective_date,
            predecessors__in=predecessors,
        ).distinct()
        if any(set(e.predecessors.all()) == set(predecessors) for e in existing):
            already.append(_describe(planned))
            continue
        successors, new = [], []
        for s in planned.successors:
            found = find(s.name)
            if found is not None:
                successors.append(found)
            else:
                new.append(NewAgency(name=s.name, kind=s.kind, short_name=s.short_name))
        choices: dict[int, int] = {}
        if planned.task_choices:
            # A split in a file shares tasks between successors that already exist.
            # upward: a split in a restructuring file shares out tasks of the plans
            from ngvh.plans.models import Task

            tasks = dict(Task.objects.filter(plan__province=province, code__in=list(planned.task_choices)).values_list("code", "pk"))
            for code, target in planned.task_choices.items():
                agency = find(target)
                if code in tasks and agency is not None:
                    choices[tasks[code]] = agency.pk
        event = restructuring_record(
            user=user, kind=planned.kind, effective_date=planned.effective_date, predecessors=predecessors,
            successors=successors, new_successors=new, decision=planned.decision, note=planned.note, source=source,
            task_choices=choices or None,
        )
        applied.append(event)
    return FileApplyResult(applied=applied, already=already, skipped_unverified=skipped)

