"""Every write on activities, their evidence, partners and calendar subscriptions.

Each service checks the policy, checks the data, writes, and leaves a history row
with the acting user (django-simple-history), so an activity's page can say who
changed what. Files are removed from the storage only once the deletion has committed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ngvh.core.text import agency_key, nfc

from . import storage
from .data import ActivityData, validate
from .models import (
    Activity,
    ActivityCountry,
    ActivityStatus,
    Attachment,
    CalendarToken,
    ForeignPartner,
)
from .policies import ActivityPolicy, AttachmentPolicy, CalendarTokenPolicy
from .rollup import Delta, Facts, rollup_apply
from .xlsx import (
    CheckedRows,
    ImportFileError,
    ImportLookups,
    check_rows,
    fast_search_key_of,
    read_rows,
    task_code_key,
)


class UnassignedTasks(Exception):
    """The recording agency is not a current lead or coordinator of some chosen tasks.

    Not an error: the user confirms and saves again (``confirm_unassigned=True``).
    """

    def __init__(self, tasks):
        super().__init__("agency not assigned to: " + ", ".join(t.code for t in tasks))
        self.tasks = tasks


class StaleActivity(Exception):
    """Someone saved the activity after this caller read it (optimistic lock)."""

    def __init__(self, activity: Activity):
        self.message = _("Someone else changed this activity after you read it. Nothing was saved: read it again, then retry.")
        super().__init__(str(self.message))
        self.current_version = activity.updated_at.isoformat()


def unassigned_tasks(*, agency_id: int, task_ids: list[int]):
    """Chosen tasks the agency holds no current assignment on, in plan order."""
    from ngvh.plans.models import Task

    if not task_ids:
        return []
    return list(
        Task.objects.filter(pk__in=task_ids)
        .exclude(assignments__agency_id=agency_id, assignments__active_until__isnull=True)
        .order_by("order")
    )


def _check(*, plan, data: ActivityData) -> None:
    plan_task_ids = set(plan.tasks.filter(pk__in=data.task_ids).values_list("pk", flat=True)) if data.task_ids else set()
    errors = validate(data, plan_task_ids=plan_task_ids)
    if errors:
        raise ValidationError(errors)


def _partner_countries(data: ActivityData) -> list[str]:
    if not data.foreign_partner_ids:
        return []
    return list(ForeignPartner.objects.filter(pk__in=data.foreign_partner_ids).values_list("country", flat=True))


def activity_values(data: ActivityData) -> dict:
    """The stored columns (by attname) that a write takes from the form or import data.

    One definition for the single-activity services and the Excel import's bulk path; the
    search key is built from the already-normalised parts, each distinct part once.
    """
    title = nfc(data.title)
    description = (data.description or "").strip()
    place_name = nfc(data.place_name)
    outcome = (data.outcome or "").strip()
    return {
        "agency_id": data.agency_id,
        "title": title,
        "description": description,
        "kind": data.kind,
        "status": data.status,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "year": data.start_date.year,
        "place_country": data.place_country.upper(),
        "place_name": place_name,
        "participants_total": data.participants_total,
        "participants_foreign": data.participants_foreign,
        "budget_state": data.budget_state,
        "budget_private": data.budget_private,
        "budget_foreign": data.budget_foreign,
        "media_count": data.media_count,
        "outcome": outcome,
        "search_text": fast_search_key_of((title, description, place_name, outcome)),
    }


def _fill(activity: Activity, data: ActivityData) -> None:
    for name, value in activity_values(data).items():
        setattr(activity, name, value)
    if activity.status != ActivityStatus.DONE:  # only done work is ever public (a DB constraint too)
        activity.published_at = None


def _relations(activity: Activity, data: ActivityData) -> None:
    activity.tasks.set(data.task_ids)
    activity.partner_agencies.set([a for a in data.partner_agency_ids if a != data.agency_id])
    activity.foreign_partners.set(data.foreign_partner_ids)
    activity.countries.all().delete()
    ActivityCountry.objects.bulk_create(
        [ActivityCountry(activity=activity, code=c) for c in data.reached_countries(_partner_countries(data))]
    )


def _confirm(data: ActivityData, confirm_unassigned: bool) -> None:
    if confirm_unassigned:
        return
    missing = unassigned_tasks(agency_id=data.agency_id, task_ids=data.task_ids)
    if missing:
        raise UnassignedTasks(missing)


@transaction.atomic
def activity_create(*, user, plan, data: ActivityData, confirm_unassigned: bool = False, is_demo: bool = False) -> Activity:
    if not ActivityPolicy.can_create(user) or not ActivityPolicy.can_record_for(user, data.agency_id):
        raise PermissionDenied
    _check(plan=plan, data=data)
    _confirm(data, confirm_unassigned)
    activity = Activity(plan=plan, created_by=user, is_demo=is_demo)
    _fill(activity, data)
    activity._history_user = user
    activity.save()
    _relations(activity, data)
    rollup_apply(Delta().change(None, Facts.stored(activity)))
    return activity


@transaction.atomic
def activity_update(
    *, user, activity: Activity, data: ActivityData, confirm_unassigned: bool = False, expected_updated_at=None
) -> Activity:
    """``expected_updated_at``: the ``updated_at`` the caller read; a later one means a lost update."""
    activity = Activity.objects.select_for_update().select_related("plan").get(pk=activity.pk)
    if not ActivityPolicy.can_edit(user, activity) or not ActivityPolicy.can_record_for(user, data.agency_id):
        raise PermissionDenied
    if expected_updated_at is not None and activity.updated_at != expected_updated_at:
        raise StaleActivity(activity)
    _check(plan=activity.plan, data=data)
    before = set(activity.tasks.values_list("pk", flat=True))
    # Only newly chosen tasks ask for confirmation: the old ones were confirmed already.
    new = ActivityData(**{**data.__dict__, "task_ids": [t for t in data.task_ids if t not in before]})
    if activity.agency_id != data.agency_id:
        new = data
    _confirm(new, confirm_unassigned)
    before_facts = Facts.stored(activity)
    _fill(activity, data)
    activity._history_user = user
    activity.save()
    _relations(activity, data)
    rollup_apply(Delta().change(before_facts, Facts.stored(activity)))
    return activity


@transaction.atomic
def activity_publish(*, user, activity: Activity, published: bool) -> Activity:
    """Show (or stop showing) the activity on the public site ("công khai").

    Only a done activity that an accepted report counts may be shown: what the public sees
    is what the focal point has accepted.
    """
    # upward: only an activity an accepted report counts may be published, a rule of the reports above
    from ngvh.reporting.models import ReportLine, ReportStatus

    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    accepted = ReportLine.objects.filter(activities=activity, report__status=ReportStatus.ACCEPTED).exists()
    if not ActivityPolicy.can_edit(user, activity):
        raise PermissionDenied
    if published and not ActivityPolicy.can_publish(user, activity, in_accepted_report=accepted):
        raise ValidationError(
            _("Only a done activity that is part of an accepted report can be shown on the public site.")
        )
    if published == (activity.published_at is not None):
        return activity
    activity.published_at = timezone.now() if published else None
    activity._history_user = user
    activity.save(update_fields=["published_at", "updated_at"])
    return activity


@transaction.atomic
def activity_delete(*, user, activity: Activity) -> None:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not ActivityPolicy.can_delete(user, activity):
        raise PermissionDenied
    names = [n for a in activity.attachments.all() for n in (a.stored_name, a.thumbnail_name)]
    rollup_apply(Delta().change(Facts.stored(activity), None))
    for attachment in activity.attachments.all():
        attachment._history_user = user
        attachment.delete()
    activity._history_user = user
    activity.delete()
    transaction.on_commit(lambda: storage.remove(*names))


# ---- attachments ------------------------------------------------------------------------


@transaction.atomic
def attachment_add(*, user, activity: Activity, upload, is_public: bool = False, caption: str = "") -> Attachment:
    """Store one evidence file. Refused files raise ``ValidationError`` on ``file``.

    The file is written before the row; if the row cannot be saved the file goes too.
    (An outer transaction rolled back later leaves an unreferenced file: harmless, as
    nothing can address it, and swept by deleting files no row names.)"""
    if not AttachmentPolicy.can_add(user, activity):
        raise PermissionDenied
    try:
        stored = storage.store(upload)
    except storage.RefusedFile as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    attachment = Attachment(
        activity=activity,
        stored_name=stored.stored_name,
        thumbnail_name=stored.thumbnail_name,
        original_name=storage.sanitise_name(getattr(upload, "name", "") or ""),
        content_type=stored.content_type,
        extension=stored.extension,
        size=stored.size,
        is_image=stored.is_image,
        is_public=is_public,
        caption=nfc(caption)[:255],
        uploaded_by=user,
    )
    attachment._history_user = user
    try:
        attachment.save()
    except Exception:
        storage.remove(stored.stored_name, stored.thumbnail_name)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, user, attachment: Attachment) -> None:
    attachment = Attachment.objects.select_related("activity").get(pk=attachment.pk)
    if not AttachmentPolicy.can_delete(user, attachment):
        raise PermissionDenied
    names = (attachment.stored_name, attachment.thumbnail_name)
    attachment._history_user = user
    attachment.delete()
    transaction.on_commit(lambda: storage.remove(*names))


# ---- foreign partners -------------------------------------------------------------------


@transaction.atomic
def foreign_partner_ensure(*, user, name: str, country: str, kind: str = "locality") -> ForeignPartner:
    """The registry entry for a partner, created the first time it is named."""
    from ngvh.core.countries import is_country

    if not ActivityPolicy.can_create(user):
        raise PermissionDenied
    name = nfc(name)
    if not name:
        raise ValidationError({"new_partner_name": [_("Enter the partner's name.")]})
    if not is_country(country):
        raise ValidationError({"new_partner_country": [_("Choose the partner's country.")]})
    partner, _created = ForeignPartner.objects.get_or_create(
        country=country.upper(), name_key=agency_key(name), defaults={"name": name, "kind": kind}
    )
    return partner


# ---- calendar ---------------------------------------------------------------------------


@transaction.atomic
def calendar_token_ensure(*, user, plan, agency=None) -> CalendarToken:
    if not CalendarTokenPolicy.can_create(user, agency.pk if agency else None):
        raise PermissionDenied
    token = CalendarToken.objects.filter(user=user, plan=plan, agency=agency).first()
    if token is None:
        token = CalendarToken.objects.create(user=user, plan=plan, agency=agency, token=secrets.token_urlsafe(32))
    return token


@transaction.atomic
def calendar_token_reset(*, user, token: CalendarToken) -> CalendarToken:
    """A new address; the old one stops working at once (e.g. after sharing it by mistake)."""
    if token.user_id != user.pk:
        raise PermissionDenied
    token.token = secrets.token_urlsafe(32)
    token.save(update_fields=["token"])
    return token


# ---- Excel import -----------------------------------------------------------------------


@dataclass
class ImportOutcome:
    checked: CheckedRows | None
    saved: int = 0
    file_error: str = ""
    committed: bool = False
    activity_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_error and self.checked is not None and self.checked.ok


def import_lookups(*, user, plan) -> ImportLookups:
    """The dictionaries the row checks need, in five queries whatever the file size."""
    from ngvh.agencies.models import Agency, AgencyAlias
    from ngvh.core.countries import country_lookup
    from ngvh.plans.models import TaskAssignment

    tasks = {}
    task_codes = {}
    for pk, code in plan.tasks.values_list("pk", "code"):
        tasks[task_code_key(code)] = pk
        task_codes[pk] = code
    agencies = {}
    for pk, name, key, short in Agency.objects.filter(province_id=plan.province_id).values_list("pk", "name", "name_key", "short_name"):
        agencies[key or agency_key(name)] = pk
        if short:
            agencies.setdefault(agency_key(short), pk)
    for alias_key, agency_id in AgencyAlias.objects.filter(province_id=plan.province_id).values_list("key", "agency_id"):
        agencies.setdefault(alias_key, agency_id)
    assignments = set(
        TaskAssignment.objects.filter(task__plan=plan, active_until__isnull=True).values_list("agency_id", "task_id")
    )
    return ImportLookups(
        tasks=tasks,
        agencies=agencies,
        countries=country_lookup(),
        default_agency_id=ActivityPolicy.default_agency_id(user),
        allowed_agency_ids=ActivityPolicy.recordable_agency_ids(user),
        assignments=assignments,
        task_codes=task_codes,
    )


def activities_import_xlsx(*, user, plan, data: bytes, commit: bool) -> ImportOutcome:
    """Check every row of an import file; with ``commit`` and no problem, save them all.

    All rows or none: one bad row and nothing is written. Fast by construction: lookups
    are fetched once, rows are checked in memory, then activities, their history and
    their task/agency/country links go in with one bulk insert each.
    """
    if not ActivityPolicy.can_import(user):
        raise PermissionDenied
    try:
        rows = read_rows(data)
    except ImportFileError as exc:
        return ImportOutcome(checked=None, file_error=str(exc))
    checked = check_rows(rows, import_lookups(user=user, plan=plan))
    outcome = ImportOutcome(checked=checked)
    if not commit or not checked.ok or not checked.rows:
        return outcome
    outcome.activity_ids = _bulk_save(user=user, plan=plan, rows=[d for _n, d in checked.rows])
    outcome.saved = len(outcome.activity_ids)
    outcome.committed = True
    return outcome


@transaction.atomic
def _bulk_save(*, user, plan, rows: list[ActivityData]) -> list[int]:
    """Insert activities, their creation history rows (attributed to ``user``) and links."""
    from django.db.models import Max
    from django.utils import timezone

    from .bulk import insert_many

    stamp = timezone.now()
    before = Activity.objects.aggregate(top=Max("id"))["top"] or 0
    fields = [f.attname for f in Activity._meta.concrete_fields if not f.primary_key]
    # The columns no row sets (defaults, who, when) are the same for every row: taken once
    # from one unsaved instance, so ten thousand rows build no model instance at all.
    template = Activity(plan=plan, created_by=user, created_at=stamp, updated_at=stamp)
    base = {name: getattr(template, name) for name in fields}
    records = []
    for data in rows:
        record = dict(base)
        record.update(activity_values(data))
        records.append(record)
    insert_many(Activity, records)
    ids = list(
        Activity.objects.filter(id__gt=before, created_by=user, created_at=stamp).order_by("id").values_list("id", flat=True)
    )
    if len(ids) != len(records):  # pragma: no cover - would mean a concurrent import at the same microsecond
        raise RuntimeError("imported rows could not be identified")
    history_fields = [f.attname for f in Activity.history.model._meta.concrete_fields if f.attname != "history_id"]
    special = {"history_date": stamp, "history_type": "+", "history_user_id": user.pk, "history_change_reason": "import"}
    history = []
    for pk, record in zip(ids, records, strict=True):
        record["id"] = pk
        history.append({name: special[name] if name in special else record[name] for name in history_fields})
    insert_many(Activity.history.model, history)
    task_links, partner_links, countries = [], [], []
    for pk, data in zip(ids, rows, strict=True):
        task_links.extend({"activity_id": pk, "task_id": t} for t in data.task_ids)
        partner_links.extend({"activity_id": pk, "agency_id": a} for a in data.partner_agency_ids if a != data.agency_id)
        countries.extend({"activity_id": pk, "code": c} for c in data.reached_countries())
    insert_many(Activity.tasks.through, task_links)
    insert_many(Activity.partner_agencies.through, partner_links)
    insert_many(ActivityCountry, countries)
    delta = Delta()
    for record, data in zip(records, rows, strict=True):
        delta.add(Facts.of_values(plan.pk, record, data.reached_countries()))
    rollup_apply(delta)
    return ids
