"""Writes to the agency registry and its restructurings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from ngvh.core.messages import Message
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
    _require(RestructuringEventPolicy.can_record(user))
    if effective_date is None:
        raise ValidationError({"effective_date": _("Enter the date from which the change applies.")})
    predecessors = list(Agency.objects.select_for_update().filter(pk__in=[a.pk for a in predecessors]).order_by("pk"))
    successors = list(successors or [])
    province = predecessors[0].province if predecessors else (successors[0].province if successors else None)
    created_agencies = _create_successors(user=user, province=province, specs=new_successors or [], effective_date=effective_date)
    successors = successors + created_agencies
    _check_shape(kind, predecessors, successors)
    until = _day_before(effective_date)
    _check_agencies_in_force(predecessors, successors, effective_date)
    current = _current_assignments(predecessors)
    choices: dict[int, int] = {}
    if kind == RestructuringKind.SPLIT:
        choices = _split_choices(task_choices or {}, current=current, successors=successors, created_agencies=created_agencies)
    _check_assignments_started(current, until)

    closed, created = _hand_over_all(current, kind=kind, successors=successors, choices=choices, effective_date=effective_date, user=user)
    agency_changes = _close_predecessors(predecessors, until=until, user=user)

    event = RestructuringEvent.objects.create(
        province=province,
        kind=kind,
        effective_date=effective_date,
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


def _create_successors(*, user, province: Province | None, specs: list[NewAgency], effective_date: dt.date) -> list[Agency]:
    """The successors the restructuring forms, in force from its effective date."""
    if province is None:
        return []
    return [
        agency_create(
            user=user, province=province, name=spec.name, kind=spec.kind, short_name=spec.short_name,
            active_from=effective_date,
        )
        for spec in specs
    ]


def _check_agencies_in_force(predecessors: list[Agency], successors: list[Agency], effective_date: dt.date) -> None:
    """Predecessors still in force on the day before, successors still in force on the day."""
    until = _day_before(effective_date)
    for agency in predecessors:
        if agency.active_until is not None and agency.active_until < effective_date:
            raise ValidationError(
                {"predecessors": _("%(agency)s already ceased on %(date)s.") % {"agency": agency.name, "date": f"{agency.active_until:%d/%m/%Y}"}}
            )
        if agency.active_from is not None and agency.active_from > until:
            raise ValidationError(
                {"effective_date": _("%(agency)s only started on %(date)s: the change must come after that.") % {"agency": agency.name, "date": f"{agency.active_from:%d/%m/%Y}"}}
            )
    for agency in successors:
        if agency.active_until is not None and agency.active_until < effective_date:
            raise ValidationError(
                {"successors": _("%(agency)s ceased on %(date)s and cannot take over tasks.") % {"agency": agency.name, "date": f"{agency.active_until:%d/%m/%Y}"}}
            )


def _current_assignments(predecessors: list[Agency]) -> list:
    """The predecessors' current assignments, locked, leads first.

    Leads first: a successor that receives a lead and a coordinating role on one task
    from two predecessors ends up lead, never both.
    """
    # upward: a restructuring hands the predecessors' task assignments to the successors
    from ngvh.plans.models import AssignmentRole, TaskAssignment

    current = list(
        TaskAssignment.objects.select_for_update()
        .filter(agency__in=predecessors, active_until__isnull=True)
        .select_related("task", "agency")
        .order_by("task_id", "order", "id")
    )
    current.sort(key=lambda a: (a.role != AssignmentRole.LEAD, a.task_id, a.order, a.id))
    return current


def _split_choices(
    task_choices: dict[int, int | str], *, current: list, successors: list[Agency], created_agencies: list[Agency]
) -> dict[int, int]:
    """``{task_id: successor_id}`` of a split; every task held must go to a successor.

    A choice names an agency by id, or a new successor (created above) by its name.
    """
    successor_ids = {a.pk for a in successors}
    created_by_key = {a.name_key: a.pk for a in created_agencies}
    choices = {
        int(k): (created_by_key.get(agency_key(v), 0) if isinstance(v, str) and not v.isdigit() else int(v))
        for k, v in task_choices.items()
    }
    missing = sorted({a.task.code for a in current if choices.get(a.task_id) not in successor_ids})
    if missing:
        raise ValidationError(
            {"task_choices": _("Choose which successor takes each task: %(tasks)s.") % {"tasks": ", ".join(missing)}}
        )
    return choices


def _check_assignments_started(current: list, until: dt.date) -> None:
    """No assignment may be closed before it started."""
    for a in current:
        if a.active_from is not None and a.active_from > until:
            raise ValidationError(
                {"effective_date": _("Task %(task)s only passed to %(agency)s on %(date)s: the change must come after that.")
                 % {"task": a.task.code, "agency": a.agency.name, "date": f"{a.active_from:%d/%m/%Y}"}}
            )


def _hand_over_all(
    current: list, *, kind: str, successors: list[Agency], choices: dict[int, int], effective_date: dt.date, user
) -> tuple[list[dict], list[int]]:
    """Hand each current assignment to its successor (a split's by the choices); the
    assignments closed and opened, for the event's undo record."""
    by_id = {a.pk: a for a in successors}
    closed: list[dict] = []
    created: list[int] = []
    for a in current:
        target = by_id[choices[a.task_id]] if kind == RestructuringKind.SPLIT else successors[0]
        _hand_over(a, target=target, effective_date=effective_date, user=user, closed=closed, created=created)
    return closed, created


def _close(assignment, *, until: dt.date, user, closed: list[dict]) -> None:
    assignment.active_until = until
    _history_user(assignment, user)
    assignment.save(update_fields=["active_until"])
    closed.append({"id": assignment.pk, "before": None, "after": until.isoformat()})


def _hand_over(assignment, *, target: Agency, effective_date: dt.date, user, closed: list[dict], created: list[int]) -> None:
    """Close ``assignment`` the day before and reopen it for ``target``, keeping the stronger role.

    Appends what it changed to ``closed`` and ``created`` (the event's undo record).
    """
    # upward: a restructuring hands the predecessors' task assignments to the successors
    from ngvh.plans.models import AssignmentRole, TaskAssignment

    until = _day_before(effective_date)
    _close(assignment, until=until, user=user, closed=closed)
    held = list(
        TaskAssignment.objects.select_for_update().filter(task_id=assignment.task_id, agency=target, active_until__isnull=True)
    )
    roles = {h.role: h for h in held}
    if assignment.role in roles:
        return
    if assignment.role == AssignmentRole.COORDINATOR and AssignmentRole.LEAD in roles:
        return
    if assignment.role == AssignmentRole.LEAD and AssignmentRole.COORDINATOR in roles:
        _close(roles[AssignmentRole.COORDINATOR], until=until, user=user, closed=closed)
    new = TaskAssignment(
        task_id=assignment.task_id, agency=target, role=assignment.role, order=assignment.order,
        active_from=effective_date, origin=assignment,
    )
    _history_user(new, user)
    new.save()
    created.append(new.pk)


def _close_predecessors(predecessors: list[Agency], *, until: dt.date, user) -> list[dict]:
    """End the predecessors the day before (unless they end earlier already); what changed."""
    changes = []
    for agency in predecessors:
        before = agency.active_until
        if before is None or before > until:
            agency.active_until = until
            _history_user(agency, user)
            agency.save(update_fields=["active_until"])
            changes.append(
                {"id": agency.pk, "field": "active_until", "before": before.isoformat() if before else None, "after": until.isoformat()}
            )
    return changes


class UndoRefused(ValidationError):
    pass


@dataclass
class _Recorded:
    """What an event changed, as it stands now (rows locked)."""

    created: dict
    closed: dict
    agencies: dict


@transaction.atomic
def restructuring_undo(*, user, event: RestructuringEvent) -> RestructuringEvent:
    """Put back exactly what the event changed, refusing when later work builds on it.

    A later restructuring that moved the same tasks on, or an edit of the dates since,
    would be silently lost by a blind undo; the coordinator undoes the later one first.
    """
    event = RestructuringEvent.objects.select_for_update().get(pk=event.pk)
    _require(RestructuringEventPolicy.can_undo(user, event))
    changes = event.changes or {}
    recorded = _recorded_rows(changes)
    if _moved_on(recorded) or _changed_since(changes, recorded):
        raise _undo_refusal(event, recorded)
    _put_back(changes, recorded, user=user)
    kept = _remove_created_agencies(event, changes.get("created_agencies", []))
    event.undone_at = timezone.now()
    event.undone_by = user
    event.changes = {**changes, "kept_agencies": kept}
    event.save(update_fields=["undone_at", "undone_by", "changes"])
    # upward: undoing a restructuring changes who reports, so the figures' version moves
    from ngvh.reporting.versions import reporting_version_bump_for_province

    reporting_version_bump_for_province(province_id=event.province_id, assignment_ids=[c["id"] for c in changes.get("closed", [])])
    return event


def _recorded_rows(changes: dict) -> _Recorded:
    # upward: undoing a restructuring puts its task assignments back
    from ngvh.plans.models import TaskAssignment

    locked = TaskAssignment.objects.select_for_update()
    return _Recorded(
        created={a.pk: a for a in locked.filter(pk__in=changes.get("created", []))},
        closed={a.pk: a for a in locked.filter(pk__in=[c["id"] for c in changes.get("closed", [])])},
        agencies={a.pk: a for a in Agency.objects.select_for_update().filter(pk__in=[c["id"] for c in changes.get("agencies", [])])},
    )


def _moved_on(recorded: _Recorded) -> bool:
    """A later restructuring passed on an assignment this one opened."""
    # upward: undoing a restructuring puts its task assignments back
    from ngvh.plans.models import TaskAssignment

    return TaskAssignment.objects.filter(origin_id__in=list(recorded.created)).exists()


def _changed_since(changes: dict, recorded: _Recorded) -> bool:
    """A row the event wrote is gone or no longer holds what the event wrote."""
    return (
        len(recorded.created) != len(changes.get("created", []))
        or any(a.active_until is not None for a in recorded.created.values())
        or any(
            recorded.closed.get(c["id"]) is None or recorded.closed[c["id"]].active_until != dt.date.fromisoformat(c["after"])
            for c in changes.get("closed", [])
        )
        or any(
            recorded.agencies.get(c["id"]) is None or getattr(recorded.agencies[c["id"]], c["field"]) != _date_or_none(c["after"])
            for c in changes.get("agencies", [])
        )
    )


def _undo_refusal(event: RestructuringEvent, recorded: _Recorded) -> UndoRefused:
    """The refusal, naming the later restructurings that closed what this one opened."""
    created_ids = set(recorded.created)
    blocking = [
        e
        for e in RestructuringEvent.objects.filter(undone_at__isnull=True, effective_date__gte=event.effective_date).exclude(pk=event.pk)
        if created_ids & {c["id"] for c in (e.changes or {}).get("closed", [])}
    ]
    names = ", ".join(f"{e.get_kind_display()} {e.effective_date:%d/%m/%Y}" for e in blocking)
    return UndoRefused(
        _("This restructuring cannot be undone: later changes build on it%(later)s. Undo those first.")
        % {"later": f" ({names})" if names else ""}
    )


def _put_back(changes: dict, recorded: _Recorded, *, user) -> None:
    """Delete the assignments the event opened, reopen those it closed, restore the agencies' dates."""
    for a in recorded.created.values():
        a.delete()
    for c in changes.get("closed", []):
        a = recorded.closed[c["id"]]
        a.active_until = _date_or_none(c["before"])
        _history_user(a, user)
        a.save(update_fields=["active_until"])
    for c in changes.get("agencies", []):
        agency = recorded.agencies[c["id"]]
        setattr(agency, c["field"], _date_or_none(c["before"]))
        _history_user(agency, user)
        agency.save(update_fields=[c["field"]])


def _remove_created_agencies(event: RestructuringEvent, agency_ids: list[int]) -> list[int]:
    """Delete the agencies the event created; return those kept because something uses them.

    An agency someone has since used (an account, an activity) stays, and the coordinator
    decides.
    """
    kept = []
    for agency in Agency.objects.filter(pk__in=agency_ids):
        try:
            with transaction.atomic():
                event.successors.remove(agency)
                agency.delete()
        except (ProtectedError, IntegrityError):
            kept.append(agency.pk)
    return kept


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
    _require(RestructuringEventPolicy.can_record(user))
    province = _file_province(parsed)
    wanted = [e for e in parsed.events if e.verified or include_unverified]
    skipped = [_describe(e) for e in parsed.events if e not in wanted]
    find = _AgencyFinder(province)
    _check_file(wanted, find)

    applied: list[RestructuringEvent] = []
    already: list[str] = []
    for planned in wanted:
        predecessors = [find(n) for n in planned.predecessors]
        if _already_applied(planned, predecessors):
            already.append(_describe(planned))
            continue
        successors, new = _file_successors(planned, find)
        choices = _file_task_choices(planned, province, find)
        event = restructuring_record(
            user=user, kind=planned.kind, effective_date=planned.effective_date, predecessors=predecessors,
            successors=successors, new_successors=new, decision=planned.decision, note=planned.note, source=source,
            task_choices=choices or None,
        )
        applied.append(event)
    return FileApplyResult(applied=applied, already=already, skipped_unverified=skipped)


def _file_province(parsed) -> Province:
    from django.utils.text import slugify

    from ngvh.core.text import ascii_key

    from .restructuring_file import RestructuringFileError

    province = Province.objects.filter(code=slugify(ascii_key(nfc(parsed.province)))).first()
    if province is None:
        raise RestructuringFileError(Message("agencies.file.unknown_province", {"province": parsed.province}))
    return province


class _AgencyFinder:
    """An agency of the province by its name or one of its aliases, or None."""

    def __init__(self, province: Province):
        self.province = province

    def __call__(self, name: str) -> Agency | None:
        key = agency_key(name)
        agency = Agency.objects.filter(province=self.province, name_key=key).first()
        if agency is None:
            alias = AgencyAlias.objects.filter(province=self.province, key=key).select_related("agency").first()
            agency = alias.agency if alias else None
        return agency


def _check_file(wanted: list, find: _AgencyFinder) -> None:
    """Refuse the whole file on one unknown agency or one undated event."""
    from .restructuring_file import RestructuringFileError

    unknown: list[str] = []
    undated: list[str] = []
    for planned in wanted:
        if planned.effective_date is None:
            undated.append(_describe(planned))
        unknown += [n for n in planned.predecessors if find(n) is None]
        unknown += [s.name for s in planned.successors if not s.new and find(s.name) is None]
    if unknown:
        names = "; ".join(dict.fromkeys(unknown))
        raise RestructuringFileError(Message("agencies.file.unknown_agencies", {"names": names}))
    if undated:
        raise RestructuringFileError(Message("agencies.file.undated", {"events": "; ".join(undated)}))


def _already_applied(planned, predecessors: list[Agency]) -> bool:
    """The same kind of change, on the same date, of the same predecessors, not undone."""
    existing = RestructuringEvent.objects.filter(
        undone_at__isnull=True, kind=planned.kind, effective_date=planned.effective_date,
        predecessors__in=predecessors,
    ).distinct()
    return any(set(e.predecessors.all()) == set(predecessors) for e in existing)


def _file_successors(planned, find: _AgencyFinder) -> tuple[list[Agency], list[NewAgency]]:
    """The successors the file names: those known, and those it forms."""
    successors, new = [], []
    for s in planned.successors:
        found = find(s.name)
        if found is not None:
            successors.append(found)
        else:
            new.append(NewAgency(name=s.name, kind=s.kind, short_name=s.short_name))
    return successors, new


def _file_task_choices(planned, province: Province, find: _AgencyFinder) -> dict[int, int]:
    """A split in a file shares tasks (by code) between successors that already exist."""
    if not planned.task_choices:
        return {}
    # upward: a split in a restructuring file shares out tasks of the plans
    from ngvh.plans.models import Task

    tasks = dict(Task.objects.filter(plan__province=province, code__in=list(planned.task_choices)).values_list("code", "pk"))
    choices: dict[int, int] = {}
    for code, target in planned.task_choices.items():
        agency = find(target)
        if code in tasks and agency is not None:
            choices[tasks[code]] = agency.pk
    return choices
